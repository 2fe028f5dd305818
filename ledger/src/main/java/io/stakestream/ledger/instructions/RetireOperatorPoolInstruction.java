package io.stakestream.ledger.instructions;

import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/** Active -> Retired [Prover lifecycle]: the pool takes no new stake and earns no reward; everyone can leave. */
final class RetireOperatorPoolInstruction implements Instruction<RetireOperatorPool> {
    @Override
    public void apply(RetireOperatorPool body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Rejected.unless(pool.status() == PoolStatus.ACTIVE, RejectReason.POOL_NOT_ACTIVE, "only an active pool can retire");
        pool.state().setStatus(PoolStatus.RETIRED);
        tx.save(pool);
        tx.event(pool, null, null, null, null, "retired");
    }
}
