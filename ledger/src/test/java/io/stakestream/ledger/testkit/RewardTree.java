package io.stakestream.ledger.testkit;

import io.stakestream.ledger.ProofVerifier;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small merkle tree over reward leaves for ledger tests: leaves hashed twice, pairs hashed in
 * sorted order, the odd node carried up, as OpenZeppelin does, with SHA-256 in place of keccak
 * (the ledger module has no keccak; the protocol module's OpenZeppelin tree is what the real
 * pipeline checks against, in the streams-app tests). {@link #VERIFIER} is a real proof check:
 * a wrong amount, pool, epoch or sibling fails it.
 */
public final class RewardTree {
    public record Leaf(String poolId, BigInteger tokens, BigInteger usdc) {
        public static Leaf of(String poolId, long tokens, long usdc) {
            return new Leaf(poolId, BigInteger.valueOf(tokens), BigInteger.valueOf(usdc));
        }
    }

    public static final ProofVerifier VERIFIER = (root, epoch, pool, tokens, usdc, proof) -> {
        if (root == null || proof == null) return false;
        byte[] node = leafHash(epoch, pool, tokens, usdc);
        for (ByteBuffer sibling : proof) node = pair(node, bytes(sibling));
        return Arrays.equals(node, bytes(root));
    };

    public final long epoch;
    private final Map<String, Leaf> leaves = new LinkedHashMap<>();
    private final Map<String, List<ByteBuffer>> proofs = new LinkedHashMap<>();
    private final byte[] root;

    public RewardTree(long epoch, List<Leaf> values) {
        this.epoch = epoch;
        List<byte[]> level = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Leaf l = values.get(i);
            leaves.put(l.poolId(), l);
            proofs.put(l.poolId(), new ArrayList<>());
            level.add(leafHash(epoch, l.poolId(), l.tokens(), l.usdc()));
            members.add(new ArrayList<>(List.of(i)));
        }
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>();
            List<List<Integer>> nextMembers = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                if (i + 1 == level.size()) {
                    next.add(level.get(i));
                    nextMembers.add(members.get(i));
                    continue;
                }
                for (int m : members.get(i)) proofs.get(values.get(m).poolId()).add(ByteBuffer.wrap(level.get(i + 1)));
                for (int m : members.get(i + 1)) proofs.get(values.get(m).poolId()).add(ByteBuffer.wrap(level.get(i)));
                next.add(pair(level.get(i), level.get(i + 1)));
                List<Integer> both = new ArrayList<>(members.get(i));
                both.addAll(members.get(i + 1));
                nextMembers.add(both);
            }
            level = next;
            members = nextMembers;
        }
        root = level.isEmpty() ? new byte[32] : level.get(0);
    }

    public ByteBuffer root() {
        return ByteBuffer.wrap(root.clone());
    }

    public java.util.Collection<Leaf> leaves() {
        return leaves.values();
    }

    public Leaf leaf(String poolId) {
        return leaves.get(poolId);
    }

    public List<ByteBuffer> proof(String poolId) {
        return proofs.get(poolId).stream().map(ByteBuffer::duplicate).toList();
    }

    public BigInteger totalTokens() {
        return leaves.values().stream().map(Leaf::tokens).reduce(BigInteger.ZERO, BigInteger::add);
    }

    public BigInteger totalUsdc() {
        return leaves.values().stream().map(Leaf::usdc).reduce(BigInteger.ZERO, BigInteger::add);
    }

    public int size() {
        return leaves.size();
    }

    static byte[] leafHash(long epoch, String pool, BigInteger tokens, BigInteger usdc) {
        String encoded = epoch + "|" + pool + "|" + tokens + "|" + usdc;
        return sha256(sha256(encoded.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] pair(byte[] a, byte[] b) {
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(aFirst ? a : b, 0, both, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, both, 32, 32);
        return sha256(both);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
