package io.stakestream.app.testkit;

import io.stakestream.avro.CommandPayload;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.protocol.serde.ConfluentWireFormat;
import io.stakestream.protocol.serde.SignedPayloads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Command payloads written the way a client in another language writes them: a schema of its own
 * (parsed from JSON, registered under the payload subject), GenericRecord values and amounts as
 * raw two's-complement bytes, none of the project's generated classes or conversions. The bytes
 * it returns are what that client signs and sends.
 */
public final class ForeignPayloads {

    private final SchemaRegistryClient registry;
    private final Schema schema;

    private ForeignPayloads(SchemaRegistryClient registry, String schemaJson) {
        this.registry = registry;
        this.schema = new Schema.Parser().parse(schemaJson);
    }

    /** Our schema, as JSON text, read by the client's own parser. */
    public static ForeignPayloads sameSchema(SchemaRegistryClient registry) {
        return new ForeignPayloads(registry, ourJson());
    }

    /** A compatible newer schema: an extra field, with a default, in front of the others. */
    public static ForeignPayloads withExtraField(SchemaRegistryClient registry) {
        String json = ourJson().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"clientMemo\",\"type\":\"string\",\"default\":\"\"},");
        return new ForeignPayloads(registry, json);
    }

    /** A schema that declares every amount with one decimal place: 15 on the wire means 1.5 to this writer. */
    public static ForeignPayloads withAmountScale(SchemaRegistryClient registry, int scale) {
        return new ForeignPayloads(registry, ourJson().replace("\"scale\":0", "\"scale\":" + scale));
    }

    private static String ourJson() {
        return CommandPayload.getClassSchema().toString();
    }

    /** A Stake payload; {@code unscaledAmount} is written as exactly these bytes (any two's-complement length). */
    public byte[] stake(String commandId, String poolId, Actor actor, long nonce, byte[] unscaledAmount) {
        Schema stakeSchema = branch("Stake");
        GenericRecord stake = new GenericData.Record(stakeSchema);
        stake.put("amount", ByteBuffer.wrap(unscaledAmount));
        GenericRecord payload = new GenericData.Record(schema);
        if (schema.getField("clientMemo") != null) payload.put("clientMemo", "sent from another Avro library");
        payload.put("commandId", commandId);
        payload.put("poolId", poolId);
        payload.put("actor", ByteBuffer.wrap(actor.key().account()));
        payload.put("nonce", nonce);
        payload.put("body", stake);
        return frame(payload);
    }

    /** {@code value} in two's complement, padded in front to {@code length} bytes (longer than Java's minimal form). */
    public static byte[] padded(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        if (minimal.length > length) throw new IllegalArgumentException(value + " needs more than " + length + " bytes");
        byte[] out = new byte[length];
        byte fill = value.signum() < 0 ? (byte) 0xff : 0;
        java.util.Arrays.fill(out, 0, length - minimal.length, fill);
        System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
        return out;
    }

    private Schema branch(String name) {
        for (Schema s : schema.getField("body").schema().getTypes()) {
            if (s.getName().equals(name)) return s;
        }
        throw new IllegalArgumentException("no " + name + " in the body union");
    }

    private byte[] frame(GenericRecord payload) {
        int id = registry.register(SignedPayloads.COMMAND_SUBJECT, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(payload, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}
