package io.stakestream.rewards;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.PoolEpochSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the pool-epoch-summaries of each epoch until it is complete: a marker from every
 * partition, and from each partition as many pool summaries as its marker counts. Epochs are handed
 * out in order. A record seen twice (same epoch and pool, or same epoch and partition) counts once.
 */
public final class EpochAssembler {
    private static final Logger log = LoggerFactory.getLogger(EpochAssembler.class);

    private static final class Pending {
        final Map<String, PoolEpochSummary> pools = new LinkedHashMap<>();
        final Map<Integer, PartitionEpochClosed> markers = new TreeMap<>();
    }

    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private long next;

    /** The lowest epoch any buffered record is for, if any: where a builder that never published starts. */
    public Optional<Long> lowest() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.firstKey());
    }

    /** Starts at {@code epoch} and drops what is buffered for older ones. */
    public void startAt(long epoch) {
        next = epoch;
        pending.headMap(epoch).clear();
    }

    /** @param next the first epoch still to compute: anything older was published already */
    public EpochAssembler(long next) {
        this.next = next;
    }

    public long next() {
        return next;
    }

    public void add(EpochSummaryMessage message) {
        if (message == null) return;
        if (message.getBody() instanceof PoolEpochSummary s && s.getEpoch() >= next) {
            pending.computeIfAbsent(s.getEpoch(), e -> new Pending()).pools.putIfAbsent(s.getPoolId(), s);
        } else if (message.getBody() instanceof PartitionEpochClosed m && m.getEpoch() >= next) {
            pending.computeIfAbsent(m.getEpoch(), e -> new Pending()).markers.putIfAbsent(m.getPartition(), m);
        }
    }

    /** The next epoch once it is complete, moving on to the one after; empty while a partition is still missing. */
    public Optional<ClosedEpoch> poll() {
        while (true) {
            Map.Entry<Long, Pending> first = pending.firstEntry();
            if (first == null) return Optional.empty();
            // epoch n+1's records may be read before n's (other partitions of the summaries topic): wait for n
            if (first.getKey() > next) return Optional.empty();
            Pending p = first.getValue();
            if (!complete(p)) return Optional.empty();
            pending.pollFirstEntry();
            next = first.getKey() + 1;
            PartitionEpochClosed zero = p.markers.get(0);
            if (zero.getParams() == null) {
                log.error("epoch {} was closed by a ledger that does not report its parameters: it cannot be computed, skipped",
                        first.getKey());
                continue;
            }
            for (PartitionEpochClosed m : p.markers.values()) {
                if (!zero.getParams().equals(m.getParams())) {
                    log.warn("epoch {}: partition {} closed under other parameters than partition 0; partition 0's are used",
                            first.getKey(), m.getPartition());
                }
            }
            return Optional.of(new ClosedEpoch(first.getKey(), zero.getPartitions(), new ArrayList<>(p.pools.values()), zero.getParams()));
        }
    }

    private static boolean complete(Pending p) {
        if (p.markers.isEmpty()) return false;
        int partitions = p.markers.values().iterator().next().getPartitions();
        if (p.markers.size() < partitions) return false;
        for (int partition = 0; partition < partitions; partition++) {
            PartitionEpochClosed m = p.markers.get(partition);
            if (m == null) return false;
            long seen = p.pools.values().stream().filter(s -> s.getPartition() == m.getPartition()).count();
            if (seen < m.getPools()) return false;
        }
        return true;
    }
}
