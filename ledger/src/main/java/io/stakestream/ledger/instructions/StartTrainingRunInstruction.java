package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.ModelInfo;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.StartTrainingRun;
import io.stakestream.avro.TrainingRun;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/** The admin starts a registered model's training run with the stake its nodes must hold [Prime Intellect]. */
final class StartTrainingRunInstruction implements Instruction<StartTrainingRun> {
    @Override
    public void apply(StartTrainingRun body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.ADMIN, tx.actor());
        ParamsCheck.arg(!body.getRunId().isEmpty() && body.getRunId().length() <= 64, "run id must be 1..64 characters");
        Rejected.unless(!n.state().getTrainingRuns().containsKey(body.getRunId()), RejectReason.INVALID_ARGUMENT,
                "training run '" + body.getRunId() + "' exists already: start a new run under a new id");
        ModelInfo model = n.model(body.getModelId());
        Rejected.unless(model.getEnabled(), RejectReason.MODEL_DISABLED, "model '" + model.getModelId() + "' is disabled");
        n.state().getTrainingRuns().put(body.getRunId(), TrainingRun.newBuilder().setRunId(body.getRunId()).setModelId(body.getModelId())
                .setMinStake(Amounts.dec(Amounts.nonNegative(body.getMinStake(), "minStake"))).setActive(true)
                .setStartedEpoch(n.epoch()).build());
        tx.saveNetwork();
        tx.event(null, null, null, null, null, "training run " + body.getRunId() + " of model " + body.getModelId() + " started");
    }
}
