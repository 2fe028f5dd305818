package io.stakestream.rewards.weights;

import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.RewardWeights;
import io.stakestream.ledger.Amounts;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool's performance factor in one epoch [InfraMind reward rebalancing], in ppm, integers only,
 * each step rounded down:
 * <pre>
 * base        = SLA ratio x uptime
 * bonus       = 1 + latencyBonus x latency percentile + scarcityBonus / rated pools in the region
 * performance = base x bonus, at most lowUptimeCap when uptime is under minUptime
 * </pre>
 * The latency percentile is the share of the epoch's other rated pools with a strictly higher
 * average latency (the only rated pool: 100%). Rated pools are the active ones that did jobs.
 */
public final class Performance {
    static final long PPM = 1_000_000;

    private final RewardWeights weights;
    /** Average latencies of the rated pools, ascending. */
    private final long[] latencies;
    private final Map<String, Integer> poolsPerRegion = new HashMap<>();

    public Performance(List<PoolEpochSummary> rated, RewardWeights weights) {
        this.weights = weights;
        this.latencies = rated.stream().mapToLong(PoolEpochSummary::getAvgLatencyMs).sorted().toArray();
        rated.forEach(s -> poolsPerRegion.merge(s.getRegion(), 1, Integer::sum));
    }

    public static boolean rated(PoolEpochSummary s) {
        return s.getActive() && s.getJobs() > 0;
    }

    public long ppm(PoolEpochSummary s) {
        if (!rated(s)) return 0;
        long uptime = Math.min(PPM, Math.max(0, s.getUptimePpm()));
        long base = Amounts.ratioPpm(s.getSucceeded(), s.getJobs()) * uptime / PPM;
        long bonus = PPM + weights.getLatencyBonusPpm() * latencyPercentilePpm(s) / PPM + scarcityBonusPpm(s);
        long performance = base * bonus / PPM;
        return uptime < weights.getMinUptimePpm() ? Math.min(performance, weights.getLowUptimeCapPpm()) : performance;
    }

    public long latencyPercentilePpm(PoolEpochSummary s) {
        if (latencies.length <= 1) return PPM;
        long slower = latencies.length - upperBound(s.getAvgLatencyMs());
        return slower * PPM / (latencies.length - 1);
    }

    public long scarcityBonusPpm(PoolEpochSummary s) {
        return weights.getScarcityBonusPpm() / poolsPerRegion.getOrDefault(s.getRegion(), 1);
    }

    /** Index of the first latency strictly above {@code v}. */
    private int upperBound(long v) {
        int i = Arrays.binarySearch(latencies, v);
        if (i < 0) return -i - 1;
        while (i < latencies.length && latencies[i] == v) i++;
        return i;
    }
}
