package io.stakestream.ledger.instructions;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.avro.SlashSplit;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Times;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Global parameters must make sense before any pool depends on them. */
final class ParamsCheck {
    private ParamsCheck() {}

    static void check(GlobalParameters p) {
        duration(p.getOperatorCooldownSeconds(), "operatorCooldownSeconds");
        duration(p.getDelegatorCooldownSeconds(), "delegatorCooldownSeconds");
        Amounts.nonNegative(p.getMinOperatorStake(), "minOperatorStake");
        Amounts.nonNegative(p.getRegistrationFee(), "registrationFee");
        arg(p.getMaxCommissionBps() >= 0 && p.getMaxCommissionBps() <= 10_000, "maxCommissionBps must be 0..10000");
        arg(p.getDefaultCommissionBps() >= 0 && p.getDefaultCommissionBps() <= p.getMaxCommissionBps(),
                "defaultCommissionBps must be 0..maxCommissionBps");
        List<BigDecimal> thresholds = p.getTierThresholds();
        arg(p.getTierMultiplierBps().size() == thresholds.size() + 1,
                "tierMultiplierBps needs one entry per tier: thresholds + 1 (tier 0 has no threshold)");
        BigInteger last = BigInteger.ZERO;
        for (BigDecimal t : thresholds) {
            BigInteger v = Amounts.nonNegative(t, "tier threshold");
            arg(v.compareTo(last) > 0, "tier thresholds must rise strictly");
            last = v;
        }
        p.getTierMultiplierBps().forEach(m -> arg(m >= 0, "tier multipliers must not be negative"));
        arg(p.getMinEpochsLocked() >= 0 && p.getRewardDelayEpochs() >= 0, "epoch counts must not be negative");
        arg(p.getMaxPendingUnstakes() >= 1 && p.getMaxPendingUnstakes() <= 10, "maxPendingUnstakes must be 1..10 [Prover]");
        duration(p.getMinStakeDecreaseDelaySeconds(), "minStakeDecreaseDelaySeconds");
        arg(p.getMaxSlashPpm() > 0 && p.getMaxSlashPpm() <= 500_000, "maxSlashPpm must be 1..500000 (at most 50% per slash)");
        arg(p.getDeactivationScalePpm() >= 0 && p.getDeactivationScalePpm() < 1_000_000, "deactivationScalePpm must be 0..999999");
        arg(p.getDisputeWindowEpochs() >= 1 && p.getDisputeWindowEpochs() <= 2, "disputeWindowEpochs must be 1 or 2 [InfraMind]");
        duration(p.getSlashHaltDelaySeconds(), "slashHaltDelaySeconds");
        duration(p.getMinDisputeWindowSeconds(), "minDisputeWindowSeconds");
        for (SlashRule r : p.getSlashSchedule()) {
            arg(r.getFractionPpm() > 0 && r.getFractionPpm() <= p.getMaxSlashPpm(),
                    "slash rule " + r.getReason() + " must take 1..maxSlashPpm ppm");
            duration(r.getCooldownSeconds(), "the cooldown of slash rule " + r.getReason());
        }
        arg(p.getSlaThresholdPpm() >= 0 && p.getSlaThresholdPpm() <= 1_000_000, "slaThresholdPpm must be 0..1000000");
        SlashSplit s = p.getSlashSplit();
        arg(s.getBurnBps() >= 0 && s.getRedistributeBps() >= 0 && s.getReturnBps() >= 0 && s.getTreasuryBps() >= 0
                && s.getBurnBps() + s.getRedistributeBps() + s.getReturnBps() + s.getTreasuryBps() == 10_000,
                "slash split must be four non-negative parts adding up to 10000 bps");
        arg(p.getTreasuryAccount() != null && p.getTreasuryAccount().remaining() == Accounts.KEY_BYTES,
                "treasuryAccount must be a 32-byte account key");
    }

    /** Every duration is bounded, so a time computed from it stays far from the end of the clock. */
    private static void duration(long seconds, String what) {
        arg(seconds >= 0 && seconds <= Times.MAX_DURATION_SECONDS, what + " must be 0.." + Times.MAX_DURATION_SECONDS + " seconds (ten years)");
    }

    static void arg(boolean ok, String message) {
        Rejected.unless(ok, RejectReason.INVALID_ARGUMENT, message);
    }
}
