package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.EndTrainingRun;
import io.stakestream.avro.TrainingRun;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Tx;

/** The admin ends a training run: attestations for it are refused from here on [Prime Intellect]. */
final class EndTrainingRunInstruction implements Instruction<EndTrainingRun> {
    @Override
    public void apply(EndTrainingRun body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.ADMIN, tx.actor());
        TrainingRun run = TrainingRuns.activeRun(n, body.getRunId());
        run.setActive(false);
        run.setEndedEpoch(n.epoch());
        tx.saveNetwork();
        tx.event(null, null, null, null, null, "training run " + body.getRunId() + " ended");
    }
}
