package io.stakestream.ledger.instructions;

import io.stakestream.avro.Authorities;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Tx;
import java.util.ArrayList;

/** Replaces the keys of one authority role; only the admin may, and the admin role never empties. */
final class UpdatePoolOverviewAuthoritiesInstruction implements Instruction<UpdatePoolOverviewAuthorities> {
    @Override
    public void apply(UpdatePoolOverviewAuthorities body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.ADMIN, tx.actor());
        AuthorityKeys.check(body.getKeys(), body.getRole() == AuthorityRole.ADMIN);
        Authorities a = n.state().getAuthorities();
        var keys = new ArrayList<>(body.getKeys());
        switch (body.getRole()) {
            case ADMIN -> a.setAdmin(keys);
            case SLASHING -> a.setSlashing(keys);
            case HALT -> a.setHalt(keys);
            case REWARD -> a.setReward(keys);
            case CUSTODY -> a.setCustody(keys);
        }
        tx.saveNetwork();
        tx.event(null, null, null, null, null, body.getRole() + " authority keys replaced (" + keys.size() + ")");
    }
}
