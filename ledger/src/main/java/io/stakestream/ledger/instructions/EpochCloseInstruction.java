package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Closes epoch n on this partition: one summary per pool (stake, tier, job performance, USDC
 * earned, slashed tokens to redistribute), then a marker the reward-builder counts. Attestations
 * for n are late from here on. Sent by the epoch clock, signed with a reward authority key.
 */
final class EpochCloseInstruction implements Instruction<EpochClose> {
    @Override
    public void apply(EpochClose body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.REWARD, tx.actor());
        long epoch = body.getEpoch();
        Rejected.unless(epoch == n.epoch(), RejectReason.WRONG_EPOCH,
                "this partition is in epoch " + n.epoch() + "; close that one, epochs close in order");
        long pools = 0;
        for (String poolId : tx.keys(Table.POOLS, "")) {
            Pool pool = tx.pool(poolId);
            PoolEpochSummary summary = summary(pool, n, epoch, tx);
            tx.summary(new EpochSummaryMessage(summary));
            if (earned(pool, summary, epoch)) {
                pool.rewards().owe(epoch);
                tx.save(pool);
            }
            if (n.params().getAutoProposeSlashes()) AutoSlash.propose(pool, n, epoch, tx);
            if (pool.state().getRedistributable().signum() > 0) {
                pool.state().setRedistributable(Amounts.zero());
                tx.save(pool);
            }
            if (pool.tokenDust().signum() > 0) {
                // rounding dust belongs to nobody: the treasury takes it every epoch [Prover]
                tx.save(pool);
                tx.payout(n.params().getTreasuryAccount(), pool.id(), io.stakestream.avro.Asset.TOKEN,
                        io.stakestream.avro.PayoutKind.TOKEN_DUST, pool.takeTokenDust());
            }
            pools++;
        }
        tx.summary(new EpochSummaryMessage(PartitionEpochClosed.newBuilder().setEpoch(epoch)
                .setPartition(tx.ctx().partition()).setPartitions(tx.ctx().partitions()).setPools(pools)
                .setParams(io.stakestream.avro.GlobalParameters.newBuilder(n.params()).build()).build()));
        n.state().setCurrentEpoch(epoch + 1);
        n.state().setEpochStartedAt(tx.now());
        tx.saveNetwork();
        tx.event(null, null, null, null, null, "epoch " + epoch + " closed on partition " + tx.ctx().partition() + " with " + pools + " pools");
    }

    /**
     * The reward-builder gives a leaf to a pool that earned in the epoch: active at the close, or
     * USDC from its jobs (which goes to the pool in full). The pool is owed that leaf, unless it
     * closed before the epoch.
     */
    private static boolean earned(Pool pool, PoolEpochSummary summary, long epoch) {
        boolean closedBefore = pool.state().getClosedEpoch() >= 0 && pool.state().getClosedEpoch() < epoch;
        return !closedBefore && (summary.getActive() || summary.getUsdcEarned().signum() > 0);
    }

    private static PoolEpochSummary summary(Pool pool, Network n, long epoch, Tx tx) {
        PoolEpochPerformance perf = tx.get(Table.PERFORMANCE, Keys.performance(pool.id(), epoch));
        BigInteger stake = pool.stakeIncludingEntries();
        long jobs = perf == null ? 0 : perf.getJobs();
        return PoolEpochSummary.newBuilder()
                .setEpoch(epoch).setPoolId(pool.id()).setPartition(tx.ctx().partition())
                .setActive(Activity.earns(pool, n, tx))
                .setEffectiveStake(Amounts.dec(stake)).setTier(n.tier(stake))
                .setJobs(jobs).setSucceeded(perf == null ? 0 : perf.getSucceeded())
                .setInvalidProofs(perf == null ? 0 : perf.getInvalidProofs())
                .setDropouts(perf == null ? 0 : perf.getDropouts())
                .setAvgLatencyMs(jobs == 0 ? 0 : perf.getLatencySumMs() / jobs) // rounded down
                .setMaxLatencyMs(perf == null ? 0 : perf.getLatencyMaxMs())
                .setUsdcEarned(perf == null ? Amounts.zero() : perf.getUsdcEarned())
                .setRedistributable(pool.state().getRedistributable())
                .setUptimePpm(Uptime.ppm(perf, pool, n, tx.now()))
                .setRegion(pool.state().getRegion())
                .setTrainingContributions(perf == null ? 0 : perf.getTrainingContributions())
                .build();
    }
}
