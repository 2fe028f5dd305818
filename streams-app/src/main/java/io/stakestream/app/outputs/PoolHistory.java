package io.stakestream.app.outputs;

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

    void add(EventDigest e) {
        Point p = epochs.computeIfAbsent(e.epoch(), k -> new Point());
        if (e.totalStake() != null) {
            p.totalStake = e.totalStake();
            p.totalShares = e.totalShares();
        }
        if (ACCRUALS.contains(e.command())) {
            if (e.tokenDelta() != null) p.accruedTokens = p.accruedTokens.add(e.tokenDelta());
            if (e.usdcDelta() != null) p.accruedUsdc = p.accruedUsdc.add(e.usdcDelta());
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
