package io.stakestream.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MerkleTreeProperties {

    static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    /** Leaf sets of one epoch with distinct pools, as the reward builder makes them. */
    @Provide
    Arbitrary<List<RewardLeaf>> rewardLeaves() {
        Arbitrary<String> pools = Arbitraries.strings().alpha().numeric().withChars('-', '_')
                .withCharRange('\u00c0', '\u00ff').withCharRange('\u30a0', '\u30ff')
                .ofMinLength(0).ofMaxLength(70);
        Arbitrary<BigInteger> amounts = Arbitraries.bigIntegers().between(BigInteger.ZERO, MAX);
        Arbitrary<RewardLeaf> leaves = Combinators.combine(
                        Arbitraries.longs().between(0, Long.MAX_VALUE), pools, amounts, amounts)
                .as(RewardLeaf::new);
        return leaves.list().ofMinSize(1).ofMaxSize(40).uniqueElements(RewardLeaf::poolId);
    }

    /** The fast build (leaves encoded into a buffer, flat nodes, primitive sort) is the plain one, byte for byte. */
    @Property(tries = 300)
    void theTreeIsThePlainTree(@ForAll("rewardLeaves") List<RewardLeaf> leaves) {
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        PlainMerkleTree plain = PlainMerkleTree.of(leaves);
        assertThat(tree.nodes()).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(plain.nodes());
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(tree.treeIndex(i)).isEqualTo(plain.treeIndex(i));
            assertThat(tree.leafHash(i)).isEqualTo(Keccak256.hash(Keccak256.hash(leaves.get(i).abiEncode())));
        }
    }

    @Property(tries = 300)
    void everyProofVerifies(@ForAll("rewardLeaves") List<RewardLeaf> leaves) {
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(StandardMerkleTree.verify(tree.root(), leaves.get(i), tree.proof(i))).isTrue();
            assertThat(tree.proof(i)).hasSizeLessThanOrEqualTo(ceilLog2(leaves.size()));
        }
    }

    @Property(tries = 300)
    void aTamperedLeafDoesNotVerify(@ForAll("rewardLeaves") List<RewardLeaf> leaves) {
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        for (int i = 0; i < leaves.size(); i++) {
            RewardLeaf leaf = leaves.get(i);
            List<RewardLeaf> forgeries = List.of(
                    new RewardLeaf(leaf.epoch(), leaf.poolId(), leaf.tokens().flipBit(0), leaf.usdc()),
                    new RewardLeaf(leaf.epoch(), leaf.poolId(), leaf.tokens(), leaf.usdc().flipBit(255)),
                    new RewardLeaf(leaf.epoch() ^ 1, leaf.poolId(), leaf.tokens(), leaf.usdc()),
                    new RewardLeaf(leaf.epoch(), leaf.poolId() + "x", leaf.tokens(), leaf.usdc()));
            for (RewardLeaf forgery : forgeries) {
                assertThat(StandardMerkleTree.verify(tree.root(), forgery, tree.proof(i))).as("%s", forgery).isFalse();
            }
        }
    }

    @Property(tries = 300)
    void aTamperedProofDoesNotVerify(@ForAll("rewardLeaves") List<RewardLeaf> leaves, @ForAll Random random) {
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        byte[] root = tree.root();
        for (int i = 0; i < leaves.size(); i++) {
            byte[] leafHash = tree.leafHash(i);
            List<byte[]> proof = tree.proof(i);

            List<byte[]> extended = new ArrayList<>(proof);
            extended.add(leafHash);
            assertThat(StandardMerkleTree.verify(root, leafHash, extended)).as("an extra step").isFalse();
            if (proof.isEmpty()) {
                continue; // a one-leaf tree: its root is the leaf, nothing else to tamper with
            }
            List<byte[]> flipped = new ArrayList<>(proof);
            int step = random.nextInt(proof.size());
            byte[] sibling = proof.get(step).clone();
            sibling[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
            flipped.set(step, sibling);
            assertThat(StandardMerkleTree.verify(root, leafHash, flipped)).as("a flipped bit").isFalse();
            assertThat(StandardMerkleTree.verify(root, leafHash, proof.subList(0, proof.size() - 1)))
                    .as("a missing step").isFalse();
            int other = (i + 1 + random.nextInt(leaves.size() - 1)) % leaves.size();
            assertThat(StandardMerkleTree.verify(root, tree.leafHash(other), proof))
                    .as("another leaf's proof").isFalse();
        }
    }

    @Property(tries = 200)
    void theRootDoesNotDependOnInputOrder(@ForAll("rewardLeaves") List<RewardLeaf> leaves, @ForAll Random random) {
        List<RewardLeaf> shuffled = new ArrayList<>(leaves);
        Collections.shuffle(shuffled, random);

        assertThat(StandardMerkleTree.of(shuffled).root()).isEqualTo(StandardMerkleTree.of(leaves).root());
    }

    private static int ceilLog2(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
