package io.stakestream.ledger.instructions;

import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.PoolRewards;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Pays one epoch's reward into a pool, by any path (proof, cluster claim, emergency), under the
 * rules every path shares: after the reward delay, once per (pool, epoch), in epoch order
 * against the epochs the pool is owed, up to the epoch a closed pool closed in, split at the
 * commission rates of the epoch it was earned in; stake that entered after the epoch closed
 * waits in its entry bucket and is minted only once the reward has landed.
 */
final class Accrual {
    private Accrual() {}

    /** The epoch's committed reward record; its rewards accrue only after the reward delay [Function Network]. */
    static RewardRecordState claimableRecord(Network n, long epoch, Tx tx) {
        Rejected.unless(epoch >= 0, RejectReason.INVALID_ARGUMENT, "epoch must not be negative");
        RewardRecordState record = tx.get(Table.REWARD_RECORDS, Keys.epoch(epoch));
        Rejected.unless(record != null, RejectReason.UNKNOWN_EPOCH, "epoch " + epoch + " has no reward record yet");
        long claimableFrom = epoch + 1 + n.params().getRewardDelayEpochs();
        Rejected.unless(n.epoch() >= claimableFrom, RejectReason.COOLDOWN_NOT_OVER,
                "rewards of epoch " + epoch + " accrue from epoch " + claimableFrom + " (reward delay); now " + n.epoch());
        return record;
    }

    /** A leaf of the record, proven: it draws on this partition's budget, which it may not exceed. */
    static void proven(Pool pool, RewardRecordState record, BigInteger tokens, BigInteger usdc, Tx tx, String note) {
        accrue(pool, record.getEpoch(), tokens, usdc, tx, note);
        BigInteger spentTokens = Amounts.big(record.getAccruedTokens()).add(tokens);
        BigInteger spentUsdc = Amounts.big(record.getAccruedUsdc()).add(usdc);
        Rejected.unless(spentTokens.compareTo(Amounts.big(record.getBudgetTokens())) <= 0
                        && spentUsdc.compareTo(Amounts.big(record.getBudgetUsdc())) <= 0, RejectReason.BUDGET_EXCEEDED,
                "epoch " + record.getEpoch() + "'s record gives partition " + tx.ctx().partition() + " " + record.getBudgetTokens().toPlainString()
                        + " tokens and " + record.getBudgetUsdc().toPlainString() + " USDC; this leaf would take it past that");
        record.setAccruedTokens(Amounts.dec(spentTokens));
        record.setAccruedUsdc(Amounts.dec(spentUsdc));
        // paid from what the record holds: its budget less what accrued (Books), so the network record is not written
        tx.put(Table.REWARD_RECORDS, Keys.epoch(record.getEpoch()), record);
    }

    /** Whether every leaf of the record on this partition has landed: then a pool still owed has none. */
    static boolean budgetSpent(RewardRecordState record) {
        return record.getAccruedTokens().compareTo(record.getBudgetTokens()) == 0
                && record.getAccruedUsdc().compareTo(record.getBudgetUsdc()) == 0;
    }

    static void accrue(Pool pool, long epoch, BigInteger tokens, BigInteger usdc, Tx tx, String note) {
        Network n = tx.initializedNetwork();
        Rejected.unless(!n.params().getAccrualsHalted(), RejectReason.NETWORK_HALTED,
                "reward accruals are halted network-wide by the admin");
        Rejected.unless(pool.status() != PoolStatus.CLOSED || epoch <= pool.state().getClosedEpoch(), RejectReason.POOL_CLOSED,
                "pool '" + pool.id() + "' closed in epoch " + pool.state().getClosedEpoch() + " and earns nothing after it");
        String mark = Keys.accrued(pool.id(), epoch);
        Rejected.unless(tx.get(Table.MARKS, mark) == null, RejectReason.ALREADY_ACCRUED,
                "pool '" + pool.id() + "' already accrued its reward for epoch " + epoch);
        PoolRewards rewards = pool.rewards();
        long oldest = rewards.oldestOwed();
        Rejected.unless(oldest < 0 || oldest >= epoch, RejectReason.EARLIER_EPOCH_PENDING,
                "pool '" + pool.id() + "' is owed epoch " + oldest + "'s reward first: accrue it, then retry epoch " + epoch);
        boolean owed = rewards.owes(epoch);
        Rejected.unless(owed || (tokens.signum() == 0 && usdc.signum() == 0), RejectReason.NOTHING_OWED,
                "pool '" + pool.id() + "' earned nothing in epoch " + epoch + " (not active at its close, no USDC from jobs)");
        PoolRewards.Rates rates = rewards.ratesOf(epoch);
        Position operator = tx.findPosition(pool, pool.operatorAccount());
        if (owed) rewards.paid(epoch);
        pool.accrueTokens(tokens, operator, rates.tokenBps(), n.epoch());
        pool.accrueUsdc(usdc, rates.usdcBps());
        pool.entries().convertDue();
        pool.state().setLastAccruedEpoch(Math.max(pool.state().getLastAccruedEpoch(), epoch));
        tx.put(Table.MARKS, mark, epoch);
        tx.save(pool);
        if (operator != null) tx.save(operator);
        tx.event(pool, operator, tokens, null, usdc, note);
    }

    static BigInteger amount(java.math.BigDecimal d, String what) {
        return Amounts.nonNegative(d, what);
    }
}
