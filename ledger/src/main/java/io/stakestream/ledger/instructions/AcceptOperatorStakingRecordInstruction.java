package io.stakestream.ledger.instructions;

import io.stakestream.avro.AcceptOperatorStakingRecord;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/** The owner of the nominated record consents: it becomes the operator's record, if the rules still allow the move. */
final class AcceptOperatorStakingRecordInstruction implements Instruction<AcceptOperatorStakingRecord> {
    @Override
    public void apply(AcceptOperatorStakingRecord body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Pool pool = tx.pool();
        var nominated = pool.state().getNominatedOperatorAccount();
        Rejected.unless(nominated != null && Accounts.same(nominated, tx.actor()), RejectReason.UNAUTHORIZED,
                "only the owner of the record the pool admin nominated can accept it as the operator's record");
        Position next = tx.position(pool, tx.actor());
        OperatorRecord.checkMove(pool, n, next);
        pool.state().setOperatorAccount(next.account());
        pool.state().setNominatedOperatorAccount(null);
        tx.save(pool);
        tx.event(pool, next, null, null, null, "operator staking record is now " + Accounts.short_(next.account()));
    }
}
