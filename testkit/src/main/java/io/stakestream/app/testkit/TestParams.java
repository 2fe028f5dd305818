package io.stakestream.app.testkit;

import io.stakestream.avro.Authorities;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.avro.SlashSplit;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;

/** Global parameters and authorities that pass the ledger's checks, for tests to start from. */
public final class TestParams {

    public static final long DAY = 86_400;

    private TestParams() {
    }

    /** InfraMind-like defaults: 7-day cooldowns, tiers 500/2000/10000, slash split 50/25/0/25. */
    public static GlobalParameters.Builder defaults() {
        return GlobalParameters.newBuilder()
                .setOperatorCooldownSeconds(7 * DAY)
                .setDelegatorCooldownSeconds(7 * DAY)
                .setMinOperatorStake(amount(100))
                .setMaxCommissionBps(5000)
                .setDefaultCommissionBps(2000)
                .setRegistrationFee(amount(0))
                .setTierThresholds(List.of(amount(500), amount(2_000), amount(10_000)))
                .setTierMultiplierBps(List.of(0, 1000, 2500, 4000))
                .setSlashSchedule(List.of(
                        rule(SlashReason.SLA_BREACH, 100_000, false),
                        rule(SlashReason.INVALID_PROOF, 250_000, false),
                        rule(SlashReason.FORGED_TRACE, 500_000, true),
                        rule(SlashReason.DROPOUT, 150_000, false)))
                .setSlashSplit(SlashSplit.newBuilder().setBurnBps(5000).setRedistributeBps(2500).setReturnBps(0)
                        .setTreasuryBps(2500).build())
                .setTreasuryAccount(TestAccounts.TREASURY.accountBuffer());
    }

    /** ADMIN administers, SLASHER slashes, HALTER halts, REWARDER commits rewards and closes epochs, CUSTODY deposits. */
    public static Authorities authorities() {
        return Authorities.newBuilder()
                .setAdmin(List.of(TestAccounts.ADMIN.accountBuffer()))
                .setSlashing(List.of(TestAccounts.SLASHER.accountBuffer()))
                .setHalt(List.of(TestAccounts.HALTER.accountBuffer()))
                .setReward(List.of(TestAccounts.REWARDER.accountBuffer()))
                .setCustody(List.of(TestAccounts.CUSTODY.accountBuffer(), TestAccounts.INDEXER.accountBuffer()))
                .build();
    }

    public static BigDecimal amount(long baseUnits) {
        return BigDecimal.valueOf(baseUnits);
    }

    public static ByteBuffer bytes(byte[] b) {
        return ByteBuffer.wrap(b);
    }

    private static SlashRule rule(SlashReason reason, int ppm, boolean ban) {
        return SlashRule.newBuilder().setReason(reason).setFractionPpm(ppm).setBan(ban).build();
    }
}
