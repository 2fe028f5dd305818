package io.stakestream.app.it;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one soak does: a seeded workload of about {@code inputs} records (an epoch close every
 * {@code stepsPerEpoch} pool commands) produced at {@code perSecond} records a second, two ledger instances with standby replicas,
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

    /** How long producing the workload takes. */
    Duration production() {
        return Duration.ofMillis(1_000L * inputs / perSecond);
    }
}
