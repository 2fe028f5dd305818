package io.stakestream.ledger;

import java.nio.ByteBuffer;

/** State-store keys. Every key names its pool, so a pool's state lives with the pool on its partition. */
public final class Keys {
    /** The pool id of network-wide control commands, written to every partition. */
    public static final String NETWORK = "*";
    public static final String NETWORK_STATE = "network";
    /** The one key of {@link Table#BOOKS}: the partition's custody books. */
    public static final String BOOKS = "books";

    private Keys() {}

    public static String position(String poolId, ByteBuffer account) {
        return poolId + "/" + Accounts.hex(account);
    }

    public static String nonce(String poolId, ByteBuffer actor) {
        return poolId + "/" + Accounts.hex(actor);
    }

    /**
     * Attestation nonces are their own sequence: attestations travel on another topic, so their
     * order against the same key's commands is the broker's, not the signer's.
     */
    public static String attestationNonce(String poolId, ByteBuffer node) {
        return nonce(poolId, node) + "/attestation";
    }

    /**
     * Slash ids are free text and pool ids may hold '/', so the pool id is length-prefixed: pool
     * "a/b" with slash "s" and pool "a" with slash "b/s" get different keys. Every other key ends
     * in a part of fixed form (a 64-digit hex key, a 19-digit epoch, a fixed word), which keeps
     * them apart without a prefix.
     */
    public static String slash(String poolId, String slashId) {
        return slashes(poolId) + slashId;
    }

    /** What every slash key of the pool, and no other pool's, starts with: for a prefix scan. */
    public static String slashes(String poolId) {
        return poolId.length() + ":" + poolId + "/";
    }

    /** Zero-padded to 19 digits, so keys sort by epoch: {@code String.format("%019d")}, without its parsing (every accrual builds two). */
    public static String epoch(long epoch) {
        if (epoch < 0) return String.format("%019d", epoch);
        String digits = Long.toString(epoch);
        return "0".repeat(19 - digits.length()) + digits;
    }

    public static String performance(String poolId, long epoch) {
        return poolId + "/" + epoch(epoch);
    }

    public static String whitelist(String poolId) {
        return poolId + "/whitelist";
    }

    public static String accrued(String poolId, long epoch) {
        return poolId + "/accrued/" + epoch(epoch);
    }

    /** A chain transfer credited on this partition (a deposit or a funding: a transfer is one or the other). */
    public static String deposit(String poolId, io.stakestream.avro.ChainRef ref) {
        return poolId + "/deposit/" + chainRef(ref);
    }

    /** A chain reference as one string, "chainId:txhash:logIndex": the dedupe key of a transfer. */
    public static String chainRef(io.stakestream.avro.ChainRef ref) {
        return ref.getChainId() + ":" + Accounts.hex(ref.getTxHash()) + ":" + ref.getLogIndex();
    }

    /** Payout ids are the pool id, '#', and the pool's payout sequence: unique network-wide. */
    public static String payout(String poolId, long seq) {
        return poolId + "#" + seq;
    }

    /** The pool a payout id belongs to, or null when it is not "<pool>#<digits>". */
    public static String payoutPool(String payoutId) {
        int hash = payoutId == null ? -1 : payoutId.lastIndexOf('#');
        if (hash <= 0 || hash == payoutId.length() - 1 || payoutId.length() - hash > 19) return null;
        for (int i = hash + 1; i < payoutId.length(); i++) {
            if (!Character.isDigit(payoutId.charAt(i))) return null;
        }
        return payoutId.substring(0, hash);
    }

    public static long payoutSeq(String payoutId) {
        return Long.parseLong(payoutId.substring(payoutId.lastIndexOf('#') + 1));
    }

    public static String clusterLeg(String poolId, String commandId) {
        return poolId + "/cluster/" + commandId;
    }

    public static String trainingRun(String poolId, String runId) {
        return poolId + "/run/" + runId;
    }
}
