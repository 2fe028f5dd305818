package io.stakestream.protocol.merkle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Solidity's {@code abi.encode} for a tuple of unsigned integers and strings, which is all a
 * reward leaf needs. Static values sit in the head as one 32-byte word; a string's head word is
 * the byte offset of its tail, and the tail is its length word followed by its UTF-8 bytes padded
 * with zeros to a multiple of 32.
 *
 * <pre>{@code
 * byte[] encoded = AbiEncoder.tuple().uint64(epoch).string(poolId).uint256(tokens).uint256(usdc).encode();
 * }</pre>
 */
public final class AbiEncoder {

    static final int WORD = 32;
    private static final VarHandle LONG_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Head word for static values; tail bytes for dynamic ones (head then holds an offset). */
    private record Param(byte[] head, byte[] tail) {
    }

    private final List<Param> params = new ArrayList<>();

    private AbiEncoder() {
    }

    public static AbiEncoder tuple() {
        return new AbiEncoder();
    }

    /** uint64 from a Java long, refusing negatives rather than reading them as two's complement. */
    public AbiEncoder uint64(long value) {
        return uint(64, BigInteger.valueOf(value));
    }

    public AbiEncoder uint256(BigInteger value) {
        return uint(256, value);
    }

    /**
     * @throws IllegalArgumentException when the value is negative or needs more than {@code bits}
     */
    public AbiEncoder uint(int bits, BigInteger value) {
        if (bits <= 0 || bits > 256 || bits % 8 != 0) {
            throw new IllegalArgumentException("no uint" + bits + " in the ABI");
        }
        if (value == null || value.signum() < 0 || value.bitLength() > bits) {
            throw new IllegalArgumentException("value " + value + " does not fit uint" + bits);
        }
        params.add(new Param(word(value), null));
        return this;
    }

    public AbiEncoder string(String value) {
        if (value == null) {
            throw new IllegalArgumentException("string is null");
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        byte[] tail = new byte[WORD + paddedLength(utf8.length)];
        System.arraycopy(word(BigInteger.valueOf(utf8.length)), 0, tail, 0, WORD);
        System.arraycopy(utf8, 0, tail, WORD, utf8.length);
        params.add(new Param(null, tail));
        return this;
    }

    /** Writes head and tails straight into one array of the final size: no streams, no copies. */
    public byte[] encode() {
        int headSize = WORD * params.size();
        int size = headSize;
        for (Param param : params) {
            if (param.tail() != null) size += param.tail().length;
        }
        byte[] out = new byte[size];
        int head = 0;
        int tail = headSize;
        for (Param param : params) {
            if (param.tail() == null) {
                System.arraycopy(param.head(), 0, out, head, WORD);
            } else {
                writeWord(BigInteger.valueOf(tail), out, head);
                System.arraycopy(param.tail(), 0, out, tail, param.tail().length);
                tail += param.tail().length;
            }
            head += WORD;
        }
        return out;
    }

    /** A non-negative value, big-endian, left-padded with zeros to 32 bytes. */
    static byte[] word(BigInteger value) {
        byte[] word = new byte[WORD];
        writeWord(value, word, 0);
        return word;
    }

    /**
     * Writes a non-negative value that fits 256 bits as one word at {@code at} of an array whose word
     * is zero already. A value below 2^63 is written from its long, without the array toByteArray makes.
     */
    static void writeWord(BigInteger value, byte[] out, int at) {
        if (value.bitLength() < Long.SIZE) {
            writeWord(value.longValue(), out, at);
            return;
        }
        byte[] magnitude = value.toByteArray(); // may carry a leading 0 sign byte: 33 bytes for 2^256-1
        int length = Math.min(magnitude.length, WORD);
        System.arraycopy(magnitude, magnitude.length - length, out, at + WORD - length, length);
    }

    /** A non-negative long as the last 8 bytes of a word that is zero already. */
    static void writeWord(long value, byte[] out, int at) {
        LONG_BIG_ENDIAN.set(out, at + WORD - Long.BYTES, value);
    }

    static int paddedLength(int length) {
        return (length + WORD - 1) / WORD * WORD;
    }
}
