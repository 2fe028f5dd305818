package io.stakestream.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.protocol.crypto.Bytes;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trees large enough to be hashed on every core give the bytes of the plain one-thread build
 * ({@link PlainMerkleTree}, the tree as it was before its speed work and the bench's "before"),
 * node for node, leaf position for leaf position, proof for proof; their read-only proof buffers
 * hold the same hashes as the copied proofs and verify.
 */
class LargeTreeTest {

    @Test
    void moreLeavesThanOneArrayOfNodesHoldsAreRefusedBeforeAnyIsCopied() {
        RewardLeaf leaf = new RewardLeaf(3, "pool", BigInteger.ONE, BigInteger.ONE);
        assertThatThrownBy(() -> StandardMerkleTree.of(Collections.nCopies(StandardMerkleTree.MAX_LEAVES + 1, leaf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split the epoch");
        assertThatThrownBy(() -> PlainMerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4_095, 4_096, 4_097, 8_191, 20_000})
    void aParallelBuildEqualsThePlainOne(int n) {
        List<RewardLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a few duplicates: the stable order of equal leaves must survive the parallel sort
            int id = i % 1_000 == 999 ? i - 1 : i;
            leaves.add(new RewardLeaf(3, "pool-" + id, BigInteger.valueOf(id).pow(3), BigInteger.valueOf(id % 17)));
        }
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        PlainMerkleTree plain = PlainMerkleTree.of(leaves);

        List<byte[]> nodes = tree.nodes();
        List<byte[]> reference = plain.nodes();
        assertThat(nodes).hasSize(reference.size());
        for (int i = 0; i < reference.size(); i++) {
            assertThat(nodes.get(i)).as("node %d", i).isEqualTo(reference.get(i));
        }
        assertThat(tree.root()).isEqualTo(plain.root());
        for (int i = 0; i < n; i++) {
            assertThat(tree.treeIndex(i)).as("leaf %d's place", i).isEqualTo(plain.treeIndex(i));
        }
        for (int i = 0; i < n; i += n > 100 ? 97 : 1) {
            List<ByteBuffer> buffers = tree.proofBuffers(i);
            assertThat(buffers.stream().map(Bytes::of).toList()).usingElementComparator(Arrays::compare)
                    .containsExactlyElementsOf(plain.proofBuffers(i).stream().map(Bytes::of).toList())
                    .containsExactlyElementsOf(tree.proof(i));
            assertThat(buffers).allMatch(ByteBuffer::isReadOnly).allMatch(b -> b.remaining() == Keccak256.LENGTH);
            assertThat(StandardMerkleTree.verify(ByteBuffer.wrap(tree.root()), leaves.get(i), buffers)).isTrue();
        }
    }
}
