package io.stakestream.ledger.instructions;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** Pays the signer's owed USDC; the staked position is untouched [Inference.net ClaimUsdcEarnings]. */
final class ClaimUsdcEarningsInstruction implements Instruction<ClaimUsdcEarnings> {
    @Override
    public void apply(ClaimUsdcEarnings body, Tx tx) {
        Guards.poolCommand(tx);
        Guards.withdrawalsOpen(tx);
        Pool pool = tx.pool();
        Guards.notHaltedOperator(pool, tx);
        Position position = tx.position(pool, tx.actor());
        BigInteger owed = pool.claimUsdc(position);
        Rejected.unless(owed.signum() > 0, RejectReason.NOTHING_TO_CLAIM, "no USDC owed to this position yet");
        tx.payout(position.account(), pool.id(), Asset.USDC, PayoutKind.USDC_EARNINGS, owed);
        tx.save(pool);
        tx.save(position);
        tx.event(pool, position, null, null, owed, "USDC claimed");
    }
}
