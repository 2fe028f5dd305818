package io.stakestream.ledger.testkit;

import static io.stakestream.ledger.Amounts.big;

import io.stakestream.avro.Asset;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.ledger.Books;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Reconciliation;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RewardRecordState;
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
 * adding up, the pool's count of proposed slashes, accumulators that never go down (against the
 * previous check), and the custody reconciliation per asset: deposited = held + paid out (settled
 * and unsettled), with the books the ledger keeps equal to the books counted from the pools.
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
        List<PoolState> pools = store.values(Table.POOLS);
        for (PoolState s : pools) {
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
        // after the pools' own identities, so a broken pool is named rather than only the network's sum
        custody(store, positions, pools);
    }

    /**
     * The custody boundary: per asset, deposited = held + paid out (settled and unsettled); free
     * balances and unsettled payouts add up to what the pools and the network say.
     */
    private static void custody(MemoryLedgerStore store, List<PositionState> positions, List<PoolState> pools) {
        NetworkState network = store.get(Table.NETWORK, Keys.NETWORK_STATE);
        List<RewardRecordState> records = store.values(Table.REWARD_RECORDS);
        for (Reconciliation r : Reconciliation.both(network, pools, records)) {
            require(r.balanced(), "*", "reconciliation of " + r.asset() + " broken: deposited " + r.deposited() + ", held "
                    + r.held() + ", paid settled " + r.paidSettled() + " unsettled " + r.paidUnsettled() + ", difference " + r.difference());
        }
        // the books the ledger keeps command by command must be the books counted from the whole partition
        List<Reconciliation> kept = Books.of(store.get(Table.BOOKS, Keys.BOOKS));
        List<Reconciliation> counted = Reconciliation.both(network, pools, records);
        require(kept.equals(counted), "*", "the kept books " + kept + " differ from the books counted from the network, the pools and the reward records " + counted);
        Map<String, BigInteger[]> free = new HashMap<>();
        for (PositionState p : positions) {
            BigInteger[] f = free.computeIfAbsent(p.getPoolId(), k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            f[0] = f[0].add(big(p.getFreeTokens()));
            f[1] = f[1].add(big(p.getFreeUsdc()));
        }
        BigInteger[] unpooled = {BigInteger.ZERO, BigInteger.ZERO};
        java.util.Set<String> poolIds = new java.util.HashSet<>();
        for (PoolState s : pools) {
            poolIds.add(s.getPoolId());
            Pool pool = Pool.wrap(s);
            BigInteger[] f = free.getOrDefault(s.getPoolId(), new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            require(f[0].equals(pool.free(Asset.TOKEN)) && f[1].equals(pool.free(Asset.USDC)), s.getPoolId(),
                    "free balances: positions " + f[0] + "/" + f[1] + ", pool " + pool.free(Asset.TOKEN) + "/" + pool.free(Asset.USDC));
        }
        free.forEach((poolId, f) -> {
            if (!poolIds.contains(poolId)) {
                unpooled[0] = unpooled[0].add(f[0]);
                unpooled[1] = unpooled[1].add(f[1]);
            }
        });
        if (network != null) {
            require(unpooled[0].equals(big(network.getUnpooledTokens())) && unpooled[1].equals(big(network.getUnpooledUsdc())), "*",
                    "free balances ahead of pools: records " + unpooled[0] + "/" + unpooled[1] + ", network "
                            + network.getUnpooledTokens() + "/" + network.getUnpooledUsdc());
        }
        Map<String, BigInteger[]> open = new HashMap<>();
        for (Payout p : store.values(Table.PAYOUTS)) {
            BigInteger[] u = open.computeIfAbsent(p.getPoolId(), k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            u[p.getAsset() == Asset.TOKEN ? 0 : 1] = u[p.getAsset() == Asset.TOKEN ? 0 : 1].add(big(p.getAmount()));
        }
        for (PoolState s : pools) {
            Pool pool = Pool.wrap(s);
            BigInteger[] u = open.getOrDefault(s.getPoolId(), new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO});
            require(u[0].equals(pool.unsettled(Asset.TOKEN)) && u[1].equals(pool.unsettled(Asset.USDC)), s.getPoolId(),
                    "unsettled payouts: records " + u[0] + "/" + u[1] + ", pool " + pool.unsettled(Asset.TOKEN) + "/" + pool.unsettled(Asset.USDC));
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
