package io.stakestream.ledger.instructions;

import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;

/**
 * The reward oracle's side of slashing [InfraMind]: at epoch close, a pool whose attestations show
 * an SLA ratio under the threshold, an invalid proof or a dropout gets a slash proposal with the
 * schedule's penalty. It still waits out the dispute window and can be cancelled like any other.
 */
final class AutoSlash {
    private AutoSlash() {}

    static void propose(Pool pool, Network n, long epoch, Tx tx) {
        PoolEpochPerformance perf = tx.get(Table.PERFORMANCE, Keys.performance(pool.id(), epoch));
        if (perf == null || perf.getJobs() == 0) return;
        long slaPpm = io.stakestream.ledger.Amounts.ratioPpm(perf.getSucceeded(), perf.getJobs());
        if (slaPpm < n.params().getSlaThresholdPpm()) {
            proposal(pool, n, epoch, tx, SlashReason.SLA_BREACH, "SLA " + slaPpm + " ppm over " + perf.getJobs() + " jobs");
        }
        if (perf.getInvalidProofs() > 0) {
            proposal(pool, n, epoch, tx, SlashReason.INVALID_PROOF, perf.getInvalidProofs() + " invalid proof(s)");
        }
        if (perf.getDropouts() > 0) {
            proposal(pool, n, epoch, tx, SlashReason.DROPOUT, perf.getDropouts() + " job(s) dropped mid-run");
        }
    }

    private static void proposal(Pool pool, Network n, long epoch, Tx tx, SlashReason reason, String evidence) {
        SlashRule rule = n.rule(reason);
        String slashId = SlashProposals.ORACLE_PREFIX + reason.name().toLowerCase() + "-" + epoch;
        if (rule == null || SlashProposals.exists(pool, slashId, tx)) return;
        // proposed as epoch n closes: its window counts from n + 1, like a proposal made in n
        SlashProposals.open(pool, n, tx, slashId, reason, rule.getFractionPpm(), null, "epoch " + epoch + " attestations: " + evidence);
    }
}
