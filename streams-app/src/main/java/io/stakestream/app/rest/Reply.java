package io.stakestream.app.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** One HTTP answer: status, content type, body. */
public record Reply(int status, String contentType, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json";

    static Reply json(int status, JsonNode node) {
        try {
            return new Reply(status, JSON_TYPE, JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply ok(JsonNode node) {
        return json(200, node);
    }

    static Reply error(int status, String message, boolean retryable) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message);
        o.put("retryable", retryable);
        return json(status, o);
    }

    /** 503: the answer exists but cannot be given right now (rebalance, restore, owner unreachable). */
    static Reply unavailable(String why) {
        return error(503, why, true);
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
