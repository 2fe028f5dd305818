package io.stakestream.protocol.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The reward tree built the plain way, as {@link StandardMerkleTree} was before its speed work:
 * one thread, a fresh digest per hash, each leaf ABI-encoded through {@link AbiEncoder}, an array
 * per node, boxed indexes sorted by a comparator, proofs as copies. Never published: it is the
 * bench's "before" (figure 6) and the yardstick that large fast trees must equal byte for byte
 * (LargeTreeTest); OpenZeppelinReferenceTest pins both to OpenZeppelin's values.
 */
public final class PlainMerkleTree {

    private final byte[][] tree;
    private final int[] treeIndex;

    private PlainMerkleTree(byte[][] tree, int[] treeIndex) {
        this.tree = tree;
        this.treeIndex = treeIndex;
    }

    public static PlainMerkleTree of(List<RewardLeaf> leaves) {
        int n = leaves.size();
        if (n == 0) {
            throw new IllegalArgumentException("a merkle tree needs at least one leaf");
        }
        byte[][] hashes = new byte[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = keccak(keccak(leaves.get(i).abiEncode()));
            order[i] = i;
        }
        // stable, like JavaScript's sort
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(hashes[a], hashes[b]));
        byte[][] tree = new byte[2 * n - 1][];
        int[] treeIndex = new int[n];
        for (int position = 0; position < n; position++) {
            int at = tree.length - 1 - position;
            tree[at] = hashes[order[position]];
            treeIndex[order[position]] = at;
        }
        for (int i = tree.length - 1 - n; i >= 0; i--) {
            byte[] a = tree[2 * i + 1];
            byte[] b = tree[2 * i + 2];
            tree[i] = Arrays.compareUnsigned(a, b) <= 0 ? keccak(a, b) : keccak(b, a);
        }
        return new PlainMerkleTree(tree, treeIndex);
    }

    public byte[] root() {
        return tree[0].clone();
    }

    /** Every node, root first, as OpenZeppelin's dump() lists them. */
    public List<byte[]> nodes() {
        return Arrays.stream(tree).map(byte[]::clone).toList();
    }

    public int treeIndex(int index) {
        return treeIndex[index];
    }

    /** Fresh buffers over copied hashes, as the reward-builder got them before. */
    public List<ByteBuffer> proofBuffers(int index) {
        List<byte[]> proof = new ArrayList<>();
        for (int at = treeIndex[index]; at > 0; at = (at - 1) / 2) {
            proof.add(tree[at % 2 == 1 ? at + 1 : at - 1].clone());
        }
        return proof.stream().map(ByteBuffer::wrap).toList();
    }

    private static byte[] keccak(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[Keccak256.LENGTH];
        digest.doFinal(out, 0);
        return out;
    }
}
