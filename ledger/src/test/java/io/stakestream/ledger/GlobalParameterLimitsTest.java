package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashSplit;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every limit of the global parameters from both sides: the last value inside it is accepted and
 * becomes the network's, the first value outside it is refused INVALID_ARGUMENT and the network
 * keeps the parameters it had. A limit tested from one side only could move by one unnoticed.
 */
class GlobalParameterLimitsTest {
    static final long MAX_SECONDS = Times.MAX_DURATION_SECONDS;

    /** One limit: the builder change that sits on it, and the one just past it. */
    record Limit(String name, UnaryOperator<GlobalParameters.Builder> inside, UnaryOperator<GlobalParameters.Builder> outside) {}

    static Limit limit(String name, UnaryOperator<GlobalParameters.Builder> inside, UnaryOperator<GlobalParameters.Builder> outside) {
        return new Limit(name, inside, outside);
    }

    static SlashSplit split(int burn, int redistribute, int returned, int treasury) {
        return SlashSplit.newBuilder().setBurnBps(burn).setRedistributeBps(redistribute).setReturnBps(returned).setTreasuryBps(treasury).build();
    }

    static ArrayList<BigDecimal> thresholds(long... values) {
        ArrayList<BigDecimal> list = new ArrayList<>();
        for (long v : values) list.add(BigDecimal.valueOf(v));
        return list;
    }

    static ArrayList<Integer> multipliers(Integer... values) {
        return new ArrayList<>(List.of(values));
    }

    static List<Limit> limits() {
        return List.of(
                limit("maxCommissionBps at 10000", b -> b.setMaxCommissionBps(10_000), b -> b.setMaxCommissionBps(10_001)),
                limit("maxCommissionBps at 0", b -> b.setMaxCommissionBps(0).setDefaultCommissionBps(0),
                        b -> b.setMaxCommissionBps(-1).setDefaultCommissionBps(-1)),
                limit("defaultCommissionBps at the maximum", b -> b.setDefaultCommissionBps(5_000), b -> b.setDefaultCommissionBps(5_001)),
                limit("defaultCommissionBps at 0", b -> b.setDefaultCommissionBps(0), b -> b.setDefaultCommissionBps(-1)),
                limit("one multiplier per tier", b -> b.setTierThresholds(thresholds(1)).setTierMultiplierBps(multipliers(0, 1_000)),
                        b -> b.setTierThresholds(thresholds(1)).setTierMultiplierBps(multipliers(0, 1_000, 2_000))),
                limit("the first threshold above zero", b -> b.setTierThresholds(thresholds(1, 2)).setTierMultiplierBps(multipliers(0, 1, 2)),
                        b -> b.setTierThresholds(thresholds(0, 2)).setTierMultiplierBps(multipliers(0, 1, 2))),
                limit("thresholds rising strictly", b -> b.setTierThresholds(thresholds(5, 6)).setTierMultiplierBps(multipliers(0, 1, 2)),
                        b -> b.setTierThresholds(thresholds(5, 5)).setTierMultiplierBps(multipliers(0, 1, 2))),
                limit("tier multipliers at 0", b -> b.setTierMultiplierBps(multipliers(0, 0, 0, 0)),
                        b -> b.setTierMultiplierBps(multipliers(0, 0, -1, 0))),
                limit("minEpochsLocked at 0", b -> b.setMinEpochsLocked(0), b -> b.setMinEpochsLocked(-1)),
                limit("rewardDelayEpochs at 0", b -> b.setRewardDelayEpochs(0), b -> b.setRewardDelayEpochs(-1)),
                limit("maxPendingUnstakes at 1", b -> b.setMaxPendingUnstakes(1), b -> b.setMaxPendingUnstakes(0)),
                limit("maxPendingUnstakes at 10", b -> b.setMaxPendingUnstakes(10), b -> b.setMaxPendingUnstakes(11)),
                limit("maxSlashPpm at 1", b -> b.setMaxSlashPpm(1).setSlashSchedule(new ArrayList<>()),
                        b -> b.setMaxSlashPpm(0).setSlashSchedule(new ArrayList<>())),
                limit("maxSlashPpm at 50%", b -> b.setMaxSlashPpm(500_000), b -> b.setMaxSlashPpm(500_001)),
                limit("deactivationScalePpm at 0", b -> b.setDeactivationScalePpm(0), b -> b.setDeactivationScalePpm(-1)),
                limit("deactivationScalePpm under 1e6", b -> b.setDeactivationScalePpm(999_999), b -> b.setDeactivationScalePpm(1_000_000)),
                limit("disputeWindowEpochs at 1", b -> b.setDisputeWindowEpochs(1), b -> b.setDisputeWindowEpochs(0)),
                limit("disputeWindowEpochs at 2", b -> b.setDisputeWindowEpochs(2), b -> b.setDisputeWindowEpochs(3)),
                limit("a cooldown of 0 s", b -> b.setOperatorCooldownSeconds(0), b -> b.setOperatorCooldownSeconds(-1)),
                limit("a cooldown of ten years", b -> b.setDelegatorCooldownSeconds(MAX_SECONDS), b -> b.setDelegatorCooldownSeconds(MAX_SECONDS + 1)),
                limit("a slash rule at the maximum", b -> b.setSlashSchedule(rules(500_000)), b -> b.setSlashSchedule(rules(500_001))),
                limit("a slash rule above 0", b -> b.setSlashSchedule(rules(1)), b -> b.setSlashSchedule(rules(0))),
                limit("slaThresholdPpm at 0", b -> b.setSlaThresholdPpm(0), b -> b.setSlaThresholdPpm(-1)),
                limit("slaThresholdPpm at 1e6", b -> b.setSlaThresholdPpm(1_000_000), b -> b.setSlaThresholdPpm(1_000_001)),
                limit("a split of four parts adding up", b -> b.setSlashSplit(split(2_500, 2_500, 2_500, 2_500)),
                        b -> b.setSlashSplit(split(2_500, 2_500, 2_500, 2_501))),
                limit("a burn-only split", b -> b.setSlashSplit(split(10_000, 0, 0, 0)), b -> b.setSlashSplit(split(10_001, -1, 0, 0))),
                limit("a redistribute-only split", b -> b.setSlashSplit(split(0, 10_000, 0, 0)), b -> b.setSlashSplit(split(0, 10_001, -1, 0))),
                limit("a return-only split", b -> b.setSlashSplit(split(0, 0, 10_000, 0)), b -> b.setSlashSplit(split(0, 0, 10_001, -1))),
                limit("a treasury-only split", b -> b.setSlashSplit(split(0, 0, 0, 10_000)), b -> b.setSlashSplit(split(-1, 0, 0, 10_001))),
                limit("a 32-byte treasury", b -> b.setTreasuryAccount(ByteBuffer.wrap(new byte[32])),
                        b -> b.setTreasuryAccount(ByteBuffer.wrap(new byte[31]))));
    }

    static ArrayList<io.stakestream.avro.SlashRule> rules(int ppm) {
        return new ArrayList<>(List.of(Params.rule(SlashReason.SLA_BREACH, ppm, 0, false)));
    }

    @TestFactory
    Stream<DynamicTest> everyLimitHoldsFromBothSides() {
        return limits().stream().map(l -> DynamicTest.dynamicTest(l.name(), () -> {
            LedgerHarness h = new LedgerHarness().init();
            GlobalParameters inside = l.inside().apply(Params.defaults(h.treasury.key())).build();
            GlobalParameters outside = l.outside().apply(Params.defaults(h.treasury.key())).build();
            h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(inside));
            assertThat(params(h)).as("the accepted parameters are the network's").isEqualTo(inside);
            h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(outside));
            assertThat(params(h)).as("a refused update keeps the parameters").isEqualTo(inside);
        }));
    }

    static GlobalParameters params(LedgerHarness h) {
        NetworkState n = h.store.get(Table.NETWORK, Keys.NETWORK_STATE);
        return n.getParams();
    }
}
