package io.stakestream.protocol.merkle;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's keccak256: the original Keccak padding, which is not the padding of the later
 * FIPS SHA3-256. Roots must match what Solidity's keccak256 computes.
 */
public final class Keccak256 {

    public static final int LENGTH = 32;

    private Keccak256() {
    }

    /** One digest per thread, reset by every doFinal: a fresh one per hash cost more than the hash of a pair. */
    private static final ThreadLocal<KeccakDigest> DIGEST = ThreadLocal.withInitial(() -> new KeccakDigest(256));

    /** keccak256 of the concatenation of the parts, without building the concatenation. */
    public static byte[] hash(byte[]... parts) {
        KeccakDigest digest = DIGEST.get();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /** keccak256 of a followed by b: a tree's pair hash without the varargs array. */
    public static byte[] hash(byte[] a, byte[] b) {
        KeccakDigest digest = DIGEST.get();
        digest.update(a, 0, a.length);
        digest.update(b, 0, b.length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /**
     * keccak256 of {@code in[off, off + len)} written to {@code out[at, at + 32)}, which may overlap
     * the input (the input is absorbed before the digest is written): a tree's nodes need no array each.
     */
    public static void hash(byte[] in, int off, int len, byte[] out, int at) {
        KeccakDigest digest = DIGEST.get();
        digest.update(in, off, len);
        digest.doFinal(out, at);
    }

    /** keccak256 of the 32 bytes at {@code a} followed by the 32 at {@code b} of nodes, written to nodes at {@code at}. */
    static void hashPair(byte[] nodes, int a, int b, int at) {
        KeccakDigest digest = DIGEST.get();
        digest.update(nodes, a, LENGTH);
        digest.update(nodes, b, LENGTH);
        digest.doFinal(nodes, at);
    }
}
