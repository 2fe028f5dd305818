package io.stakestream.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.protocol.crypto.Hex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Expected encodings from {@code encode(types, values)} of @metamask/abi-utils, the encoder
 * @openzeppelin/merkle-tree 1.0.8 uses; the keccak values are Ethereum's well-known ones.
 */
class AbiEncoderTest {

    static String words(String... words) {
        return "0x" + String.join("", words);
    }

    @Test
    void shortStringTupleMatchesTheReference() {
        byte[] encoded = new RewardLeaf(7, "pool-a", new BigInteger("1000000000000000000"), BigInteger.valueOf(2500000))
                .abiEncode();

        assertThat(Hex.encode0x(encoded)).isEqualTo(words(
                "0000000000000000000000000000000000000000000000000000000000000007",
                "0000000000000000000000000000000000000000000000000000000000000080", // offset of the string
                "0000000000000000000000000000000000000000000000000de0b6b3a7640000",
                "00000000000000000000000000000000000000000000000000000000002625a0",
                "0000000000000000000000000000000000000000000000000000000000000006", // its length
                "706f6f6c2d610000000000000000000000000000000000000000000000000000"));
    }

    @Test
    void stringLongerThanOneWordIsPaddedToTwo() {
        byte[] encoded = AbiEncoder.tuple().uint64(12).string("echo-pool-with-a-name-longer-than-thirty-two-bytes")
                .uint256(BigInteger.valueOf(500)).uint256(BigInteger.valueOf(5)).encode();

        assertThat(Hex.encode0x(encoded)).isEqualTo(words(
                "000000000000000000000000000000000000000000000000000000000000000c",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "00000000000000000000000000000000000000000000000000000000000001f4",
                "0000000000000000000000000000000000000000000000000000000000000005",
                "0000000000000000000000000000000000000000000000000000000000000032",
                "6563686f2d706f6f6c2d776974682d612d6e616d652d6c6f6e6765722d746861",
                "6e2d7468697274792d74776f2d62797465730000000000000000000000000000"));
    }

    @Test
    void emptyStringHasALengthWordAndNoData() {
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        byte[] encoded = new RewardLeaf(0, "", BigInteger.ONE, max).abiEncode();

        assertThat(Hex.encode0x(encoded)).isEqualTo(words(
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "0000000000000000000000000000000000000000000000000000000000000001",
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "0000000000000000000000000000000000000000000000000000000000000000"));
    }

    @Test
    void utf8StringIsMeasuredInBytes() {
        byte[] encoded = AbiEncoder.tuple().uint64(3).string("\u00fc")
                .uint256(BigInteger.valueOf(9)).uint256(BigInteger.valueOf(9)).encode();

        assertThat(Hex.encode0x(encoded)).endsWith(
                "0000000000000000000000000000000000000000000000000000000000000002"
                        + "c3bc000000000000000000000000000000000000000000000000000000000000");
    }

    @Test
    void uint64MaxFitsAndAnythingWiderOrNegativeIsRefused() {
        BigInteger uint64Max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        assertThat(Hex.encode0x(AbiEncoder.tuple().uint(64, uint64Max).encode()))
                .isEqualTo("0x000000000000000000000000000000000000000000000000ffffffffffffffff");
        assertThatThrownBy(() -> AbiEncoder.tuple().uint(64, uint64Max.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbiEncoder.tuple().uint256(BigInteger.ONE.shiftLeft(256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbiEncoder.tuple().uint64(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbiEncoder.tuple().uint(7, BigInteger.ONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rewardLeafRefusesValuesOutsideItsTypes() {
        BigInteger tooBig = BigInteger.ONE.shiftLeft(256);

        assertThatThrownBy(() -> new RewardLeaf(-1, "p", BigInteger.ONE, BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RewardLeaf(1, "p", tooBig, BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RewardLeaf(1, "p", BigInteger.ONE, BigInteger.valueOf(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RewardLeaf.of(1, "p", new BigDecimal("1.5"), BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RewardLeaf.of(1, "p", new BigDecimal("1E+3"), BigDecimal.ZERO).tokens())
                .isEqualTo(BigInteger.valueOf(1000));
    }

    @Test
    void keccakIsEthereumsNotSha3() {
        assertThat(Hex.encode0x(Keccak256.hash(new byte[0])))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(Hex.encode0x(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        assertThat(Hex.encode0x(Keccak256.hash("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII))))
                .as("parts hash as their concatenation")
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }
}
