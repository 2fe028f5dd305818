package io.stakestream.ledger.instructions;

import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/** Hands the pool's admin authority to another key [Inference.net ChangeOperatorPoolAdmin]. */
final class ChangeOperatorPoolAdminInstruction implements Instruction<ChangeOperatorPoolAdmin> {
    @Override
    public void apply(ChangeOperatorPoolAdmin body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Rejected.unless(body.getNewAdmin().remaining() == Accounts.KEY_BYTES, RejectReason.WRONG_KEY, "the new admin must be a 32-byte key");
        pool.state().setAdmin(body.getNewAdmin());
        tx.save(pool);
        tx.event(pool, null, null, null, null, "admin changed to " + Accounts.short_(body.getNewAdmin()));
    }
}
