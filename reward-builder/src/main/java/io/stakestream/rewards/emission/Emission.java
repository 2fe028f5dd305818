package io.stakestream.rewards.emission;

import io.stakestream.avro.EmissionSchedule;
import io.stakestream.avro.EmissionStep;
import io.stakestream.ledger.Amounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Tokens an emission schedule emits in one epoch: exact integers, the same for anyone who
 * recomputes them (see {@link EmissionSchedule} for the three forms).
 */
public final class Emission {
    private static final BigInteger PPM = Amounts.PPM;

    private Emission() {}

    /** The schedule in force: the network's own, or Inference.net's when it states none. */
    public static EmissionSchedule orDefault(EmissionSchedule stated) {
        return stated != null ? stated : EmissionFiles.inferenceNet();
    }

    public static BigInteger perEpoch(EmissionSchedule s, long epoch) {
        check(s);
        return switch (s.getForm()) {
            case SUPER_EPOCHS -> superEpochs(s, epoch);
            case TABLE -> table(s.getTable(), epoch);
            case DECAY -> decay(s, epoch);
        };
    }

    /** Inference.net: total / length per epoch, the remainder one unit each to the earliest epochs. */
    private static BigInteger superEpochs(EmissionSchedule s, long epoch) {
        if (epoch < s.getFirstEpoch()) return BigInteger.ZERO;
        long length = s.getSuperEpochLength();
        long offset = epoch - s.getFirstEpoch();
        long index = offset / length;
        if (index >= s.getSuperEpochTotals().size()) return BigInteger.ZERO;
        BigInteger[] split = Amounts.big(s.getSuperEpochTotals().get((int) index)).divideAndRemainder(BigInteger.valueOf(length));
        long within = offset % length;
        return BigInteger.valueOf(within).compareTo(split[1]) < 0 ? split[0].add(BigInteger.ONE) : split[0];
    }

    private static BigInteger table(List<EmissionStep> steps, long epoch) {
        BigInteger tokens = BigInteger.ZERO;
        for (EmissionStep step : steps) {
            if (step.getFromEpoch() > epoch) break;
            tokens = Amounts.big(step.getTokensPerEpoch());
        }
        return tokens;
    }

    private static BigInteger decay(EmissionSchedule s, long epoch) {
        if (epoch < s.getFirstEpoch()) return BigInteger.ZERO;
        int k = Math.toIntExact(epoch - s.getFirstEpoch());
        BigInteger keep = BigInteger.valueOf(s.getDecayKeepPpm());
        return Amounts.big(s.getDecayInitial()).multiply(keep.pow(k)).divide(PPM.pow(k));
    }

    /** @throws IllegalArgumentException saying what to fix in the schedule */
    public static void check(EmissionSchedule s) {
        switch (s.getForm()) {
            case SUPER_EPOCHS -> {
                require(s.getSuperEpochLength() > 0, "a SUPER_EPOCHS schedule needs superEpochLength > 0");
                s.getSuperEpochTotals().forEach(t -> nonNegative(t, "superEpochTotals"));
            }
            case TABLE -> {
                long previous = Long.MIN_VALUE;
                for (EmissionStep step : s.getTable()) {
                    require(step.getFromEpoch() > previous, "TABLE steps must have strictly ascending fromEpoch");
                    nonNegative(step.getTokensPerEpoch(), "tokensPerEpoch");
                    previous = step.getFromEpoch();
                }
            }
            case DECAY -> {
                require(s.getDecayInitial() != null, "a DECAY schedule needs decayInitial");
                nonNegative(s.getDecayInitial(), "decayInitial");
                require(s.getDecayKeepPpm() >= 0 && s.getDecayKeepPpm() <= 1_000_000, "decayKeepPpm must be within 0..1000000");
            }
        }
    }

    private static void nonNegative(BigDecimal amount, String what) {
        require(amount != null && amount.signum() >= 0 && amount.stripTrailingZeros().scale() <= 0,
                what + " must be whole non-negative base units");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
