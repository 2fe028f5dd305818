package io.stakestream.protocol.crypto;

import java.nio.ByteBuffer;

/** Lower-case hex, the way keys, signatures and hashes are shown in logs, files and the CLI. */
public final class Hex {

    private static final java.util.HexFormat LOWER = java.util.HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Hex of the remaining bytes; the buffer's position is left alone (the ledger's account keys use the same). */
    public static String encode(ByteBuffer buffer) {
        return io.stakestream.ledger.Accounts.hex(buffer);
    }

    /** Same as {@link #encode(byte[])} with the "0x" prefix EVM tools expect. */
    public static String encode0x(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /**
     * Decodes hex, upper or lower case, with or without a "0x" prefix.
     *
     * @throws IllegalArgumentException on an odd length or a non-hex character
     */
    public static byte[] decode(String hex) {
        String s = hex.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has an odd length: " + s.length());
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(s, 2 * i) << 4) | digit(s, 2 * i + 1));
        }
        return out;
    }

    private static int digit(String s, int index) {
        int d = Character.digit(s.charAt(index), 16);
        if (d < 0) {
            throw new IllegalArgumentException("not a hex digit at " + index + ": '" + s.charAt(index) + "'");
        }
        return d;
    }
}
