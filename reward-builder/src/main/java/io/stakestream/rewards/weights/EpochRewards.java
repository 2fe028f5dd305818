package io.stakestream.rewards.weights;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.ledger.Amounts;
import io.stakestream.rewards.emission.Emission;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits one epoch's tokens over its pools (DESIGN.md section 5). The pot is the schedule's
 * emission plus the slashed tokens the epoch redistributes. Each pool's weight is effective stake x
 * tier multiplier x {@link Performance}; the emission is shared by weight, the redistributed tokens
 * by weight among the honest pools (those that were not slashed in the epoch; all, if none is). Each
 * share rounds down, and what the rounding
 * leaves goes to the remainder pool: the largest weight, ties to the smallest pool id. So the token
 * rewards add up exactly to the pot, unless no pool earns, when the pot stays unallocated. USDC
 * earned by a pool's jobs goes to that pool, in full.
 */
public final class EpochRewards {
    private EpochRewards() {}

    /** One pool's result; {@code tierPpm} and {@code performancePpm} are its two multipliers. */
    public record PoolReward(String poolId, int partition, long tierPpm, long performancePpm, BigInteger weight,
                             BigInteger tokens, BigInteger usdc) {
    }

    /** @param remainderPool the pool that took the rounding remainder, null when no pool earned tokens */
    public record Allocation(long epoch, BigInteger emission, BigInteger redistributed, List<PoolReward> pools,
                             String remainderPool, BigInteger remainder, BigInteger unallocated) {
        public BigInteger pot() {
            return emission.add(redistributed);
        }

        public BigInteger totalTokens() {
            return pools.stream().map(PoolReward::tokens).reduce(BigInteger.ZERO, BigInteger::add);
        }

        public BigInteger totalUsdc() {
            return pools.stream().map(PoolReward::usdc).reduce(BigInteger.ZERO, BigInteger::add);
        }
    }

    /** Pools come out sorted by pool id, whatever order the summaries came in. */
    public static Allocation allocate(long epoch, List<PoolEpochSummary> summaries, GlobalParameters params) {
        List<PoolEpochSummary> sorted = summaries.stream().sorted(Comparator.comparing(PoolEpochSummary::getPoolId)).toList();
        BigInteger emission = Emission.perEpoch(Emission.orDefault(params.getEmissionSchedule()), epoch);
        BigInteger redistributed = sorted.stream().map(s -> Amounts.big(s.getRedistributable())).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger pot = emission.add(redistributed);
        Performance performance = new Performance(sorted.stream().filter(Performance::rated).toList(), params.getRewardWeights());

        List<long[]> factors = new ArrayList<>();
        List<BigInteger> weights = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        int heaviest = -1;
        for (PoolEpochSummary s : sorted) {
            long tier = tierPpm(s.getTier(), params.getTierMultiplierBps());
            long perf = performance.ppm(s);
            BigInteger w = Amounts.big(s.getEffectiveStake()).multiply(BigInteger.valueOf(tier)).multiply(BigInteger.valueOf(perf));
            if (w.signum() > 0 && (heaviest < 0 || w.compareTo(weights.get(heaviest)) > 0)) heaviest = weights.size();
            factors.add(new long[] {tier, perf});
            weights.add(w);
            total = total.add(w);
        }

        // redistributed slashes go to the honest pools: those that handed none over this epoch [InfraMind]
        BigInteger honest = BigInteger.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            if (Amounts.big(sorted.get(i).getRedistributable()).signum() == 0) honest = honest.add(weights.get(i));
        }
        List<PoolReward> pools = new ArrayList<>();
        BigInteger allocated = BigInteger.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            BigInteger tokens = BigInteger.ZERO;
            if (total.signum() > 0) {
                tokens = Amounts.mulDivDown(emission, weights.get(i), total);
                if (honest.signum() == 0) {
                    tokens = tokens.add(Amounts.mulDivDown(redistributed, weights.get(i), total));
                } else if (Amounts.big(sorted.get(i).getRedistributable()).signum() == 0) {
                    tokens = tokens.add(Amounts.mulDivDown(redistributed, weights.get(i), honest));
                }
            }
            allocated = allocated.add(tokens);
            PoolEpochSummary s = sorted.get(i);
            pools.add(new PoolReward(s.getPoolId(), s.getPartition(), factors.get(i)[0], factors.get(i)[1], weights.get(i), tokens,
                    Amounts.big(s.getUsdcEarned())));
        }
        if (heaviest < 0) {
            return new Allocation(epoch, emission, redistributed, pools, null, BigInteger.ZERO, pot);
        }
        BigInteger remainder = pot.subtract(allocated);
        PoolReward r = pools.get(heaviest);
        pools.set(heaviest, new PoolReward(r.poolId(), r.partition(), r.tierPpm(), r.performancePpm(), r.weight(),
                r.tokens().add(remainder), r.usdc()));
        return new Allocation(epoch, emission, redistributed, List.copyOf(pools), r.poolId(), remainder, BigInteger.ZERO);
    }

    /** 1 + the tier's bonus [InfraMind +0/+10/+25/+40%], in ppm. */
    static long tierPpm(int tier, List<Integer> multiplierBps) {
        if (multiplierBps.isEmpty()) return Performance.PPM;
        int bps = multiplierBps.get(Math.max(0, Math.min(tier, multiplierBps.size() - 1)));
        return Performance.PPM + bps * 100L;
    }
}
