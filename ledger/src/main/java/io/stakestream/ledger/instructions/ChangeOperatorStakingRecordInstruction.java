package io.stakestream.ledger.instructions;

import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/**
 * The pool admin nominates another staking record as the operator's own [Inference.net
 * ChangeOperatorStakingRecord, which both the admin and the record's owner sign]. One command
 * carries one signature, so the owner consents with AcceptOperatorStakingRecord, and the record
 * changes only then: nobody carries an operator's slash or minimum without signing for it.
 */
final class ChangeOperatorStakingRecordInstruction implements Instruction<ChangeOperatorStakingRecord> {
    @Override
    public void apply(ChangeOperatorStakingRecord body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Guards.notHaltedOperator(pool, tx);
        Position next = tx.position(pool, body.getNewOperatorAccount());
        Rejected.unless(!pool.isOperator(next.account()), RejectReason.INVALID_ARGUMENT, "that record is the operator's already");
        OperatorRecord.checkMove(pool, n, next);
        pool.state().setNominatedOperatorAccount(next.account());
        tx.save(pool);
        tx.event(pool, next, null, null, null, "operator staking record nominated: " + Accounts.short_(next.account())
                + " takes it over by sending AcceptOperatorStakingRecord");
    }
}
