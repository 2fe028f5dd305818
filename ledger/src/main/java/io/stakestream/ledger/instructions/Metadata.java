package io.stakestream.ledger.instructions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Rejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Provider metadata: a JSON object with a "url" string [Function Network] and the operator's
 * profile [Inference.net OperatorPool]: "name" up to 64 bytes, "description" up to 200,
 * "website" up to 64 and "avatarUrl" up to 128, the two addresses http or https. Every limit
 * counts UTF-8 bytes, as the on-chain program does.
 */
final class Metadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BYTES = 4096;

    private Metadata() {}

    static void check(String json) {
        Rejected.unless(json != null && bytes(json) <= MAX_BYTES, RejectReason.INVALID_METADATA,
                "metadata must be a JSON object of at most " + MAX_BYTES + " bytes in UTF-8");
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Rejected(RejectReason.INVALID_METADATA, "metadata is not valid JSON: " + e.getOriginalMessage());
        }
        Rejected.unless(node != null && node.isObject(), RejectReason.INVALID_METADATA, "metadata must be a JSON object");
        JsonNode url = node.get("url");
        Rejected.unless(url != null && url.isTextual() && !url.asText().isBlank(), RejectReason.INVALID_METADATA,
                "metadata must hold a \"url\" string: the address of the provider's node");
        text(node, "name", 64);
        text(node, "description", 200);
        webAddress(node, "website", 64);
        webAddress(node, "avatarUrl", 128);
    }

    /** An optional string field of at most maxBytes; returns it, or null when absent. */
    private static String text(JsonNode node, String field, int maxBytes) {
        JsonNode v = node.get(field);
        if (v == null) return null;
        Rejected.unless(v.isTextual(), RejectReason.INVALID_METADATA, "metadata \"" + field + "\" must be a string");
        Rejected.unless(bytes(v.asText()) <= maxBytes, RejectReason.INVALID_METADATA,
                "metadata \"" + field + "\" is at most " + maxBytes + " bytes in UTF-8");
        return v.asText();
    }

    private static void webAddress(JsonNode node, String field, int maxBytes) {
        String v = text(node, field, maxBytes);
        if (v == null) return;
        Rejected.unless(isWebAddress(v), RejectReason.INVALID_METADATA,
                "metadata \"" + field + "\" must be an http:// or https:// address with a host");
    }

    private static boolean isWebAddress(String v) {
        try {
            URI uri = new URI(v);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
