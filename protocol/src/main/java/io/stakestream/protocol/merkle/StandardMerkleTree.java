package io.stakestream.protocol.merkle;

import io.stakestream.protocol.crypto.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The reward tree of one epoch, built exactly as {@code StandardMerkleTree.of(values, types)} of
 * {@code @openzeppelin/merkle-tree} with its default sortLeaves=true, so its root and proofs check
 * with OpenZeppelin's {@code MerkleProof.verify} on an EVM chain.
 *
 * <p>Layout: a complete binary tree in an array, root at 0, children of i at 2i+1 and 2i+2. The
 * leaf hashes, sorted ascending as unsigned bytes, fill the array from its end backwards. An
 * internal node is keccak256 of its two children in ascending order, so a proof needs no
 * left/right flags. Sorting the leaves makes the root independent of the input order.
 */
public final class StandardMerkleTree {

    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;
    /** Below this many hashes a level is hashed on the calling thread. */
    private static final int PARALLEL_FROM = 4_096;

    private final List<RewardLeaf> leaves;
    private final byte[][] tree;
    /** For each leaf in input order, where its hash sits in {@link #tree}. */
    private final int[] treeIndex;

    private StandardMerkleTree(List<RewardLeaf> leaves, byte[][] tree, int[] treeIndex) {
        this.leaves = leaves;
        this.tree = tree;
        this.treeIndex = treeIndex;
    }

    /** @throws IllegalArgumentException for no leaves (OpenZeppelin refuses an empty tree too) */
    public static StandardMerkleTree of(List<RewardLeaf> values) {
        List<RewardLeaf> leaves = List.copyOf(values);
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a merkle tree needs at least one leaf");
        }
        int n = leaves.size();
        byte[][] hashes = new byte[n][];
        Integer[] order = new Integer[n];
        // Leaf hashes (two thirds of the keccak work) and each level of internal nodes are
        // independent of one another: every core takes a share; the result is the same bytes.
        parallel(0, n - 1, n, i -> {
            hashes[i] = leaves.get(i).hash();
            order[i] = i;
        });
        // Stable, like JavaScript's sort: equal leaves keep their input order, so even proofs of
        // duplicate leaves match OpenZeppelin's.
        Arrays.parallelSort(order, (a, b) -> UNSIGNED.compare(hashes[a], hashes[b]));

        byte[][] tree = new byte[2 * n - 1][];
        int[] treeIndex = new int[n];
        for (int position = 0; position < n; position++) {
            int at = tree.length - 1 - position;
            tree[at] = hashes[order[position]];
            treeIndex[order[position]] = at;
        }
        // internal nodes are 0 .. n-2; those at depth d (indices 2^d-1 .. 2^(d+1)-2) need only depth d+1
        int lastInternal = n - 2;
        for (int depth = 31 - Integer.numberOfLeadingZeros(Math.max(1, lastInternal + 1)); depth >= 0 && lastInternal >= 0; depth--) {
            int from = (1 << depth) - 1;
            int to = Math.min((1 << (depth + 1)) - 2, lastInternal);
            parallel(from, to, to - from + 1, i -> tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]));
        }
        return new StandardMerkleTree(leaves, tree, treeIndex);
    }

    public byte[] root() {
        return tree[0].clone();
    }

    public int size() {
        return leaves.size();
    }

    /** The leaves in the order they were given. */
    public List<RewardLeaf> leaves() {
        return leaves;
    }

    /** Where the leaf at input index sits in {@link #nodes()}: the "treeIndex" of OpenZeppelin's dump. */
    public int treeIndex(int index) {
        return treeIndex[Objects.checkIndex(index, leaves.size())];
    }

    public byte[] leafHash(int index) {
        return tree[treeIndex[Objects.checkIndex(index, leaves.size())]].clone();
    }

    /** The sibling hashes from the leaf up to (not including) the root, for the leaf at input index. */
    public List<byte[]> proof(int index) {
        int at = treeIndex[Objects.checkIndex(index, leaves.size())];
        List<byte[]> proof = new ArrayList<>();
        while (at > 0) {
            int sibling = at % 2 == 1 ? at + 1 : at - 1;
            proof.add(tree[sibling].clone());
            at = (at - 1) / 2;
        }
        return proof;
    }

    /** The proof as read-only buffers over the tree's own nodes (no copies), ready for an Avro {@code array<bytes>} field. */
    public List<ByteBuffer> proofBuffers(int index) {
        int at = treeIndex[Objects.checkIndex(index, leaves.size())];
        List<ByteBuffer> proof = new ArrayList<>();
        while (at > 0) {
            proof.add(ByteBuffer.wrap(tree[at % 2 == 1 ? at + 1 : at - 1]).asReadOnlyBuffer());
            at = (at - 1) / 2;
        }
        return proof;
    }

    /** @throws IllegalArgumentException when the leaf is not in the tree */
    public List<byte[]> proof(RewardLeaf leaf) {
        int index = leaves.indexOf(leaf);
        if (index < 0) {
            throw new IllegalArgumentException("leaf not in tree: " + leaf);
        }
        return proof(index);
    }

    /** Every node, root first, as OpenZeppelin's dump() lists them; for debugging and tests. */
    public List<byte[]> nodes() {
        List<byte[]> nodes = new ArrayList<>(tree.length);
        for (byte[] node : tree) {
            nodes.add(node.clone());
        }
        return nodes;
    }

    /** Same as OpenZeppelin's MerkleProof.verify: fold the proof with sorted pair hashing. */
    public static boolean verify(byte[] root, byte[] leafHash, List<byte[]> proof) {
        if (root == null || leafHash == null || proof == null
                || root.length != Keccak256.LENGTH || leafHash.length != Keccak256.LENGTH) {
            return false;
        }
        byte[] computed = leafHash;
        for (byte[] sibling : proof) {
            if (sibling == null || sibling.length != Keccak256.LENGTH) {
                return false;
            }
            computed = hashPair(computed, sibling);
        }
        return Arrays.equals(computed, root);
    }

    public static boolean verify(byte[] root, RewardLeaf leaf, List<byte[]> proof) {
        return verify(root, leaf.hash(), proof);
    }

    /**
     * The check the ledger runs on an AccrueReward: the committed root and the proof as Avro
     * carries them. False, never an exception, on a null or a wrong-length hash.
     */
    public static boolean verify(ByteBuffer root, RewardLeaf leaf, List<ByteBuffer> proof) {
        if (root == null || leaf == null || proof == null) {
            return false;
        }
        List<byte[]> steps = new ArrayList<>(proof.size());
        for (ByteBuffer step : proof) {
            steps.add(Bytes.of(step));
        }
        return verify(Bytes.of(root), leaf.hash(), steps);
    }

    /** Runs body for from..to (inclusive), on every core when there are enough of them to pay for it. */
    private static void parallel(int from, int to, int count, IntConsumer body) {
        if (count >= PARALLEL_FROM) {
            IntStream.rangeClosed(from, to).parallel().forEach(body);
        } else {
            for (int i = from; i <= to; i++) body.accept(i);
        }
    }

    /** keccak256 of the two hashes in ascending order, i.e. OpenZeppelin's commutative hash. */
    static byte[] hashPair(byte[] a, byte[] b) {
        return UNSIGNED.compare(a, b) <= 0 ? Keccak256.hash(a, b) : Keccak256.hash(b, a);
    }
}
