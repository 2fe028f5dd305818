package io.stakestream.protocol.crypto;

import java.nio.ByteBuffer;

/** ByteBuffer helpers: Avro hands out shared buffers, so we read copies and never move a position. */
public final class Bytes {

    private Bytes() {
    }

    /** The remaining bytes of the buffer as a fresh array; null for null. */
    public static byte[] of(ByteBuffer buffer) {
        return buffer == null ? null : io.stakestream.ledger.Accounts.bytes(buffer);
    }

    /** A buffer over a private copy, so later changes to the array do not leak into a record. */
    public static ByteBuffer wrapCopy(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone());
    }
}
