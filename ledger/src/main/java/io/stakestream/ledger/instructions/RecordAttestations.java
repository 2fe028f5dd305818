package io.stakestream.ledger.instructions;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Accounts;
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
 * A signed batch of job results from one of the pool's nodes [Prime Intellect attestations,
 * InfraMind SLA and latency]. All results must be for the open epoch: a closed epoch's are late.
 * A result of a training run counts as a contribution to it only from a node in the run that still
 * holds the run's stake; successful ones are summed into the epoch's performance.
 * The batch applies whole or not at all.
 */
public final class RecordAttestations implements Instruction<AttestationPayload> {
    @Override
    public void apply(AttestationPayload a, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Pool pool = tx.pool();
        boolean node = pool.isOperator(tx.actor()) || pool.isAdmin(tx.actor())
                || pool.state().getOperatorAuthKeys().stream().anyMatch(k -> Accounts.same(k, tx.actor()));
        Rejected.unless(node, RejectReason.UNAUTHORIZED, "attestations must be signed by one of the pool's operator auth keys");
        Rejected.unless(!a.getResults().isEmpty(), RejectReason.INVALID_ARGUMENT, "an attestation batch needs at least one job result");
        long epoch = n.epoch();
        PoolEpochPerformance perf = tx.get(Table.PERFORMANCE, Keys.performance(pool.id(), epoch));
        if (perf == null) {
            perf = PoolEpochPerformance.newBuilder().setPoolId(pool.id()).setEpoch(epoch).setJobs(0).setSucceeded(0)
                    .setInvalidProofs(0).setDropouts(0).setLatencySumMs(0).setLatencyMaxMs(0).setUsdcEarned(Amounts.zero()).build();
        }
        java.util.Set<String> runsChecked = new java.util.HashSet<>();
        BigInteger usdc = Amounts.big(perf.getUsdcEarned());
        for (JobResult r : a.getResults()) {
            Rejected.unless(r.getEpoch() >= epoch, RejectReason.LATE_ATTESTATION,
                    "job " + r.getJobId() + " is for epoch " + r.getEpoch() + ", already closed (now " + epoch + ")");
            Rejected.unless(r.getEpoch() == epoch, RejectReason.WRONG_EPOCH,
                    "job " + r.getJobId() + " is for future epoch " + r.getEpoch() + " (now " + epoch + ")");
            Rejected.unless(r.getModelId().equals(pool.state().getModelId()), RejectReason.INVALID_ARGUMENT,
                    "job " + r.getJobId() + " ran model " + r.getModelId() + ", not the pool's " + pool.state().getModelId());
            Rejected.unless(r.getLatencyMs() >= 0, RejectReason.INVALID_ARGUMENT, "latency must not be negative");
            boolean training = r.getTrainingRunId() != null;
            if (training && runsChecked.add(r.getTrainingRunId())) trainingRun(pool, n, r.getTrainingRunId(), tx);
            usdc = usdc.add(Amounts.nonNegative(r.getUsdcFee(), "usdcFee"));
            perf.setJobs(perf.getJobs() + 1);
            if (r.getSuccess() && r.getProofValid() && r.getCompleted()) {
                perf.setSucceeded(perf.getSucceeded() + 1);
                if (training) perf.setTrainingContributions(perf.getTrainingContributions() + 1);
            }
            if (!r.getProofValid()) perf.setInvalidProofs(perf.getInvalidProofs() + 1);
            if (!r.getCompleted()) perf.setDropouts(perf.getDropouts() + 1);
            perf.setLatencySumMs(perf.getLatencySumMs() + r.getLatencyMs());
            perf.setLatencyMaxMs(Math.max(perf.getLatencyMaxMs(), r.getLatencyMs()));
        }
        perf.setUsdcEarned(Amounts.dec(usdc));
        Uptime.record(perf, pool, n, tx.now());
        tx.put(Table.PERFORMANCE, Keys.performance(pool.id(), epoch), perf);
        tx.event(pool, null, null, null, null, a.getResults().size() + " job result(s) for epoch " + epoch);
    }

    /** A training contribution needs a running run the node joined, and the run's stake held now [Prime Intellect]. */
    private static void trainingRun(Pool pool, Network n, String runId, Tx tx) {
        var run = TrainingRuns.activeRun(n, runId);
        Rejected.unless(TrainingRuns.joined(pool, runId, tx), RejectReason.NOT_IN_RUN,
                "node '" + pool.id() + "' did not join training run '" + runId + "': send JoinTrainingRun first");
        TrainingRuns.requireStake(pool, n, run, tx);
    }
}
