package io.stakestream.cli.bench;

import io.stakestream.protocol.merkle.Keccak256;
import io.stakestream.protocol.merkle.PlainMerkleTree;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Figure 6: an epoch's reward tree, root plus every proof as the reward-builder publishes them,
 * against its floor: the same keccak256 calls on the same input sizes without a tree (each leaf's
 * ABI encoding hashed, that hash hashed again, and one 64-byte pair per internal node).
 */
final class MerkleBuild {
    private final List<RewardLeaf> leaves;
    private final List<byte[]> encodings;
    private long sink;

    MerkleBuild(int n) {
        leaves = new ArrayList<>(n);
        encodings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RewardLeaf leaf = new RewardLeaf(7, "pool-" + i, BigInteger.valueOf(1_000_000_007L * (i + 1)).pow(2), BigInteger.valueOf(i * 13L));
            leaves.add(leaf);
            encodings.add(leaf.abiEncode());
        }
    }

    /** Seconds for the tree, its root and every proof as Avro buffers, each step read as a publisher's encoder reads it. */
    double tree() {
        return timed(() -> {
            StandardMerkleTree tree = StandardMerkleTree.of(leaves);
            return new Built(tree.root(), tree::proofBuffers);
        });
    }

    /** The same for the plain build (one thread, a digest and an array per hash, boxed sort, copied proofs): the "before". */
    double plainTree() {
        return timed(() -> {
            PlainMerkleTree tree = PlainMerkleTree.of(leaves);
            return new Built(tree.root(), tree::proofBuffers);
        });
    }

    /** A built tree as the timing reads it: its root and the proof of each leaf. */
    private record Built(byte[] root, IntFunction<List<ByteBuffer>> proof) {
    }

    /** Seconds to build a tree and read its root and every proof. */
    private double timed(Supplier<Built> build) {
        long start = System.nanoTime();
        Built tree = build.get();
        long steps = tree.root().length;
        for (int i = 0; i < leaves.size(); i++) {
            steps += read(tree.proof().apply(i));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sink += steps;
        return seconds;
    }

    /** One byte of every step, so no build can win by handing out buffers no one looks at. */
    private static long read(List<ByteBuffer> proof) {
        long sum = 0;
        for (ByteBuffer step : proof) {
            sum += step.get(step.position() + Keccak256.LENGTH - 1);
        }
        return sum + proof.size();
    }

    /** Seconds for the tree's keccak256 calls alone (2 per leaf, 1 per internal node), one thread. */
    double keccakFloor() {
        long start = System.nanoTime();
        byte[] last = new byte[Keccak256.LENGTH];
        for (byte[] encoding : encodings) {
            last = Keccak256.hash(Keccak256.hash(encoding));
        }
        for (int i = 1; i < encodings.size(); i++) {
            last = Keccak256.hash(last, last);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sink += last[0];
        return seconds;
    }

    /** Seconds for as many keccak256 calls as there are leaves (64-byte inputs), one thread: the yardstick. */
    double keccakPerLeaf() {
        long start = System.nanoTime();
        byte[] last = new byte[Keccak256.LENGTH];
        for (int i = 0; i < encodings.size(); i++) {
            last = Keccak256.hash(last, last);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sink += last[0];
        return seconds;
    }

    /** Keeps the JIT from dropping the work. */
    long sink() {
        return sink;
    }
}
