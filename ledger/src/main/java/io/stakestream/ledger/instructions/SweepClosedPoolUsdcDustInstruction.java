package io.stakestream.ledger.instructions;

import io.stakestream.avro.Asset;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SweepClosedPoolUsdcDust;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Sends a closed pool's USDC rounding dust to the treasury [Inference.net SweepClosedPoolUsdcDust].
 * Only once no shares remain: then every position's USDC is settled and what is left is nobody's.
 */
final class SweepClosedPoolUsdcDustInstruction implements Instruction<SweepClosedPoolUsdcDust> {
    @Override
    public void apply(SweepClosedPoolUsdcDust body, Tx tx) {
        Guards.poolCommand(tx);
        var params = tx.initializedNetwork().params();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Rejected.unless(pool.status() == PoolStatus.CLOSED, RejectReason.POOL_NOT_CLOSED, "close the pool before sweeping its dust");
        Rejected.unless(pool.totalShares().signum() == 0, RejectReason.POSITION_NOT_EMPTY,
                "positions still hold shares; dust is only known once every position has unstaked");
        Rejected.unless(pool.usdcDust().signum() > 0, RejectReason.NOTHING_TO_CLAIM, "no USDC dust to sweep");
        BigInteger dust = pool.sweepUsdcDust();
        tx.payout(params.getTreasuryAccount(), pool.id(), Asset.USDC, PayoutKind.USDC_DUST_SWEEP, dust);
        tx.save(pool);
        tx.event(pool, null, null, null, dust, "USDC dust swept to treasury");
    }
}
