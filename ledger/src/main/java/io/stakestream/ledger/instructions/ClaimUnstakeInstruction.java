package io.stakestream.ledger.instructions;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;
import java.util.List;

/**
 * Pays every finished unstake of owner [Inference.net ClaimUnstake, permissionless]: anyone may
 * send it, the tokens always go to the owner. Values use the pending scale now, so a slash during
 * the cooldown is felt [Prover]. A halted operator cannot claim its own, nor can an operator
 * while a slash against its pool is proposed.
 */
final class ClaimUnstakeInstruction implements Instruction<ClaimUnstake> {
    @Override
    public void apply(ClaimUnstake body, Tx tx) {
        claim(body.getOwner(), false, tx);
    }

    /** Releases every finished unstake of owner: paid out, or kept in the owner's free balance. */
    static void claim(java.nio.ByteBuffer owner, boolean keepFree, Tx tx) {
        Guards.poolCommand(tx);
        Guards.withdrawalsOpen(tx);
        Pool pool = tx.pool();
        Position position = tx.position(pool, owner);
        Rejected.unless(!(pool.state().getHalted() && pool.isOperator(position.account())), RejectReason.HALTED,
                "pool '" + pool.id() + "' is halted: its operator's unstakes wait until it resumes");
        // the operator's pending unstakes stay slashable until claimed [Prover], whatever the pool's status
        if (pool.isOperator(position.account())) Guards.noSlashProposed(pool, "the operator's claim");
        Rejected.unless(!position.pending().isEmpty(), RejectReason.NOTHING_TO_CLAIM, "no pending unstakes to claim");
        List<PendingUnstake> due = position.pending().stream().filter(e -> e.getAvailableAt() <= tx.now()).toList();
        Rejected.unless(!due.isEmpty(), RejectReason.COOLDOWN_NOT_OVER,
                "the cooldown is not over: the first unstake is available at "
                        + position.pending().stream().mapToLong(PendingUnstake::getAvailableAt).min().orElse(0));
        BigInteger total = BigInteger.ZERO;
        for (PendingUnstake e : due) total = total.add(pool.releasePending(position, e));
        if (keepFree) {
            pool.keepFree(position, total);
        } else {
            pool.payTokens(total);
            tx.payout(position.account(), pool.id(), Asset.TOKEN, PayoutKind.UNSTAKE_CLAIM, total);
        }
        tx.save(pool);
        tx.save(position);
        tx.event(pool, position, total, null, null, due.size() + " unstake(s) claimed"
                + (keepFree ? " into the free balance" : ""));
    }
}
