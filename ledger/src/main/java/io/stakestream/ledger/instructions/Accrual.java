package io.stakestream.ledger.instructions;

import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** Pays one epoch's reward into a pool, exactly once per (pool, epoch). */
final class Accrual {
    private Accrual() {}

    static void accrue(Pool pool, long epoch, BigInteger tokens, BigInteger usdc, Tx tx, String note) {
        Rejected.unless(!tx.initializedNetwork().params().getAccrualsHalted(), RejectReason.NETWORK_HALTED,
                "reward accruals are halted network-wide by the admin");
        Guards.notClosed(pool);
        String mark = Keys.accrued(pool.id(), epoch);
        Rejected.unless(tx.get(Table.MARKS, mark) == null, RejectReason.ALREADY_ACCRUED,
                "pool '" + pool.id() + "' already accrued its reward for epoch " + epoch);
        Position operator = tx.findPosition(pool, pool.operatorAccount());
        pool.accrueTokens(tokens, operator);
        pool.accrueUsdc(usdc);
        pool.state().setLastAccruedEpoch(Math.max(pool.state().getLastAccruedEpoch(), epoch));
        tx.put(Table.MARKS, mark, epoch);
        tx.save(pool);
        if (operator != null) tx.save(operator);
        tx.event(pool, operator, tokens, null, usdc, note);
    }

    /** Draws an accrual from what the epoch's record left this partition; refused beyond it. */
    static void fromRecord(io.stakestream.avro.RewardRecordState record, BigInteger tokens, BigInteger usdc,
                           io.stakestream.ledger.Network n, Tx tx) {
        BigInteger tokensLeft = Amounts.big(record.getTokensLeft());
        BigInteger usdcLeft = Amounts.big(record.getUsdcLeft());
        Rejected.unless(tokens.compareTo(tokensLeft) <= 0 && usdc.compareTo(usdcLeft) <= 0, RejectReason.INSUFFICIENT_REWARD_FUNDS,
                "epoch " + record.getEpoch() + "'s record has " + tokensLeft + " tokens and " + usdcLeft
                        + " USDC left on this partition, less than this accrual");
        record.setTokensLeft(Amounts.dec(tokensLeft.subtract(tokens)));
        record.setUsdcLeft(Amounts.dec(usdcLeft.subtract(usdc)));
        tx.put(Table.REWARD_RECORDS, Keys.epoch(record.getEpoch()), record);
        n.accrueReserved(tokens, usdc);
        tx.saveNetwork();
    }

    static BigInteger amount(java.math.BigDecimal d, String what) {
        return Amounts.nonNegative(d, what);
    }
}
