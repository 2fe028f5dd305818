package io.stakestream.cli.demo;

import io.stakestream.avro.Authorities;
import io.stakestream.avro.EmissionForm;
import io.stakestream.avro.EmissionSchedule;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.RewardWeights;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.avro.SlashSplit;
import io.stakestream.avro.WhitelistMode;
import io.stakestream.cli.Units;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The demo network's global parameters: InfraMind's numbers, with the 7-day cooldown shrunk to seconds. */
public final class DemoParams {

    public static final List<Integer> TIER_MULTIPLIER_BPS = List.of(0, 1_000, 2_500, 4_000);

    private DemoParams() {
    }

    /**
     * @param cooldownSeconds stands in for InfraMind's 7 days; the broker's clock (LogAppendTime)
     *     measures it, so the demo can wait it out
     */
    public static GlobalParameters params(long cooldownSeconds, SlashPolicy policy, Party treasury) {
        return params(cooldownSeconds, policy, treasury.key().accountBuffer());
    }

    /** The same parameters for any treasury account: what `network init` and `stakestream up` start from. */
    public static GlobalParameters params(long cooldownSeconds, SlashPolicy policy, ByteBuffer treasury) {
        return GlobalParameters.newBuilder()
                .setOperatorCooldownSeconds(cooldownSeconds)
                .setDelegatorCooldownSeconds(cooldownSeconds)
                .setMinOperatorStake(Units.tokens(500))
                .setMaxCommissionBps(5_000)
                .setDefaultCommissionBps(2_000)                      // InfraMind's 80/20 split
                .setPoolCreationAllowed(true)
                .setRegistrationFee(Units.tokens(0))
                .setTierThresholds(new ArrayList<>(List.of(Units.tokens(500), Units.tokens(2_000), Units.tokens(10_000))))
                .setTierMultiplierBps(new ArrayList<>(TIER_MULTIPLIER_BPS))
                .setWhitelistMode(WhitelistMode.AUTO)
                .setMinEpochsLocked(0)
                .setRewardDelayEpochs(0)
                .setMaxPendingUnstakes(10)
                .setMinStakeDecreaseDelaySeconds(0)
                .setSlashPolicy(policy)
                .setMaxSlashPpm(500_000)
                .setDeactivationScalePpm(200_000)
                .setDisputeWindowEpochs(1)
                .setMinDisputeWindowSeconds(0)                       // demo epochs last seconds; the whole epoch still applies
                .setRequireHaltBeforeSlash(false)
                .setSlashHaltDelaySeconds(0)
                .setSlashSchedule(new ArrayList<>(List.of(
                        rule(SlashReason.SLA_BREACH, 100_000, false),
                        rule(SlashReason.INVALID_PROOF, 250_000, false),
                        rule(SlashReason.FORGED_TRACE, 500_000, true),
                        rule(SlashReason.DROPOUT, 150_000, false))))
                .setSlashSplit(SlashSplit.newBuilder().setBurnBps(5_000).setRedistributeBps(2_500).setReturnBps(2_500)
                        .setTreasuryBps(0).build())                     // InfraMind 50/25/25
                .setTreasuryAccount(treasury)
                .setEmissionSchedule(EMISSION)
                // an epoch of the demo lasts seconds: with hour-long uptime slots, a pool that attests in it was up all of it
                .setRewardWeights(RewardWeights.newBuilder().setUptimeSlotMillis(3_600_000L).build())
                .build();
    }

    /** The decay form: 1,000 tokens in epoch 0, each epoch 90% of the one before (Inference.net's default starts at epoch 1 with 0.0017 tokens). */
    static final EmissionSchedule EMISSION = EmissionSchedule.newBuilder().setForm(EmissionForm.DECAY).setFirstEpoch(0)
            .setDecayInitial(Units.tokens(1_000)).setDecayKeepPpm(900_000).build();

    public static Authorities authorities(Party admin, Party slasher, Party halter, Party rewarder, Party custody) {
        return authorities(admin, slasher, halter, rewarder, rewarder, custody);
    }

    /**
     * @param builder the reward-builder's own reward key: it signs the reward records and accruals
     * @param custody the custody key: it signs deposits, settlements and reward funding
     */
    public static Authorities authorities(Party admin, Party slasher, Party halter, Party rewarder, Party builder, Party custody) {
        return authorities(admin.key().accountBuffer(), slasher.key().accountBuffer(), halter.key().accountBuffer(),
                rewarder == builder ? List.of(rewarder.key().accountBuffer())
                        : List.of(rewarder.key().accountBuffer(), builder.key().accountBuffer()),
                custody.key().accountBuffer());
    }

    public static Authorities authorities(ByteBuffer admin, ByteBuffer slasher, ByteBuffer halter, List<ByteBuffer> reward,
                                          ByteBuffer custody) {
        return Authorities.newBuilder()
                .setAdmin(new ArrayList<>(List.of(admin)))
                .setSlashing(new ArrayList<>(List.of(slasher)))
                .setHalt(new ArrayList<>(List.of(halter)))
                .setReward(new ArrayList<>(reward))
                .setCustody(new ArrayList<>(List.of(custody)))
                .build();
    }

    private static SlashRule rule(SlashReason reason, int ppm, boolean ban) {
        return SlashRule.newBuilder().setReason(reason).setFractionPpm(ppm).setCooldownSeconds(0).setBan(ban).build();
    }
}
