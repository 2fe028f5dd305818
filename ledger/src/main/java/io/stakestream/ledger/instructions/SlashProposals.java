package io.stakestream.ledger.instructions;

import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashProposal;
import io.stakestream.avro.SlashReason;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Times;
import io.stakestream.ledger.Tx;
import java.math.BigDecimal;

/**
 * Slash proposals of one pool, whoever opens them: a slashing authority, or the reward oracle at an
 * epoch close. Each waits out the epoch it was proposed in, then disputeWindowEpochs whole epochs,
 * and never less than minDisputeWindowSeconds of broker time; the pool counts what is open.
 */
final class SlashProposals {
    /** Slash ids the oracle gives its proposals; nobody else may use them. */
    static final String ORACLE_PREFIX = "auto-";

    private SlashProposals() {}

    static boolean exists(Pool pool, String slashId, Tx tx) {
        return tx.get(Table.SLASHES, Keys.slash(pool.id(), slashId)) != null;
    }

    static void open(Pool pool, Network n, Tx tx, String slashId, SlashReason reason, Integer ppm, BigDecimal amount, String evidence) {
        Rejected.unless(!exists(pool, slashId, tx), RejectReason.SLASH_EXISTS, "slash '" + slashId + "' already exists");
        long epoch = n.epoch() + 1 + n.params().getDisputeWindowEpochs();
        long at = Times.after(tx.now(), n.params().getMinDisputeWindowSeconds());
        tx.put(Table.SLASHES, Keys.slash(pool.id(), slashId), SlashProposal.newBuilder()
                .setSlashId(slashId).setPoolId(pool.id()).setReason(reason).setFractionPpm(ppm).setAmount(amount)
                .setEvidence(evidence).setProposer(tx.actor()).setProposedEpoch(n.epoch()).setProposedAt(tx.now())
                .setExecutableEpoch(epoch).setExecutableAt(at).build());
        pool.slashOpened();
        tx.save(pool);
        tx.event(pool, null, null, null, null, "slash " + slashId + " (" + reason + ") proposed, executable from epoch "
                + epoch + " and time " + at);
    }

    /** The pool's open proposal of that id; a proposal of another pool is never found, whatever the ids look like. */
    static SlashProposal find(Pool pool, String slashId, Tx tx) {
        SlashProposal p = tx.get(Table.SLASHES, Keys.slash(pool.id(), slashId));
        Rejected.unless(p != null && p.getPoolId().equals(pool.id()), RejectReason.UNKNOWN_SLASH,
                "no pending slash '" + slashId + "' on pool '" + pool.id() + "'");
        return p;
    }

    /** Executed or cancelled: the proposal is gone and the pool counts one fewer. */
    static void close(Pool pool, String slashId, Tx tx) {
        tx.delete(Table.SLASHES, Keys.slash(pool.id(), slashId));
        pool.slashClosed();
    }
}
