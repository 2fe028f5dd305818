package io.stakestream.ledger.instructions;

import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** Cancels a pending unstake: its tokens are staked again at the current price [Inference.net CancelUnstake], through the checks of a stake. */
final class CancelUnstakeInstruction implements Instruction<CancelUnstake> {
    @Override
    public void apply(CancelUnstake body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Pool pool = tx.pool();
        Position position = tx.position(pool, tx.actor());
        PendingUnstake entry = position.pending().stream().filter(e -> e.getId() == body.getUnstakeId()).findFirst().orElse(null);
        Rejected.unless(entry != null, RejectReason.UNKNOWN_UNSTAKE, "no pending unstake #" + body.getUnstakeId() + " in this position");
        BigInteger value = pool.pendingValueOf(entry);
        Delegation.admit(pool, n, tx, value);
        BigInteger minted = pool.restake(position, entry, n.epoch(), n.params().getMaxPendingUnstakes());
        tx.save(pool);
        tx.save(position);
        tx.event(pool, position, value, minted, null, "unstake #" + body.getUnstakeId() + " cancelled and re-staked");
    }
}
