package io.stakestream.protocol.merkle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One pool's reward for one epoch: a leaf of the epoch's reward tree, encoded like the Solidity
 * tuple {@code (uint64 epoch, string poolId, uint256 tokens, uint256 usdc)}.
 */
public record RewardLeaf(long epoch, String poolId, BigInteger tokens, BigInteger usdc) {

    /** The leaf encoding to give OpenZeppelin's StandardMerkleTree.of to rebuild the same tree. */
    public static final String[] ABI_TYPES = {"uint64", "string", "uint256", "uint256"};

    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

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
        return Keccak256.hash(Keccak256.hash(abiEncode()));
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
