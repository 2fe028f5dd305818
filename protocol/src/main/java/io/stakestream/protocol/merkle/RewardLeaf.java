package io.stakestream.protocol.merkle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One pool's reward for one epoch: a leaf of the epoch's reward tree, encoded like the Solidity
 * tuple {@code (uint64 epoch, string poolId, uint256 tokens, uint256 usdc)}.
 */
public record RewardLeaf(long epoch, String poolId, BigInteger tokens, BigInteger usdc) {

    /** The leaf encoding to give OpenZeppelin's StandardMerkleTree.of to rebuild the same tree. */
    public static final String[] ABI_TYPES = {"uint64", "string", "uint256", "uint256"};

    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
    /** Where the string's tail starts: after the four head words. */
    private static final int TAIL = 4 * AbiEncoder.WORD;
    /** Each thread's encoding buffer, grown for a long pool id. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

    public RewardLeaf {
        Objects.requireNonNull(poolId, "poolId");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + epoch);
        }
        checkUint256("tokens", tokens);
        checkUint256("usdc", usdc);
    }

    /** From the Avro decimal(78,0) amounts; they must be whole numbers. */
    public static RewardLeaf of(long epoch, String poolId, BigDecimal tokens, BigDecimal usdc) {
        return new RewardLeaf(epoch, poolId, whole("tokens", tokens), whole("usdc", usdc));
    }

    public byte[] abiEncode() {
        return AbiEncoder.tuple().uint64(epoch).string(poolId).uint256(tokens).uint256(usdc).encode();
    }

    /**
     * keccak256(keccak256(abi.encode(...))), as StandardMerkleTree hashes leaves: hashing twice
     * keeps a 64-byte leaf from ever being taken for an internal node (a second-preimage attack).
     */
    public byte[] hash() {
        byte[] out = new byte[Keccak256.LENGTH];
        hashInto(out, 0);
        return out;
    }

    /**
     * {@link #hash()} written to {@code out[at, at + 32)}. The tuple's encoding (head: epoch, the
     * string's offset, tokens, usdc; tail: the string's length and its UTF-8 bytes padded to a word)
     * is written into a buffer of the calling thread instead of through {@link AbiEncoder}'s objects:
     * a tree hashes a million leaves. The same bytes as {@link #abiEncode()} (RewardLeafTest).
     */
    public void hashInto(byte[] out, int at) {
        byte[] utf8 = poolId.getBytes(StandardCharsets.UTF_8);
        int length = TAIL + AbiEncoder.WORD + AbiEncoder.paddedLength(utf8.length);
        byte[] encoded = SCRATCH.get();
        if (encoded.length < length) {
            encoded = new byte[length];
            SCRATCH.set(encoded);
        }
        Arrays.fill(encoded, 0, length, (byte) 0);
        AbiEncoder.writeWord(epoch, encoded, 0);
        AbiEncoder.writeWord(TAIL, encoded, AbiEncoder.WORD);
        AbiEncoder.writeWord(tokens, encoded, 2 * AbiEncoder.WORD);
        AbiEncoder.writeWord(usdc, encoded, 3 * AbiEncoder.WORD);
        AbiEncoder.writeWord(utf8.length, encoded, TAIL);
        System.arraycopy(utf8, 0, encoded, TAIL + AbiEncoder.WORD, utf8.length);
        Keccak256.hash(encoded, 0, length, out, at);
        Keccak256.hash(out, at, Keccak256.LENGTH, out, at);
    }

    private static void checkUint256(String name, BigInteger value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException(name + " is not a uint256: " + value);
        }
    }

    private static BigInteger whole(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        try {
            return value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " is not a whole number: " + value, e);
        }
    }
}
