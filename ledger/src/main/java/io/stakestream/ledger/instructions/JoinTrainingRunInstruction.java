package io.stakestream.ledger.instructions;

import io.stakestream.avro.JoinTrainingRun;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.TrainingRun;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;

/**
 * A node joins a running training run [Prime Intellect joinTrainingRun]: its pool admin signs;
 * the node must be whitelisted, active and not halted, run the run's model and hold its minimum stake.
 */
final class JoinTrainingRunInstruction implements Instruction<JoinTrainingRun> {
    @Override
    public void apply(JoinTrainingRun body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        TrainingRun run = TrainingRuns.activeRun(n, body.getRunId());
        Rejected.unless(pool.state().getWhitelisted(), RejectReason.NOT_WHITELISTED,
                "node '" + pool.id() + "' is not whitelisted: the admin whitelists it with SetWhitelist");
        Rejected.unless(pool.open() && !pool.state().getHalted(), RejectReason.POOL_NOT_ACTIVE,
                "node '" + pool.id() + "' is " + (pool.state().getHalted() ? "halted" : pool.status().name().toLowerCase()) + " and cannot join a run");
        Rejected.unless(run.getModelId().equals(pool.state().getModelId()), RejectReason.INVALID_ARGUMENT,
                "training run '" + run.getRunId() + "' trains model " + run.getModelId() + ", not this node's " + pool.state().getModelId());
        TrainingRuns.requireStake(pool, n, run, tx);
        Rejected.unless(!TrainingRuns.joined(pool, run.getRunId(), tx), RejectReason.INVALID_ARGUMENT,
                "node '" + pool.id() + "' is in training run '" + run.getRunId() + "' already");
        tx.put(Table.MARKS, Keys.trainingRun(pool.id(), run.getRunId()), n.epoch());
        tx.event(pool, null, null, null, null, "joined training run " + run.getRunId());
    }
}
