package io.stakestream.ledger.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A named test account: its 32-byte key is the SHA-256 of its name (the ledger checks no signatures). */
public record Account(String name, ByteBuffer key) {
    public static Account named(String name) {
        try {
            byte[] k = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return new Account(name, ByteBuffer.wrap(k));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ByteBuffer key() {
        return key.duplicate();
    }

    @Override
    public String toString() {
        return name;
    }
}
