package io.stakestream.rewards;

import io.stakestream.avro.SignedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When the accruals of an epoch go out [Function Network reward delay]: the ledger accepts epoch n's
 * accruals once epoch n + rewardDelayEpochs has closed, so they travel in the transaction of that
 * later epoch; with no delay, in their own. Replaying the published epochs through {@link #due}
 * rebuilds, after a restart, exactly the accruals still held.
 */
final class AccrualSchedule {
    private final TreeMap<Long, List<SignedCommand>> held = new TreeMap<>();

    /** Holds {@code p}'s accruals; returns, in epoch order, every held accrual due with {@code p}'s reward record. */
    List<SignedCommand> due(EpochPublication p, int rewardDelayEpochs) {
        held.put(p.epoch(), p.accruals());
        List<SignedCommand> due = new ArrayList<>();
        Map<Long, List<SignedCommand>> ready = held.headMap(p.epoch() - Math.max(0, rewardDelayEpochs), true);
        ready.values().forEach(due::addAll);
        ready.clear();
        return due;
    }

    /** Epochs whose accruals wait for a later epoch's close. */
    List<Long> heldEpochs() {
        return List.copyOf(held.keySet());
    }
}
