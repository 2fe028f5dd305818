package io.stakestream.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.app.rest.AvroJson;
import io.stakestream.cli.Units;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;

/**
 * JSON as the CLI prints it: amounts as exact decimal strings in tokens and dollars ("1500.25"),
 * or base-unit strings with --base-units; times as ISO-8601; bytes as hex; enums by name.
 */
public final class HumanJson {

    private final boolean baseUnits;

    public HumanJson(boolean baseUnits) {
        this.baseUnits = baseUnits;
    }

    public ObjectNode record(IndexedRecord record) {
        ObjectNode o = tree(record);
        humanize(o);
        return o;
    }

    /** The record as the query API shows it (base units, millisecond times), to add computed fields before {@link #humanize}. */
    public static ObjectNode tree(IndexedRecord record) {
        return (ObjectNode) avro(record);
    }

    /** Records, arrays and maps walked here (arrays of records as JSON arrays); scalars as the query API writes them. */
    private static JsonNode avro(Object v) {
        if (v instanceof IndexedRecord r) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            r.getSchema().getFields().forEach(f -> o.set(f.name(), avro(r.get(f.pos()))));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            c.forEach(x -> a.add(avro(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            m.forEach((k, x) -> o.set(k.toString(), avro(x)));
            return o;
        }
        return AvroJson.value(v);
    }

    /** Rewrites amounts and times in place, at any depth. */
    public JsonNode humanize(JsonNode node) {
        if (node instanceof ArrayNode a) {
            a.forEach(this::humanize);
        } else if (node instanceof ObjectNode o) {
            String asset = o.path("asset").isTextual() ? o.path("asset").asText() : null;
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> f : fields) {
                JsonNode v = f.getValue();
                AmountFields.Unit unit = AmountFields.unit(f.getKey(), asset);
                if (unit != null && v.isTextual() && v.asText().matches("\\d+")) {
                    o.put(f.getKey(), amount(v.asText(), unit));
                } else if (unit != null && v.isArray()) {
                    ArrayNode converted = o.putArray(f.getKey());
                    v.forEach(x -> converted.add(x.isTextual() && x.asText().matches("\\d+") ? amount(x.asText(), unit) : x.asText()));
                } else if (AmountFields.isTime(f.getKey()) && v.isIntegralNumber() && v.asLong() > 0) {
                    o.put(f.getKey(), Instant.ofEpochMilli(v.asLong()).toString());
                } else {
                    humanize(v);
                }
            }
        }
        return node;
    }

    private String amount(String base, AmountFields.Unit unit) {
        if (baseUnits || unit == AmountFields.Unit.RAW) {
            return base;
        }
        int decimals = unit == AmountFields.Unit.USDC ? Units.USDC_DECIMALS : Units.TOKEN_DECIMALS;
        BigDecimal v = new BigDecimal(base).movePointLeft(decimals).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }
}
