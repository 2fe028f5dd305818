package io.stakestream.ledger.instructions;

import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/** Opens the signer's staking record in a pool [Inference.net CreateStakingRecord]. */
final class CreateStakingRecordInstruction implements Instruction<CreateStakingRecord> {
    @Override
    public void apply(CreateStakingRecord body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork();
        Pool pool = tx.pool();
        Guards.notClosed(pool);
        Rejected.unless(tx.findPosition(pool, tx.actor()) == null, RejectReason.POSITION_EXISTS,
                "this account already has a staking record in pool '" + pool.id() + "'");
        Position position = Position.open(pool.id(), tx.actor(), tx.now());
        pool.settle(position);
        pool.state().setPositionCount(pool.state().getPositionCount() + 1);
        tx.save(pool);
        tx.save(position);
        tx.event(pool, position, null, null, null, "staking record opened");
    }
}
