package io.stakestream.ledger.instructions;

import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;

/**
 * Uptime [InfraMind]: the share of an epoch in which a pool attested. The epoch is cut into slots
 * of {@code RewardWeights.uptimeSlotMillis} from its start (or the pool's creation, if later); a
 * slot counts once it holds one attestation. Log times only rise on a partition, so counting a new
 * slot needs only the last one seen: O(1) per batch.
 */
final class Uptime {
    private static final long PPM = 1_000_000;

    private Uptime() {}

    /** Marks the slot of {@code now} as attested. */
    static void record(PoolEpochPerformance perf, Pool pool, Network n, long now) {
        long slot = Math.max(0, now - start(pool, n)) / slotMillis(n);
        if (slot != perf.getLastAttestedSlot()) {
            perf.setAttestedSlots(perf.getAttestedSlots() + 1);
            perf.setLastAttestedSlot(slot);
        }
    }

    /** Attested slots over the epoch's slots up to {@code closedAt} (at least one), in ppm, rounded down. */
    static int ppm(PoolEpochPerformance perf, Pool pool, Network n, long closedAt) {
        if (perf == null) return 0;
        long length = Math.max(0, closedAt - start(pool, n));
        long slots = Math.max(1, (length + slotMillis(n) - 1) / slotMillis(n));
        return (int) Math.min(PPM, perf.getAttestedSlots() * PPM / slots);
    }

    private static long start(Pool pool, Network n) {
        return Math.max(n.state().getEpochStartedAt(), pool.state().getCreatedAt());
    }

    private static long slotMillis(Network n) {
        return Math.max(1, n.params().getRewardWeights().getUptimeSlotMillis());
    }
}
