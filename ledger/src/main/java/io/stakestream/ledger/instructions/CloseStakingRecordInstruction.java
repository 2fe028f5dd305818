package io.stakestream.ledger.instructions;

import io.stakestream.avro.CloseStakingRecord;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;

/** Closes an empty staking record: no shares, no pending unstakes, no USDC owed. */
final class CloseStakingRecordInstruction implements Instruction<CloseStakingRecord> {
    @Override
    public void apply(CloseStakingRecord body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork();
        Pool pool = tx.pool();
        Position position = tx.position(pool, tx.actor());
        pool.settle(position);
        Rejected.unless(!pool.isOperator(tx.actor()) || pool.status() == PoolStatus.CLOSED, RejectReason.INVALID_ARGUMENT,
                "the operator's own record closes only with the pool");
        Rejected.unless(position.empty(), RejectReason.POSITION_NOT_EMPTY,
                "unstake, claim every pending unstake and claim USDC before closing the record");
        tx.delete(Table.POSITIONS, Keys.position(pool.id(), tx.actor()));
        pool.state().setPositionCount(pool.state().getPositionCount() - 1);
        tx.save(pool);
        tx.event(pool, null, null, null, null, "staking record closed");
    }
}
