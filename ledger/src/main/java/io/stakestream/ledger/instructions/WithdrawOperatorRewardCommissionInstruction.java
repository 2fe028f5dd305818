package io.stakestream.ledger.instructions;

import io.stakestream.avro.Asset;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** Pays the pool's unwithdrawn token commission to its admin [Inference.net WithdrawOperatorRewardCommission]. */
final class WithdrawOperatorRewardCommissionInstruction implements Instruction<WithdrawOperatorRewardCommission> {
    @Override
    public void apply(WithdrawOperatorRewardCommission body, Tx tx) {
        Guards.poolCommand(tx);
        Guards.withdrawalsOpen(tx);
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Guards.notHaltedOperator(pool, tx);
        Rejected.unless(pool.tokenCommission().signum() > 0, RejectReason.NOTHING_TO_CLAIM, "no token commission to withdraw");
        BigInteger paid = pool.takeTokenCommission();
        tx.payout(tx.actor(), pool.id(), Asset.TOKEN, PayoutKind.TOKEN_COMMISSION, paid);
        tx.save(pool);
        tx.event(pool, null, paid, null, null, "token commission withdrawn");
    }
}
