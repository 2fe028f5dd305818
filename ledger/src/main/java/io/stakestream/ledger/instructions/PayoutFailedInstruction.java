package io.stakestream.ledger.instructions;

import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutFailed;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Custody could not send a payout: the amount comes back into the ledger as the payee's free
 * balance in the pool (its record reopened if it was closed), from where it can be withdrawn
 * again. Nothing is re-staked on the payee's behalf.
 */
final class PayoutFailedInstruction implements Instruction<PayoutFailed> {
    @Override
    public void apply(PayoutFailed body, Tx tx) {
        Payout payout = Payouts.unsettled(body.getPayoutId(), tx);
        Pool pool = tx.pool();
        Position payee = tx.findPosition(pool, payout.getAccount());
        if (payee == null) {
            payee = Position.open(pool.id(), payout.getAccount(), tx.now());
            pool.settle(payee);
            pool.state().setPositionCount(pool.state().getPositionCount() + 1);
        }
        BigInteger amount = Amounts.big(payout.getAmount());
        pool.failPayout(payee, payout.getAsset(), amount);
        tx.delete(Table.PAYOUTS, payout.getPayoutId());
        tx.save(pool);
        tx.save(payee);
        boolean token = payout.getAsset() == io.stakestream.avro.Asset.TOKEN;
        tx.event(pool, payee, token ? amount : null, null, token ? null : amount,
                "payout " + payout.getPayoutId() + " failed (" + body.getWhy() + "): back in the free balance");
    }
}
