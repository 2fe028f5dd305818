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
 * <p>Layout: a complete binary tree in one array of 32-byte nodes, root at 0, children of i at
 * 2i+1 and 2i+2. The leaf hashes, sorted ascending as unsigned bytes, fill the array from its end
 * backwards. An internal node is keccak256 of its two children in ascending order, so a proof
 * needs no left/right flags. Sorting the leaves makes the root independent of the input order.
 */
public final class StandardMerkleTree {

    private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;
    private static final int HASH = Keccak256.LENGTH;
    /** Below this many hashes a level is hashed on the calling thread. */
    private static final int PARALLEL_FROM = 4_096;
    /** The most leaves whose nodes fit one array: 2n - 1 nodes of 32 bytes. */
    static final int MAX_LEAVES = (Integer.MAX_VALUE / HASH + 1) / 2 - 8;

    private final List<RewardLeaf> leaves;
    /** Every node, 32 bytes each, back to back: node i at i * 32; no array per node. */
    private final byte[] nodes;
    /** The nodes read-only, for proofs that share them instead of copying. */
    private final ByteBuffer view;
    /** For each leaf in input order, where its hash sits among the nodes. */
    private final int[] treeIndex;

    private StandardMerkleTree(List<RewardLeaf> leaves, byte[] nodes, int[] treeIndex) {
        this.leaves = leaves;
        this.nodes = nodes;
        this.view = ByteBuffer.wrap(nodes).asReadOnlyBuffer();
        this.treeIndex = treeIndex;
    }

    /** @throws IllegalArgumentException for no leaves (OpenZeppelin refuses an empty tree too) or too many for one array */
    public static StandardMerkleTree of(List<RewardLeaf> values) {
        if (values.size() > MAX_LEAVES) {
            throw new IllegalArgumentException("a merkle tree takes at most " + MAX_LEAVES + " leaves, got " + values.size()
                    + ": split the epoch");
        }
        List<RewardLeaf> leaves = List.copyOf(values);
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a merkle tree needs at least one leaf");
        }
        int n = leaves.size();
        // Leaf hashes (two thirds of the keccak work) and each level of internal nodes are
        // independent of one another: every core takes a share; the result is the same bytes.
        byte[] hashes = new byte[n * HASH];
        parallel(0, n - 1, n, i -> leaves.get(i).hashInto(hashes, i * HASH));
        int[] order = HashOrder.ascending(hashes, n);

        int count = 2 * n - 1;
        byte[] nodes = new byte[count * HASH];
        int[] treeIndex = new int[n];
        for (int position = 0; position < n; position++) {
            int at = count - 1 - position;
            System.arraycopy(hashes, order[position] * HASH, nodes, at * HASH, HASH);
            treeIndex[order[position]] = at;
        }
        // internal nodes are 0 .. n-2; those at depth d (indices 2^d-1 .. 2^(d+1)-2) need only depth d+1
        int lastInternal = n - 2;
        for (int depth = 31 - Integer.numberOfLeadingZeros(Math.max(1, lastInternal + 1)); depth >= 0 && lastInternal >= 0; depth--) {
            int from = (1 << depth) - 1;
            int to = Math.min((1 << (depth + 1)) - 2, lastInternal);
            parallel(from, to, to - from + 1, i -> hashChildren(nodes, i));
        }
        return new StandardMerkleTree(leaves, nodes, treeIndex);
    }

    public byte[] root() {
        return node(0);
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
        return node(treeIndex(index));
    }

    /** The sibling hashes from the leaf up to (not including) the root, for the leaf at input index. */
    public List<byte[]> proof(int index) {
        int[] siblings = siblings(index);
        List<byte[]> proof = new ArrayList<>(siblings.length);
        for (int sibling : siblings) {
            proof.add(node(sibling));
        }
        return proof;
    }

    /** The proof as read-only buffers over the tree's own nodes (no copies), ready for an Avro {@code array<bytes>} field. */
    public List<ByteBuffer> proofBuffers(int index) {
        int[] siblings = siblings(index);
        ByteBuffer[] proof = new ByteBuffer[siblings.length];
        for (int k = 0; k < siblings.length; k++) {
            proof[k] = view.slice(siblings[k] * HASH, HASH);
        }
        return Arrays.asList(proof);
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
        int count = nodes.length / HASH;
        List<byte[]> copies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            copies.add(node(i));
        }
        return copies;
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

    /** {@link #hashPair} of node i's two children, written into node i. */
    private static void hashChildren(byte[] nodes, int i) {
        int left = (2 * i + 1) * HASH;
        int right = left + HASH;
        boolean ascending = Arrays.compareUnsigned(nodes, left, right, nodes, right, right + HASH) <= 0;
        Keccak256.hashPair(nodes, ascending ? left : right, ascending ? right : left, i * HASH);
    }

    private byte[] node(int i) {
        return Arrays.copyOfRange(nodes, i * HASH, (i + 1) * HASH);
    }

    /** The node indexes of a leaf's proof, from its sibling up to a child of the root. */
    private int[] siblings(int index) {
        int leaf = treeIndex(index);
        int depth = 0;
        for (int at = leaf; at > 0; at = (at - 1) / 2) {
            depth++;
        }
        int[] siblings = new int[depth];
        int at = leaf;
        for (int k = 0; k < depth; k++) {
            siblings[k] = at % 2 == 1 ? at + 1 : at - 1;
            at = (at - 1) / 2;
        }
        return siblings;
    }
}
