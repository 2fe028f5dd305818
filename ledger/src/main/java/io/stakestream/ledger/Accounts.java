package io.stakestream.ledger;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Accounts are 32-byte Ed25519 public keys; state keys carry them as lowercase hex. */
public final class Accounts {
    public static final int KEY_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();
    /** Where burned tokens go: 32 zero bytes, which no Ed25519 key signs for. */
    public static final ByteBuffer BURN = ByteBuffer.wrap(new byte[KEY_BYTES]).asReadOnlyBuffer();

    private Accounts() {}

    public static String hex(ByteBuffer account) {
        return HEX.formatHex(bytes(account));
    }

    public static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    public static ByteBuffer of(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone());
    }

    public static ByteBuffer ofHex(String hex) {
        return ByteBuffer.wrap(HEX.parseHex(hex));
    }

    public static boolean same(ByteBuffer a, ByteBuffer b) {
        return a != null && b != null && a.equals(b); // compares the remaining bytes, moves nothing
    }

    public static String short_(ByteBuffer account) {
        String h = hex(account);
        return h.length() > 8 ? h.substring(0, 8) : h;
    }
}
