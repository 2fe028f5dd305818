package io.stakestream.ledger.instructions;

import io.stakestream.avro.Asset;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** Pays the pool's USDC commission to its admin [Inference.net WithdrawOperatorUsdcCommission]. */
final class WithdrawOperatorUsdcCommissionInstruction implements Instruction<WithdrawOperatorUsdcCommission> {
    @Override
    public void apply(WithdrawOperatorUsdcCommission body, Tx tx) {
        Guards.poolCommand(tx);
        Guards.withdrawalsOpen(tx);
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Guards.notHaltedOperator(pool, tx);
        Rejected.unless(pool.usdcCommission().signum() > 0, RejectReason.NOTHING_TO_CLAIM, "no USDC commission to withdraw");
        BigInteger paid = pool.takeUsdcCommission();
        tx.payout(tx.actor(), pool.id(), Asset.USDC, PayoutKind.USDC_COMMISSION, paid);
        tx.save(pool);
        tx.event(pool, null, null, null, paid, "USDC commission withdrawn");
    }
}
