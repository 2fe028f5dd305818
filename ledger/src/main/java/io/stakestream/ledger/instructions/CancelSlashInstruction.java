package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/** The admin (after a successful dispute) or a slashing authority withdraws a proposed slash [InfraMind]. */
final class CancelSlashInstruction implements Instruction<CancelSlash> {
    @Override
    public void apply(CancelSlash body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Rejected.unless(n.hasRole(AuthorityRole.ADMIN, tx.actor()) || n.hasRole(AuthorityRole.SLASHING, tx.actor()),
                RejectReason.UNAUTHORIZED, "only the admin or a slashing authority can cancel a slash");
        Pool pool = tx.pool();
        SlashProposals.find(pool, body.getSlashId(), tx);
        SlashProposals.close(pool, body.getSlashId(), tx);
        tx.save(pool);
        tx.event(pool, null, null, null, null, "slash " + body.getSlashId() + " cancelled: " + body.getWhy());
    }
}
