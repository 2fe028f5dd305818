package io.stakestream.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.protocol.crypto.Bytes;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trees large enough to be hashed on every core give the bytes of the plain one-thread build
 * (the algorithm OpenZeppelinReferenceTest pins to OpenZeppelin's), and their read-only proof
 * buffers hold the same hashes as the copied proofs and verify.
 */
class LargeTreeTest {

    @ParameterizedTest
    @ValueSource(ints = {4_095, 4_096, 4_097, 8_191, 20_000})
    void aParallelBuildEqualsTheSequentialOne(int n) {
        List<RewardLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a few duplicates: the stable order of equal leaves must survive the parallel sort
            int id = i % 1_000 == 999 ? i - 1 : i;
            leaves.add(new RewardLeaf(3, "pool-" + id, BigInteger.valueOf(id).pow(3), BigInteger.valueOf(id % 17)));
        }
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        byte[][] reference = sequential(leaves);

        List<byte[]> nodes = tree.nodes();
        assertThat(nodes).hasSize(reference.length);
        for (int i = 0; i < reference.length; i++) {
            assertThat(nodes.get(i)).as("node %d", i).isEqualTo(reference[i]);
        }
        for (int i = 0; i < n; i += 97) {
            List<ByteBuffer> buffers = tree.proofBuffers(i);
            assertThat(buffers.stream().map(Bytes::of).toList()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(tree.proof(i));
            assertThat(buffers).allMatch(ByteBuffer::isReadOnly);
            assertThat(StandardMerkleTree.verify(ByteBuffer.wrap(tree.root()), leaves.get(i), buffers)).isTrue();
        }
    }

    /** The one-thread build: hash, stable sort, fill from the end, fold pairs from the last internal node up. */
    private static byte[][] sequential(List<RewardLeaf> leaves) {
        int n = leaves.size();
        byte[][] hashes = new byte[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = Keccak256.hash(Keccak256.hash(leaves.get(i).abiEncode()));
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(hashes[a], hashes[b]));
        byte[][] tree = new byte[2 * n - 1][];
        for (int position = 0; position < n; position++) {
            tree[tree.length - 1 - position] = hashes[order[position]];
        }
        for (int i = tree.length - 1 - n; i >= 0; i--) {
            byte[] a = tree[2 * i + 1];
            byte[] b = tree[2 * i + 2];
            tree[i] = Arrays.compareUnsigned(a, b) <= 0 ? Keccak256.hash(a, b) : Keccak256.hash(b, a);
        }
        return tree;
    }
}
