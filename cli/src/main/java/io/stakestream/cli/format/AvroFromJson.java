package io.stakestream.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.protocol.crypto.Hex;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The way back from the query API's JSON (amounts as base-unit strings, bytes as hex, enums by
 * name) to a generated record, e.g. the current global parameters that `network update` changes.
 */
public final class AvroFromJson {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private AvroFromJson() {
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T read(JsonNode json, Schema schema) {
        return (T) value(json, schema);
    }

    /** Arrays the query API wrote as the text of Avro's toString (before issue 10's JSON fix) are JSON in that text. */
    private static JsonNode textual(JsonNode n) {
        if (!n.isTextual()) {
            return n;
        }
        try {
            return JSON.readTree(n.asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the query API wrote an array this client cannot read: " + n.asText());
        }
    }

    private static Object value(JsonNode n, Schema s) {
        if (s.getLogicalType() instanceof LogicalTypes.Decimal) {
            return new BigDecimal(n.asText());
        }
        return switch (s.getType()) {
            case RECORD -> {
                SpecificRecord r = (SpecificRecord) SpecificData.get().newRecord(null, s);
                for (Schema.Field f : s.getFields()) {
                    JsonNode v = n.get(f.name());
                    r.put(f.pos(), v == null || v.isMissingNode() ? SpecificData.get().getDefaultValue(f) : value(v, f.schema()));
                }
                yield r;
            }
            case UNION -> {
                if (n.isNull()) {
                    yield null;
                }
                yield value(n, s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow());
            }
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                textual(n).forEach(x -> out.add(value(x, s.getElementType())));
                yield out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue(), s.getValueType())));
                yield out;
            }
            case ENUM -> SpecificData.get().createEnum(n.asText(), s);
            case BYTES -> ByteBuffer.wrap(Hex.decode(n.asText()));
            case STRING -> n.asText();
            case INT -> n.asInt();
            case LONG -> n.asLong();
            case BOOLEAN -> n.asBoolean();
            default -> throw new IllegalArgumentException("cannot read " + s.getType() + " from JSON");
        };
    }
}
