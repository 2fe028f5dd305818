package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.ModelInfo;
import io.stakestream.avro.SetModel;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Tx;

/** Registers a model with the stake its providers need, or enables/disables it [Function Network]. */
final class SetModelInstruction implements Instruction<SetModel> {
    @Override
    public void apply(SetModel body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.ADMIN, tx.actor());
        ParamsCheck.arg(!body.getModelId().isEmpty() && body.getModelId().length() <= 64, "model id must be 1..64 characters");
        Amounts.nonNegative(body.getRequiredStake(), "requiredStake");
        n.state().getModels().put(body.getModelId(),
                ModelInfo.newBuilder().setModelId(body.getModelId()).setRequiredStake(body.getRequiredStake())
                        .setEnabled(body.getEnabled()).build());
        tx.saveNetwork();
        tx.event(null, null, null, null, null, "model " + body.getModelId() + (body.getEnabled() ? " enabled" : " disabled"));
    }
}
