package io.stakestream.protocol.serde;

import java.nio.ByteBuffer;

/**
 * Confluent wire format v0: magic byte 0x00, the schema id as a 4-byte big-endian int, then the
 * Avro binary body. (Confluent 8 also reads a v1 with a 16-byte GUID; we write v0 only.)
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0x00;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** The schema id of a framed record, for tools that route on it; throws on anything not v0. */
    public static int schemaId(byte[] framed) {
        if (framed == null || framed.length < HEADER_SIZE) {
            throw new IllegalArgumentException("not Confluent-framed: " + (framed == null ? "null" : framed.length + " bytes"));
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException(String.format("unknown magic byte 0x%02x", framed[0]));
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
