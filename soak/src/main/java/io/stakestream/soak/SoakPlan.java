package io.stakestream.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one soak does: a seeded workload (an epoch close every {@code stepsPerEpoch} pool commands)
 * produced at {@code perSecond} records a second for as long as {@code inputs} records take at that
 * rate, and for as long beyond as it takes the last fault to recover, two ledger instances with standby replicas,
 * {@code kills} SIGKILLs at seeded moments (one of them while the registry is down), one broker
 * restart and a registry outage of {@code registryOutage}. Everything lives under {@code workDir}.
 */
public record SoakPlan(long seed, int partitions, int inputs, int stepsPerEpoch, int perSecond, int kills,
                       Duration registryOutage, Path workDir) {

    public SoakPlan {
        if (kills < 1) {
            throw new IllegalArgumentException("a soak needs at least one kill (the one during the registry outage), got " + kills);
        }
        if (perSecond < 1 || inputs < 1 || stepsPerEpoch < 1 || partitions < 1) {
            throw new IllegalArgumentException("inputs, steps per epoch, rate and partitions must be positive");
        }
    }

    /** How long producing the planned inputs takes: the least the workload flows. */
    Duration production() {
        return Duration.ofMillis(1_000L * inputs / perSecond);
    }

    /**
     * Inputs signed ahead: room for production to go on until the last fault has recovered. Faults
     * run one after another, each after the previous one's recovery (30 s or more on a busy machine),
     * so this leaves a minute per fault beyond the plan.
     */
    int capacity() {
        long faults = kills + 1L;
        return (int) Math.min(Integer.MAX_VALUE / 2, inputs + faults * 60L * perSecond);
    }
}
