package io.stakestream.ledger.instructions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Rejected;

/** Provider metadata: a JSON object with a "url" string and optionally a "name" [Function Network]. */
final class Metadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BYTES = 4096;

    private Metadata() {}

    static void check(String json) {
        Rejected.unless(json != null && json.length() <= MAX_BYTES, RejectReason.INVALID_METADATA,
                "metadata must be a JSON object of at most " + MAX_BYTES + " bytes");
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
        JsonNode name = node.get("name");
        Rejected.unless(name == null || name.isTextual(), RejectReason.INVALID_METADATA, "metadata \"name\" must be a string");
    }
}
