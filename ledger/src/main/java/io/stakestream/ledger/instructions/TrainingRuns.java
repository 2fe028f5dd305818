package io.stakestream.ledger.instructions;

import io.stakestream.avro.RejectReason;
import io.stakestream.avro.TrainingRun;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** The checks training-run commands and attestations share [Prime Intellect TrainingManager]. */
final class TrainingRuns {
    private TrainingRuns() {}

    static TrainingRun run(Network n, String runId) {
        TrainingRun run = n.state().getTrainingRuns().get(runId);
        Rejected.unless(run != null, RejectReason.UNKNOWN_RUN, "training run '" + runId + "' was never started: the admin starts it with StartTrainingRun");
        return run;
    }

    static TrainingRun activeRun(Network n, String runId) {
        TrainingRun run = run(n, runId);
        Rejected.unless(run.getActive(), RejectReason.RUN_ENDED, "training run '" + runId + "' ended in epoch " + run.getEndedEpoch());
        return run;
    }

    /** The pool's operator holds the run's minimum stake (and the network's and the model's). */
    static void requireStake(Pool pool, Network n, TrainingRun run, Tx tx) {
        BigInteger required = Amounts.big(run.getMinStake()).max(n.requiredSelfStake(pool));
        BigInteger held = Delegation.operatorValue(pool, tx);
        Rejected.unless(held.compareTo(required) >= 0, RejectReason.BELOW_MINIMUM_STAKE,
                "training run '" + run.getRunId() + "' needs the node to keep " + required + " staked; it holds " + held + ": stake more");
    }

    static boolean joined(Pool pool, String runId, Tx tx) {
        return tx.get(Table.MARKS, Keys.trainingRun(pool.id(), runId)) != null;
    }
}
