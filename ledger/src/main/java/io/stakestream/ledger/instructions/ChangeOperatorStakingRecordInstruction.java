package io.stakestream.ledger.instructions;

import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Tx;

/**
 * Points the pool at another staking record as the operator's own [Inference.net
 * ChangeOperatorStakingRecord]. The record must exist; the minimum self-stake then applies to it.
 */
final class ChangeOperatorStakingRecordInstruction implements Instruction<ChangeOperatorStakingRecord> {
    @Override
    public void apply(ChangeOperatorStakingRecord body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Guards.notHaltedOperator(pool, tx);
        Position next = tx.position(pool, body.getNewOperatorAccount());
        pool.state().setOperatorAccount(next.account());
        tx.save(pool);
        tx.event(pool, next, null, null, null, "operator staking record is now " + Accounts.short_(next.account()));
    }
}
