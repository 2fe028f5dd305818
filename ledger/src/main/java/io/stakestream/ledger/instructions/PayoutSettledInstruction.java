package io.stakestream.ledger.instructions;

import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutSettled;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;

/** Custody sent a payout on chain: it stops being a liability of the ledger. */
final class PayoutSettledInstruction implements Instruction<PayoutSettled> {
    @Override
    public void apply(PayoutSettled body, Tx tx) {
        Payout payout = Payouts.unsettled(body.getPayoutId(), tx);
        ChainRefs.check(body.getChainRef());
        Pool pool = tx.pool();
        pool.settlePayout(payout.getAsset(), Amounts.big(payout.getAmount()));
        tx.delete(Table.PAYOUTS, payout.getPayoutId());
        tx.save(pool);
        tx.event(pool, null, null, null, null, "payout " + payout.getPayoutId() + " (" + payout.getAmount().toPlainString()
                + " " + payout.getAsset().name().toLowerCase() + ") settled by " + Keys.chainRef(body.getChainRef()));
    }
}
