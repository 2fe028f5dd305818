package io.stakestream.ledger.testkit;

import io.stakestream.avro.Authorities;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.avro.SlashSplit;
import io.stakestream.avro.WhitelistMode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Global parameters as the seeds set them, in whole-token units so tests read plainly. */
public final class Params {
    public static final long DAY_SECONDS = 86_400;

    private Params() {}

    public static GlobalParameters.Builder defaults(ByteBuffer treasury) {
        return GlobalParameters.newBuilder()
                .setOperatorCooldownSeconds(7 * DAY_SECONDS)          // InfraMind: 7 days
                .setDelegatorCooldownSeconds(7 * DAY_SECONDS)
                .setMinOperatorStake(BigDecimal.valueOf(1_000))
                .setMaxCommissionBps(5_000)
                .setDefaultCommissionBps(2_000)                        // InfraMind 80/20
                .setPoolCreationAllowed(true)
                .setRegistrationFee(BigDecimal.ZERO)
                .setTierThresholds(new ArrayList<>(List.of(BigDecimal.valueOf(500), BigDecimal.valueOf(2_000), BigDecimal.valueOf(10_000))))
                .setTierMultiplierBps(new ArrayList<>(List.of(0, 1_000, 2_500, 4_000)))
                .setWhitelistMode(WhitelistMode.AUTO)
                .setMinEpochsLocked(0)
                .setRewardDelayEpochs(0)
                .setMaxPendingUnstakes(10)                             // Prover
                .setMinStakeDecreaseDelaySeconds(DAY_SECONDS)
                .setSlashPolicy(SlashPolicy.OPERATOR_ONLY)
                .setMaxSlashPpm(500_000)                               // Prover: 50%
                .setDeactivationScalePpm(200_000)                      // Prover: 20%
                .setDisputeWindowEpochs(1)
                .setRequireHaltBeforeSlash(false)
                .setSlashHaltDelaySeconds(DAY_SECONDS)
                .setSlashSchedule(new ArrayList<>(List.of(                // InfraMind
                        rule(SlashReason.SLA_BREACH, 100_000, 0, false),
                        rule(SlashReason.INVALID_PROOF, 250_000, 3 * DAY_SECONDS, false),
                        rule(SlashReason.FORGED_TRACE, 500_000, 0, true),
                        rule(SlashReason.DROPOUT, 150_000, 0, false),
                        rule(SlashReason.FAKE_ATTESTATION, 250_000, 0, false))))
                .setSlashSplit(SlashSplit.newBuilder().setBurnBps(5_000).setRedistributeBps(2_500)
                        .setReturnBps(2_500).setTreasuryBps(0).build())
                .setTreasuryAccount(treasury);
    }

    public static SlashRule rule(SlashReason reason, int ppm, long cooldownSeconds, boolean ban) {
        return SlashRule.newBuilder().setReason(reason).setFractionPpm(ppm).setCooldownSeconds(cooldownSeconds).setBan(ban).build();
    }

    /** The custody service's key in every test network: it plays the chain indexer. */
    public static final Account CUSTODY = Account.named("custody");

    public static Authorities authorities(Account admin, Account slasher, Account halter, Account rewarder) {
        return Authorities.newBuilder()
                .setAdmin(new ArrayList<>(List.of(admin.key())))
                .setSlashing(new ArrayList<>(List.of(slasher.key())))
                .setHalt(new ArrayList<>(List.of(halter.key())))
                .setReward(new ArrayList<>(List.of(rewarder.key())))
                .setCustody(new ArrayList<>(List.of(CUSTODY.key())))
                .build();
    }
}
