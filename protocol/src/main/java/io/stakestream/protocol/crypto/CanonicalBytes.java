package io.stakestream.protocol.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a signature covers: a domain tag, then the payload's bytes exactly as they travel in
 * the envelope (the Confluent-framed Avro binary the signer wrote). Nothing is decoded and
 * re-encoded on the way, so a verifier never has to agree with the signer's Avro library on an
 * encoding (SIGN_MODE_DIRECT). The tag keeps a command signature from ever being accepted as an
 * attestation signature (or as anything else signed with the same key).
 */
public final class CanonicalBytes {

    public static final String COMMAND_DOMAIN = "stakestream/command/v1";
    public static final String ATTESTATION_DOMAIN = "stakestream/attestation/v1";

    private static final byte[] COMMAND_TAG = COMMAND_DOMAIN.getBytes(StandardCharsets.UTF_8);
    private static final byte[] ATTESTATION_TAG = ATTESTATION_DOMAIN.getBytes(StandardCharsets.UTF_8);

    private CanonicalBytes() {
    }

    /** @throws IllegalArgumentException when there are no payload bytes */
    public static byte[] command(ByteBuffer payload) {
        return tagged(COMMAND_TAG, payload);
    }

    /** @throws IllegalArgumentException when there are no payload bytes */
    public static byte[] attestation(ByteBuffer payload) {
        return tagged(ATTESTATION_TAG, payload);
    }

    private static byte[] tagged(byte[] tag, ByteBuffer payload) {
        if (payload == null) {
            throw new IllegalArgumentException("payload is null");
        }
        byte[] bytes = Bytes.of(payload);
        byte[] message = new byte[tag.length + bytes.length];
        System.arraycopy(tag, 0, message, 0, tag.length);
        System.arraycopy(bytes, 0, message, tag.length, bytes.length);
        return message;
    }
}
