package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Tx;

/** Replaces the global parameters; every partition applies it at the same point of its command order. */
final class UpdatePoolOverviewInstruction implements Instruction<UpdatePoolOverview> {
    @Override
    public void apply(UpdatePoolOverview body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.ADMIN, tx.actor());
        ParamsCheck.check(body.getParams());
        n.state().setParams(body.getParams());
        tx.saveNetwork();
        tx.event(null, null, null, null, null, "global parameters updated");
    }
}
