package io.stakestream.ledger.instructions;

import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.PoolStatus;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Tx;

/**
 * Closes the pool for good [Inference.net CloseOperatorPool]. Positions are not stranded: they can
 * still unstake, claim finished unstakes and claim owed USDC, and the operator is free to leave.
 */
final class CloseOperatorPoolInstruction implements Instruction<CloseOperatorPool> {
    @Override
    public void apply(CloseOperatorPool body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Guards.notHaltedOperator(pool, tx);   // [Inference.net] a halted pool's operator cannot close it
        Guards.notClosed(pool);
        pool.state().setStatus(PoolStatus.CLOSED);
        // it still accrues what it earned up to and including this epoch
        pool.state().setClosedEpoch(tx.network().epoch());
        tx.save(pool);
        tx.event(pool, null, null, null, null, "closed");
    }
}
