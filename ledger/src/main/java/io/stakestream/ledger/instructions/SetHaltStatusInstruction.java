package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Tx;

/** Halts or resumes a pool's operator [Inference.net SetHaltStatus]; the halt time gates slashing. */
final class SetHaltStatusInstruction implements Instruction<SetHaltStatus> {
    @Override
    public void apply(SetHaltStatus body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork().requireRole(AuthorityRole.HALT, tx.actor());
        Pool pool = tx.pool();
        boolean was = pool.state().getHalted();
        pool.state().setHalted(body.getHalted());
        if (body.getHalted() && !was) pool.state().setHaltedAt(tx.now());
        if (!body.getHalted()) pool.state().setHaltedAt(0L);
        tx.save(pool);
        tx.event(pool, null, null, null, null, body.getHalted() ? "halted" : "resumed");
    }
}
