package io.stakestream.ledger.testkit;

import static io.stakestream.ledger.Amounts.big;

import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.ledger.MemoryLedgerStore;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Table;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The design's invariants, checked over the whole store: share conservation, exact token and USDC
 * balance identities, no position worth more than its share, solvency of owed USDC, pending units
 * adding up, the pool's count of proposed slashes, and accumulators that never go down (against
 * the previous check).
 */
public final class Invariants {
    private final Map<String, BigInteger> lastIndex = new HashMap<>();
    private final Map<String, BigInteger> lastTokensIn = new HashMap<>();
    private final Map<String, BigInteger> lastPaidOut = new HashMap<>();
    private final Map<String, BigInteger> lastScale = new HashMap<>();

    private final Map<String, BigInteger> lastRecordSpend = new HashMap<>();
    private final Map<String, Long> lastAccruedEpoch = new HashMap<>();

    public void check(MemoryLedgerStore store) {
        for (var r : store.values(Table.REWARD_RECORDS)) {
            String id = "record " + r.getEpoch();
            require(r.getAccruedTokens().compareTo(r.getBudgetTokens()) <= 0 && r.getAccruedUsdc().compareTo(r.getBudgetUsdc()) <= 0,
                    id, "accrued past its partition budget");
            monotone(lastRecordSpend, id, big(r.getAccruedTokens()).add(big(r.getAccruedUsdc())), "accrued against the record decreased");
        }
        List<PositionState> positions = store.values(Table.POSITIONS);
        List<io.stakestream.avro.SlashProposal> proposals = store.values(Table.SLASHES);
        for (PoolState s : store.values(Table.POOLS)) {
            Pool pool = Pool.wrap(s);
            String id = s.getPoolId();
            BigInteger shares = BigInteger.ZERO;
            BigInteger value = BigInteger.ZERO;
            BigInteger units = BigInteger.ZERO;
            BigInteger pendingValue = BigInteger.ZERO;
            BigInteger owed = BigInteger.ZERO;
            long count = 0;
            for (PositionState p : positions) {
                if (!p.getPoolId().equals(id)) continue;
                count++;
                BigInteger sh = big(p.getShares());
                shares = shares.add(sh);
                BigInteger v = pool.valueOf(sh);
                // value = floor(s*T/S): never more than the exact share of T
                require(v.multiply(pool.totalShares()).compareTo(sh.multiply(pool.totalStake())) <= 0, id, "position worth more than its share");
                value = value.add(v);
                for (PendingUnstake e : p.getPending()) {
                    units = units.add(big(e.getUnits()));
                    pendingValue = pendingValue.add(pool.pendingValueOf(e));
                }
                owed = owed.add(big(p.getUsdcOwed())).add(pool.unsettledUsdc(p));
                require(big(p.getUsdcCheckpoint()).compareTo(pool.usdcIndex()) <= 0, id, "checkpoint ahead of the index");
            }
            BigInteger entryShares = pool.entries().unclaimedShares();
            require(shares.add(entryShares).equals(pool.totalShares()), id, "share conservation: positions hold " + shares
                    + " and entry buckets " + entryShares + ", pool says " + pool.totalShares());
            owed = owed.add(pool.entries().unclaimedUsdc());
            BigInteger entryTokens = BigInteger.ZERO;
            for (PositionState p : positions) {
                if (p.getPoolId().equals(id)) for (var e : p.getEntries()) entryTokens = entryTokens.add(big(e.getTokens()));
            }
            BigInteger bucketTokens = BigInteger.ZERO;
            for (var b : s.getEntryBuckets()) bucketTokens = bucketTokens.add(big(b.getTokens()));
            require(entryTokens.equals(bucketTokens), id, "entries: positions wait with " + entryTokens + ", buckets hold " + bucketTokens);
            require(value.compareTo(pool.totalStake()) <= 0, id, "positions worth more than T");
            require(units.equals(pool.pendingUnits()), id, "pending units: positions " + units + ", pool " + pool.pendingUnits());
            require(pendingValue.compareTo(pool.pendingValue()) <= 0, id, "pending entries worth more than the pending pool");
            require(pool.tokensBalance(), id, "token conservation broken: " + s);
            require(pool.usdcBalances(), id, "USDC conservation broken");
            require(owed.compareTo(pool.usdcBalance()) <= 0, id, "owed USDC " + owed + " exceeds the USDC held " + pool.usdcBalance());
            require(count == s.getPositionCount(), id, "position count " + s.getPositionCount() + " but " + count + " records");
            long open = proposals.stream().filter(x -> x.getPoolId().equals(id)).count();
            require(open == s.getProposedSlashes(), id, "pool counts " + s.getProposedSlashes() + " proposed slashes, the store holds " + open);
            monotone(lastIndex, id, pool.usdcIndex(), "USDC index decreased");
            monotone(lastTokensIn, id, big(s.getTokensIn()), "tokens in decreased");
            monotone(lastPaidOut, id, big(s.getTokensPaidOut()), "tokens paid out decreased");
            Long prevAccrued = lastAccruedEpoch.put(id, s.getLastAccruedEpoch());
            require(prevAccrued == null || s.getLastAccruedEpoch() >= prevAccrued, id, "last accrued epoch went back");
            BigInteger prevScale = lastScale.put(id, pool.scale());
            require(prevScale == null || pool.scale().compareTo(prevScale) <= 0, id, "slash scale rose");
        }
    }

    private static void monotone(Map<String, BigInteger> last, String id, BigInteger now, String what) {
        BigInteger prev = last.put(id, now);
        require(prev == null || now.compareTo(prev) >= 0, id, what + ": " + prev + " -> " + now);
    }

    private static void require(boolean ok, String pool, String message) {
        if (!ok) throw new AssertionError("pool " + pool + ": " + message);
    }
}
