package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.protocol.crypto.Hex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as the REST API shows them: amounts as exact decimal strings (JavaScript numbers
 * lose digits past 2^53), bytes as lowercase hex, enums as their names.
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static ObjectNode record(IndexedRecord record) {
        ObjectNode out = NODES.objectNode();
        for (Schema.Field f : record.getSchema().getFields()) {
            out.set(f.name(), value(record.get(f.pos())));
        }
        return out;
    }

    public static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof IndexedRecord r) {
            return record(r);
        }
        if (v instanceof BigDecimal d) {
            return NODES.textNode(d.toPlainString());
        }
        if (v instanceof BigInteger i) {
            return NODES.textNode(i.toString());
        }
        if (v instanceof ByteBuffer b) {
            return NODES.textNode(Hex.encode(b));
        }
        if (v instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        // before GenericContainer: Avro's arrays are GenericContainers too, and their toString()
        // would print each ByteBuffer as "java.nio.HeapByteBuffer[...]"
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof GenericFixed f) {
            return NODES.textNode(Hex.encode(f.bytes()));
        }
        if (v instanceof GenericContainer c) {
            return NODES.textNode(c.toString()); // generic enums
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(k.toString(), value(x)));
            return o;
        }
        return NODES.textNode(v.toString());
    }
}
