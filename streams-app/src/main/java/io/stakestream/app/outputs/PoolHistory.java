package io.stakestream.app.outputs;

import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RewardProof;
import io.stakestream.ledger.Amounts;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One pool, epoch by epoch: its stake and shares as the last event of the epoch left them, the
 * rewards the epoch's tree gave it, and what was accrued into it while the epoch was open.
 * Bounded by epochs, not by commands.
 */
public final class PoolHistory {

    private static final Set<String> ACCRUALS = Set.of("AccrueReward", "AccrueRewardEmergencyBypass");

    /** One epoch of one pool; null fields are not known (no event, no proof in that epoch). */
    public static final class Point {
        public BigInteger totalStake;
        public BigInteger totalShares;
        public BigInteger accruedTokens = BigInteger.ZERO;
        public BigInteger accruedUsdc = BigInteger.ZERO;
        public BigInteger rewardTokens;
        public BigInteger rewardUsdc;
    }

    private final TreeMap<Long, Point> epochs = new TreeMap<>();

    void add(LedgerEvent e) {
        PoolState pool = e.getPool();
        Point p = epochs.computeIfAbsent(e.getEpoch(), k -> new Point());
        if (pool != null) {
            p.totalStake = Amounts.big(pool.getTotalStake());
            p.totalShares = Amounts.big(pool.getTotalShares());
        }
        if (ACCRUALS.contains(e.getCommand())) {
            if (e.getTokenDelta() != null) p.accruedTokens = p.accruedTokens.add(Amounts.big(e.getTokenDelta()));
            if (e.getUsdcDelta() != null) p.accruedUsdc = p.accruedUsdc.add(Amounts.big(e.getUsdcDelta()));
        }
    }

    void add(RewardProof proof) {
        Point p = epochs.computeIfAbsent(proof.getEpoch(), k -> new Point());
        p.rewardTokens = Amounts.big(proof.getTokens());
        p.rewardUsdc = Amounts.big(proof.getUsdc());
    }

    /** Epoch -> point, oldest first; the caller's copy of the map, the points themselves shared. */
    public Map<Long, Point> epochs() {
        return new TreeMap<>(epochs);
    }
}
