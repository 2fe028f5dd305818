package io.stakestream.ledger.instructions;

import io.stakestream.avro.Authorities;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/** Initializes the program: global parameters and authorities; the signer must name itself admin. */
final class CreatePoolOverviewInstruction implements Instruction<CreatePoolOverview> {
    @Override
    public void apply(CreatePoolOverview body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.network();
        Rejected.unless(!n.initialized(), RejectReason.ALREADY_INITIALIZED, "the program is already initialized: use UpdatePoolOverview");
        ParamsCheck.check(body.getParams());
        Authorities a = body.getAuthorities();
        AuthorityKeys.check(a.getAdmin(), true);
        AuthorityKeys.check(a.getSlashing(), false);
        AuthorityKeys.check(a.getHalt(), false);
        AuthorityKeys.check(a.getReward(), false);
        AuthorityKeys.check(a.getCustody(), false);
        n.state().setParams(body.getParams());
        n.state().setAuthorities(a);
        n.requireRole(AuthorityRole.ADMIN, tx.actor());
        tx.saveNetwork();
        tx.event(null, null, null, null, null, "program initialized");
    }
}
