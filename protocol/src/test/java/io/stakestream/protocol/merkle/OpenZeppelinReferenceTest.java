package io.stakestream.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.protocol.crypto.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Expected values produced by the reference implementation, @openzeppelin/merkle-tree version
 * 1.0.8 (node 20), with {@code StandardMerkleTree.of(values, ["uint64","string","uint256","uint256"])}
 * and its default sortLeaves=true: {@code tree.root}, {@code tree.leafHash(v)}, {@code tree.getProof(i)}
 * and {@code tree.dump().tree}. Node is not needed to run these tests.
 */
class OpenZeppelinReferenceTest {

    static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    static RewardLeaf leaf(long epoch, String pool, String tokens, String usdc) {
        return new RewardLeaf(epoch, pool, new BigInteger(tokens), new BigInteger(usdc));
    }

    /** One value set: leaves in input order with, for each, its leaf hash and its proof. */
    record Case(List<RewardLeaf> leaves, String root, List<String> hashes, List<List<String>> proofs) {
    }

    static final Case ONE = new Case(
            List.of(leaf(7, "pool-a", "1000000000000000000", "2500000")),
            "0xe78f0465e2baf5dcf933eb86372b1bf9092754a243c79d26d996d86f6563ca63",
            List.of("0xe78f0465e2baf5dcf933eb86372b1bf9092754a243c79d26d996d86f6563ca63"),
            List.of(List.of()));

    static final Case TWO = new Case(
            List.of(leaf(7, "pool-a", "1000000000000000000", "2500000"), leaf(7, "pool-b", "0", "0")),
            "0xf5adbb34211c1976f6b37dd3c65bf05e39cf8d27a6f840fc4b42936016502595",
            List.of("0xe78f0465e2baf5dcf933eb86372b1bf9092754a243c79d26d996d86f6563ca63",
                    "0xae3c798310c8f03bc435c49b5e6de128daebd13d211219fbae3434747fc7e549"),
            List.of(List.of("0xae3c798310c8f03bc435c49b5e6de128daebd13d211219fbae3434747fc7e549"),
                    List.of("0xe78f0465e2baf5dcf933eb86372b1bf9092754a243c79d26d996d86f6563ca63")));

    static final Case FIVE = new Case(
            List.of(leaf(12, "alpha", "100", "1"),
                    leaf(12, "bravo", "200", "2"),
                    leaf(12, "charlie", "300", "3"),
                    leaf(12, "delta", "400", "4"),
                    leaf(12, "echo-pool-with-a-name-longer-than-thirty-two-bytes", "500", "5")),
            "0xa9b30cca38161645e853207e1ece96d9718a5c7074b181463bd48c156bcac88e",
            List.of("0xd8fa03aa2f189a54120d2a33f8e459812f1bca01ff41442b93af62ece30aca2e",
                    "0x922f9c831c55b72d93071d6e588af8c7435ca2d5777a18b89e6602d45ed92847",
                    "0xf39f34ed0e366bf33aea8ddfcf32459e0eb51c64f45f1caa07afe022dbfb6522",
                    "0xef089e7185cadcba97ffa478ca0df23d4a445af639a8ef68a9a02be5b3865465",
                    "0x070f3ca9aaa495cc2cb4df100f1404b58c686433394e37736457152e971eb11e"),
            List.of(List.of("0xef089e7185cadcba97ffa478ca0df23d4a445af639a8ef68a9a02be5b3865465",
                            "0x8f1e14bc62adc9aece025d0e248bd6b0cd369c46640e11a5d16781050ca959c4"),
                    List.of("0x070f3ca9aaa495cc2cb4df100f1404b58c686433394e37736457152e971eb11e",
                            "0xf39f34ed0e366bf33aea8ddfcf32459e0eb51c64f45f1caa07afe022dbfb6522",
                            "0x9aa2d369f8d5d1c0b9354a48e21180c131d11af05aafc16f1318b80e3bcf56e8"),
                    List.of("0x47e4a082240671f056c3350e150563040b21edf32f2595805766df84cf31dc97",
                            "0x9aa2d369f8d5d1c0b9354a48e21180c131d11af05aafc16f1318b80e3bcf56e8"),
                    List.of("0xd8fa03aa2f189a54120d2a33f8e459812f1bca01ff41442b93af62ece30aca2e",
                            "0x8f1e14bc62adc9aece025d0e248bd6b0cd369c46640e11a5d16781050ca959c4"),
                    List.of("0x922f9c831c55b72d93071d6e588af8c7435ca2d5777a18b89e6602d45ed92847",
                            "0xf39f34ed0e366bf33aea8ddfcf32459e0eb51c64f45f1caa07afe022dbfb6522",
                            "0x9aa2d369f8d5d1c0b9354a48e21180c131d11af05aafc16f1318b80e3bcf56e8")));

    /** The widest values: the largest epoch a Java long holds, uint256 max, an empty pool id. */
    static final Case EXTREMES = new Case(
            List.of(new RewardLeaf(Long.MAX_VALUE, "whale", MAX, MAX.subtract(BigInteger.ONE)),
                    new RewardLeaf(0, "", BigInteger.ONE, MAX)),
            "0x160c5bca1280e68e2a4b85767f39cb077dfaf5dde1cf06f05124344ec489092b",
            List.of("0x8f09432806047329e10c3942f2781288750f406106be196f212b67be2e2dda23",
                    "0x1bb98c4c5acb602df4be7791a3fd6f974150427437b35a7fe4001aad5118b941"),
            List.of(List.of("0x1bb98c4c5acb602df4be7791a3fd6f974150427437b35a7fe4001aad5118b941"),
                    List.of("0x8f09432806047329e10c3942f2781288750f406106be196f212b67be2e2dda23")));

    /** Pool ids beyond ASCII: 2-, 3- and 4-byte UTF-8 sequences (the last one a surrogate pair in Java). */
    static final Case UTF8 = new Case(
            List.of(leaf(3, "pool-\u00e9\u00df-\u30d7\u30fc\u30eb-\ud83d\ude80", "123456789012345678901234567890", "42"),
                    leaf(3, "ascii", "1", "2"),
                    leaf(3, "\u00fc", "9", "9")),
            "0x90d50744ed6c261f585cb34bcb682cb8ba20c8be33bd1f75b61ac2882d9f183b",
            List.of("0xdac5f906c31f50b4f95c6972f220c9ee64418461f5b07351ecfe43ac0a0ba78e",
                    "0x430557eb803f4e6aa28e6f4c5a3f52b5eb342cd058d2c30142cdcd070fa843b9",
                    "0x1ccd302748de0ef8c280df03c31883d8b5feb542c11879660896ddd464fd7845"),
            List.of(List.of("0xb0e29ad94a484f39f87d6f8f68df2a6f99f29199d472468a17f7f2f4182f3c2b"),
                    List.of("0x1ccd302748de0ef8c280df03c31883d8b5feb542c11879660896ddd464fd7845",
                            "0xdac5f906c31f50b4f95c6972f220c9ee64418461f5b07351ecfe43ac0a0ba78e"),
                    List.of("0x430557eb803f4e6aa28e6f4c5a3f52b5eb342cd058d2c30142cdcd070fa843b9",
                            "0xdac5f906c31f50b4f95c6972f220c9ee64418461f5b07351ecfe43ac0a0ba78e")));

    /** A repeated leaf: the stable sort must place the copies as JavaScript's sort does. */
    static final Case DUPLICATE = new Case(
            List.of(leaf(5, "same", "10", "1"), leaf(5, "other", "20", "2"), leaf(5, "same", "10", "1")),
            "0x83f21c372209d969301e046992543120c90a5963ef63a9f924607e28dc729a80",
            List.of("0x5c36309bd139cb6cce4d12eabfa82e09cc7865bab6cf736fd6744a7d03ff6d5a",
                    "0xd16b84ed89c3bd6bbca57c1bb88f26aef5147bff098dd088a1b617e1de172ab2",
                    "0x5c36309bd139cb6cce4d12eabfa82e09cc7865bab6cf736fd6744a7d03ff6d5a"),
            List.of(List.of("0x5c36309bd139cb6cce4d12eabfa82e09cc7865bab6cf736fd6744a7d03ff6d5a",
                            "0xd16b84ed89c3bd6bbca57c1bb88f26aef5147bff098dd088a1b617e1de172ab2"),
                    List.of("0xc45f9e65327ea8eb31bafd566a799fd837329bb45b596fb67dfc6b8311f0feb7"),
                    List.of("0x5c36309bd139cb6cce4d12eabfa82e09cc7865bab6cf736fd6744a7d03ff6d5a",
                            "0xd16b84ed89c3bd6bbca57c1bb88f26aef5147bff098dd088a1b617e1de172ab2")));

    static final List<Case> ALL = List.of(ONE, TWO, FIVE, EXTREMES, UTF8, DUPLICATE);

    @Test
    void rootsLeafHashesAndProofsMatchOpenZeppelin() {
        for (Case c : ALL) {
            StandardMerkleTree tree = StandardMerkleTree.of(c.leaves());

            assertThat(Hex.encode0x(tree.root())).as("root of %s", c.leaves()).isEqualTo(c.root());
            for (int i = 0; i < c.leaves().size(); i++) {
                RewardLeaf leaf = c.leaves().get(i);
                assertThat(Hex.encode0x(leaf.hash())).as("hash of %s", leaf).isEqualTo(c.hashes().get(i));
                assertThat(Hex.encode0x(tree.leafHash(i))).isEqualTo(c.hashes().get(i));
                assertThat(hex(tree.proof(i))).as("proof of %s", leaf).isEqualTo(c.proofs().get(i));
                assertThat(StandardMerkleTree.verify(tree.root(), leaf, tree.proof(i))).isTrue();
            }
        }
    }

    @Test
    void fiveLeafTreeLayoutMatchesOpenZeppelinsDump() {
        List<String> dump = List.of(
                "0xa9b30cca38161645e853207e1ece96d9718a5c7074b181463bd48c156bcac88e",
                "0x8f1e14bc62adc9aece025d0e248bd6b0cd369c46640e11a5d16781050ca959c4",
                "0x9aa2d369f8d5d1c0b9354a48e21180c131d11af05aafc16f1318b80e3bcf56e8",
                "0x47e4a082240671f056c3350e150563040b21edf32f2595805766df84cf31dc97",
                "0xf39f34ed0e366bf33aea8ddfcf32459e0eb51c64f45f1caa07afe022dbfb6522",
                "0xef089e7185cadcba97ffa478ca0df23d4a445af639a8ef68a9a02be5b3865465",
                "0xd8fa03aa2f189a54120d2a33f8e459812f1bca01ff41442b93af62ece30aca2e",
                "0x922f9c831c55b72d93071d6e588af8c7435ca2d5777a18b89e6602d45ed92847",
                "0x070f3ca9aaa495cc2cb4df100f1404b58c686433394e37736457152e971eb11e");

        assertThat(hex(StandardMerkleTree.of(FIVE.leaves()).nodes())).isEqualTo(dump);
    }

    @Test
    void anyInputOrderGivesTheSameRoot() {
        Random random = new Random(20261121);
        for (Case c : ALL) {
            List<RewardLeaf> shuffled = new ArrayList<>(c.leaves());
            for (int round = 0; round < 10; round++) {
                Collections.shuffle(shuffled, random);
                assertThat(Hex.encode0x(StandardMerkleTree.of(shuffled).root())).isEqualTo(c.root());
            }
        }
    }

    @Test
    void proofByLeafValueFindsTheLeaf() {
        StandardMerkleTree tree = StandardMerkleTree.of(FIVE.leaves());

        assertThat(hex(tree.proof(leaf(12, "charlie", "300", "3")))).isEqualTo(FIVE.proofs().get(2));
    }

    @Test
    void avroShapedProofsVerifyAndGarbageIsFalse() {
        StandardMerkleTree tree = StandardMerkleTree.of(FIVE.leaves());
        java.nio.ByteBuffer root = java.nio.ByteBuffer.wrap(tree.root());
        RewardLeaf bravo = FIVE.leaves().get(1);

        assertThat(StandardMerkleTree.verify(root, bravo, tree.proofBuffers(1))).isTrue();
        assertThat(StandardMerkleTree.verify(root, bravo, tree.proofBuffers(0))).isFalse();
        assertThat(StandardMerkleTree.verify(java.nio.ByteBuffer.allocate(31), bravo, tree.proofBuffers(1))).isFalse();
        assertThat(StandardMerkleTree.verify(root, bravo, java.util.Arrays.asList(
                java.nio.ByteBuffer.allocate(32), null))).isFalse();
        assertThat(StandardMerkleTree.verify((java.nio.ByteBuffer) null, bravo, List.of())).isFalse();
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(Hex::encode0x).toList();
    }
}
