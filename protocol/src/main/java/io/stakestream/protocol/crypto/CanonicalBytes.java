package io.stakestream.protocol.crypto;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.CommandPayload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The bytes a signature covers: a domain tag, then the Avro binary encoding of the payload.
 *
 * <p>Avro binary has exactly one encoding per value of a schema, so signer and verifier agree
 * without a separate canonical form. The tag keeps a command signature from ever being accepted as
 * an attestation signature (or as anything else signed with the same key).
 */
public final class CanonicalBytes {

    public static final String COMMAND_DOMAIN = "stakestream/command/v1";
    public static final String ATTESTATION_DOMAIN = "stakestream/attestation/v1";

    private static final byte[] COMMAND_TAG = COMMAND_DOMAIN.getBytes(StandardCharsets.UTF_8);
    private static final byte[] ATTESTATION_TAG = ATTESTATION_DOMAIN.getBytes(StandardCharsets.UTF_8);

    // Writers keep no per-call state, so one instance per schema serves every thread.
    private static final DatumWriter<CommandPayload> COMMAND_WRITER =
            writer(CommandPayload.getClassSchema(), CommandPayload.class);
    private static final DatumWriter<AttestationPayload> ATTESTATION_WRITER =
            writer(AttestationPayload.getClassSchema(), AttestationPayload.class);

    private CanonicalBytes() {
    }

    /**
     * @throws IllegalArgumentException when the payload cannot be encoded (a missing field, a
     *     body outside the union, an amount with a fraction or over 78 digits)
     */
    public static byte[] command(CommandPayload payload) {
        return encode(COMMAND_TAG, COMMAND_WRITER, payload);
    }

    /** @throws IllegalArgumentException when the payload cannot be encoded */
    public static byte[] attestation(AttestationPayload payload) {
        return encode(ATTESTATION_TAG, ATTESTATION_WRITER, payload);
    }

    private static <T> DatumWriter<T> writer(Schema schema, Class<T> type) {
        // The class's own model carries the decimal conversion that turns BigDecimal into bytes.
        return new SpecificDatumWriter<>(schema, SpecificData.getForClass(type));
    }

    private static <T> byte[] encode(byte[] tag, DatumWriter<T> writer, T payload) {
        if (payload == null) {
            throw new IllegalArgumentException("payload is null");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(tag);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(payload, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        } catch (RuntimeException e) {
            // Avro reports bad data as NPE, ClassCast or AvroTypeException; callers need one type.
            throw new IllegalArgumentException("payload cannot be encoded: " + e, e);
        }
        return out.toByteArray();
    }
}
