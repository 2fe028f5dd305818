package io.stakestream.rewards.weights;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.EmissionForm;
import io.stakestream.avro.EmissionSchedule;
import io.stakestream.avro.EmissionStep;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.rewards.weights.EpochRewards.Allocation;
import io.stakestream.rewards.weights.EpochRewards.PoolReward;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EpochRewardsTest {

    /** 1,000 base units an epoch from epoch 0; default weights (uptime floor 80%, cap 50%, latency +20%, scarcity +10%). */
    static GlobalParameters params(long tokensPerEpoch) {
        return Params.defaults(Account.named("treasury").key())
                .setEmissionSchedule(EmissionSchedule.newBuilder().setForm(EmissionForm.TABLE)
                        .setTable(new ArrayList<>(List.of(new EmissionStep(0L, BigDecimal.valueOf(tokensPerEpoch))))).build())
                .build();
    }

    static PoolEpochSummary pool(String id, boolean active, long stake, int tier, long jobs, long succeeded, int uptimePpm,
                                 long latency, String region) {
        return PoolEpochSummary.newBuilder().setEpoch(5).setPoolId(id).setPartition(id.charAt(0) % 2).setActive(active)
                .setEffectiveStake(BigDecimal.valueOf(stake)).setTier(tier).setJobs(jobs).setSucceeded(succeeded)
                .setInvalidProofs(0).setDropouts(0).setAvgLatencyMs(latency).setMaxLatencyMs(latency)
                .setUsdcEarned(BigDecimal.ZERO).setRedistributable(BigDecimal.ZERO).setUptimePpm(uptimePpm).setRegion(region).build();
    }

    static Map<String, PoolReward> byPool(Allocation a) {
        return a.pools().stream().collect(Collectors.toMap(PoolReward::poolId, p -> p));
    }

    @Test
    void handComputedRewardsWithLatencyScarcityUptimeCapRemainderAndUsdc() {
        PoolEpochSummary halted = pool("d-halted", false, 2_000, 2, 3, 3, 1_000_000, 50, "us");
        halted.setUsdcEarned(BigDecimal.valueOf(77));
        halted.setRedistributable(BigDecimal.valueOf(20));    // slashed tokens it hands to honest pools
        List<PoolEpochSummary> summaries = List.of(
                pool("b-busy", true, 3_000, 2, 4, 4, 900_000, 200, "eu"),
                pool("a-fast", true, 1_000, 1, 10, 9, 1_000_000, 100, "eu"),
                pool("c-flaky", true, 500, 1, 5, 5, 700_000, 300, "us"),
                halted,
                pool("e-idle", true, 100, 0, 0, 0, 0, 0, "ap"));
        Allocation a = EpochRewards.allocate(5, summaries, params(1_000));
        Map<String, PoolReward> r = byPool(a);

        // rated: a, b, c. latency percentile among them 100% / 50% / 0%; eu has 2 rated pools, us 1
        // a: SLA 0.9 x uptime 1.0 = 0.9; bonus 1 + 0.2 x 1.0 + 0.1 / 2 = 1.25   -> 1.125
        // b: SLA 1.0 x uptime 0.9 = 0.9; bonus 1 + 0.2 x 0.5 + 0.1 / 2 = 1.15   -> 1.035
        // c: SLA 1.0 x uptime 0.7 = 0.7; bonus 1 + 0.2 x 0.0 + 0.1 / 1 = 1.10   -> 0.77, capped at 0.5 (uptime < 80%)
        assertThat(r.get("a-fast").performancePpm()).isEqualTo(1_125_000);
        assertThat(r.get("b-busy").performancePpm()).isEqualTo(1_035_000);
        assertThat(r.get("c-flaky").performancePpm()).isEqualTo(500_000);
        assertThat(r.get("d-halted").performancePpm()).as("not active: no weight").isZero();
        assertThat(r.get("e-idle").performancePpm()).as("no jobs: no weight").isZero();
        assertThat(r.get("a-fast").tierPpm()).isEqualTo(1_100_000);
        assertThat(r.get("b-busy").tierPpm()).isEqualTo(1_250_000);

        // weights: 1000 x 1.1 x 1.125, 3000 x 1.25 x 1.035, 500 x 1.1 x 0.5 (x 1e18 in ppm units)
        assertThat(r.get("a-fast").weight()).isEqualTo(new BigInteger("1237500000000000"));
        assertThat(r.get("b-busy").weight()).isEqualTo(new BigInteger("3881250000000000"));
        assertThat(r.get("c-flaky").weight()).isEqualTo(new BigInteger("275000000000000"));
        // shares 22.94% / 71.96% / 5.10%: of the emission 1,000 -> 229.4 / 719.6 / 50.98 -> 229 / 719 / 50, of the 20
        // redistributed by d (all rated pools are honest) -> 4.59 / 14.39 / 1.02 -> 4 / 14 / 1; 1,017 in all
        assertThat(a.emission()).isEqualTo(1_000);
        assertThat(a.redistributed()).isEqualTo(20);
        assertThat(r.get("a-fast").tokens()).isEqualTo(229 + 4);
        assertThat(r.get("c-flaky").tokens()).isEqualTo(50 + 1);
        assertThat(a.remainderPool()).as("the largest weight takes the rounding").isEqualTo("b-busy");
        assertThat(a.remainder()).isEqualTo(3);
        assertThat(r.get("b-busy").tokens()).isEqualTo(719 + 14 + 3);
        assertThat(a.totalTokens()).isEqualTo(a.pot()).isEqualTo(1_020);
        assertThat(a.unallocated()).isZero();
        assertThat(r.get("d-halted").tokens()).isZero();
        assertThat(r.get("d-halted").usdc()).as("a pool's USDC is its own, active or not").isEqualTo(77);
        assertThat(a.pools()).extracting(PoolReward::poolId).as("sorted by pool id").isSorted();
    }

    @Test
    void theUptimeCapBindsOnlyUnder80Percent() {
        GlobalParameters p = params(1_000);
        PoolEpochSummary at80 = pool("a", true, 1_000, 0, 1, 1, 800_000, 100, "eu");
        PoolEpochSummary under = pool("b", true, 1_000, 0, 1, 1, 799_999, 100, "us");
        Map<String, PoolReward> r = byPool(EpochRewards.allocate(5, List.of(at80, under), p));
        // equal latency: neither is strictly slower, so no latency bonus; both alone in their region
        // a: 0.8 x (1 + 0 + 0.1) = 0.88; b: 0.799999 x 1.1 = 0.8799989 -> capped at 0.5
        assertThat(r.get("a").performancePpm()).isEqualTo(880_000);
        assertThat(r.get("b").performancePpm()).isEqualTo(500_000);
        // 1000 x 880/1380 = 637.68 -> 637; 1000 x 500/1380 = 362.3 -> 362; remainder 1 to a
        assertThat(r.get("a").tokens()).isEqualTo(638);
        assertThat(r.get("b").tokens()).isEqualTo(362);
    }

    @Test
    void aRegionWithFewerActivePoolsWeighsMore() {
        GlobalParameters p = params(1_000_000);
        List<PoolEpochSummary> pools = List.of(
                pool("eu-1", true, 1_000, 0, 1, 1, 1_000_000, 100, "eu"),
                pool("eu-2", true, 1_000, 0, 1, 1, 1_000_000, 100, "eu"),
                pool("eu-3", true, 1_000, 0, 1, 1, 1_000_000, 100, "eu"),
                pool("eu-4", true, 1_000, 0, 1, 1, 1_000_000, 100, "eu"),
                pool("sa-1", true, 1_000, 0, 1, 1, 1_000_000, 100, "sa"),
                pool("sa-off", false, 1_000, 0, 1, 1, 1_000_000, 100, "sa"));
        Map<String, PoolReward> r = byPool(EpochRewards.allocate(5, pools, p));
        // same stake and service, equal latency (no latency bonus); eu's scarcity bonus 0.1 / 4, sa's 0.1 (its inactive pool does not count)
        assertThat(r.get("eu-1").performancePpm()).isEqualTo(1_025_000);
        assertThat(r.get("sa-1").performancePpm()).isEqualTo(1_100_000);
        // 1e6 x 1.1 / (4 x 1.025 + 1.1) = 211538.46; eu: 1e6 x 1.025 / 5.2 = 197115.38; 2 left over to the heaviest
        assertThat(r.get("eu-1").tokens()).isEqualTo(197_115);
        assertThat(r.get("eu-4").tokens()).isEqualTo(197_115);
        assertThat(r.get("sa-1").tokens()).isEqualTo(211_538 + 2);
    }

    @Test
    void latencyPercentileIsTheShareOfOtherPoolsThatAreSlower() {
        List<PoolEpochSummary> pools = List.of(
                pool("a", true, 1_000, 0, 1, 1, 1_000_000, 100, "x"),
                pool("b", true, 1_000, 0, 1, 1, 1_000_000, 200, "x"),
                pool("c", true, 1_000, 0, 1, 1, 1_000_000, 200, "x"),
                pool("d", true, 1_000, 0, 1, 1, 1_000_000, 900, "x"),
                pool("e", true, 1_000, 0, 0, 0, 1_000_000, 0, "x"));   // no jobs: not compared
        Performance perf = new Performance(pools.stream().filter(Performance::rated).toList(), params(1).getRewardWeights());
        assertThat(pools.subList(0, 4)).extracting(perf::latencyPercentilePpm).containsExactly(1_000_000L, 333_333L, 333_333L, 0L);
    }

    @Test
    void equalWeightsGiveTheRemainderToTheSmallestPoolId() {
        List<PoolEpochSummary> pools = List.of(pool("b", true, 1_000, 0, 1, 1, 1_000_000, 100, "x"),
                pool("a", true, 1_000, 0, 1, 1, 1_000_000, 100, "x"));
        Allocation a = EpochRewards.allocate(5, pools, params(1_001));
        assertThat(a.remainderPool()).isEqualTo("a");
        assertThat(byPool(a).get("a").tokens()).isEqualTo(501);
        assertThat(byPool(a).get("b").tokens()).isEqualTo(500);
    }

    @Test
    void redistributedSlashesGoToTheHonestPoolsOnly() {
        PoolEpochSummary slashed = pool("a-slashed", true, 1_000, 0, 1, 1, 1_000_000, 100, "x");
        slashed.setRedistributable(BigDecimal.valueOf(101));
        List<PoolEpochSummary> pools = List.of(slashed, pool("b-honest", true, 1_000, 0, 1, 1, 1_000_000, 100, "x"),
                pool("c-honest", true, 1_000, 0, 1, 1, 1_000_000, 100, "x"));
        Allocation a = EpochRewards.allocate(5, pools, params(999));
        Map<String, PoolReward> r = byPool(a);
        // equal weights: the emission 999 / 3 = 333 each; the 101 redistributed / 2 = 50 to each honest pool, 1 left
        assertThat(r.get("a-slashed").tokens()).as("its own slash comes back to it only through the remainder").isEqualTo(333 + 1);
        assertThat(r.get("b-honest").tokens()).isEqualTo(383);
        assertThat(r.get("c-honest").tokens()).isEqualTo(383);
        assertThat(a.totalTokens()).isEqualTo(1_100);
    }

    @Test
    void withNoEarningPoolThePotStaysUnallocatedAndUsdcStillFlows() {
        PoolEpochSummary off = pool("off", false, 1_000, 0, 2, 2, 1_000_000, 10, "eu");
        off.setUsdcEarned(BigDecimal.valueOf(5));
        Allocation a = EpochRewards.allocate(5, List.of(off), params(1_000));
        assertThat(a.totalTokens()).isZero();
        assertThat(a.unallocated()).isEqualTo(1_000);
        assertThat(a.remainderPool()).isNull();
        assertThat(a.totalUsdc()).isEqualTo(5);
    }

    @Property(tries = 300)
    void tokenRewardsAddUpExactlyToThePot(@ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 1_000_000_000_000L) Long> stakes,
                                         @ForAll @LongRange(min = 0, max = 4_000_000_000_000_000_000L) long emission,
                                         @ForAll @IntRange(min = 0, max = 1_000_000) int uptime) {
        List<PoolEpochSummary> pools = new ArrayList<>();
        for (int i = 0; i < stakes.size(); i++) {
            pools.add(pool("p" + i, i % 5 != 4, stakes.get(i), i % 4, 1 + i, 1 + i / 2, (uptime + 97_000 * i) % 1_000_001, 10L * (i % 3),
                    "r" + (i % 3)));
        }
        Allocation a = EpochRewards.allocate(5, pools, params(emission));
        assertThat(a.totalTokens().add(a.unallocated())).isEqualTo(a.pot());
        boolean anyWeight = a.pools().stream().anyMatch(p -> p.weight().signum() > 0);
        assertThat(a.unallocated().signum() == 0).isEqualTo(anyWeight || a.pot().signum() == 0);
        assertThat(a.pools()).allSatisfy(p -> {
            assertThat(p.tokens().signum()).isGreaterThanOrEqualTo(0);
            if (p.weight().signum() == 0) assertThat(p.tokens()).isZero();
        });
    }
}
