package io.stakestream.app.metrics;

import io.stakestream.avro.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the topology consumed, accepted and rejected (by reason), and a histogram of
 * per-record processing time, rendered in the Prometheus text format. Thread-safe and lock-free:
 * stream threads write, the REST thread reads.
 */
public final class LedgerMetrics {

    /** Histogram upper bounds, in seconds. */
    private static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1.0};

    private final LongAdder consumed = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    private final LongAdder[] bucketCounts = new LongAdder[BUCKETS.length + 1];
    private final LongAdder latencyNanos = new LongAdder();

    public LedgerMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new LongAdder());
        }
        for (int i = 0; i < bucketCounts.length; i++) {
            bucketCounts[i] = new LongAdder();
        }
    }

    public void consumed() {
        consumed.increment();
    }

    public void accepted() {
        accepted.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void processed(long nanos) {
        latencyNanos.add(nanos);
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        bucketCounts[i].increment();
    }

    public long consumedCount() {
        return consumed.sum();
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long rejectedCount() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rejectedCount(RejectReason reason) {
        return rejected.get(reason).sum();
    }

    /** Prometheus text exposition format 0.0.4. */
    public String prometheus(String streamsState) {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "stakestream_records_consumed_total", "Records read from the commands and attestations topics.", consumed.sum());
        counter(out, "stakestream_records_accepted_total", "Records the ledger accepted.", accepted.sum());
        out.append("# HELP stakestream_records_rejected_total Records refused, by reason.\n")
                .append("# TYPE stakestream_records_rejected_total counter\n");
        rejected.forEach((reason, n) -> {
            long v = n.sum();
            if (v > 0) {
                out.append("stakestream_records_rejected_total{reason=\"").append(reason.name()).append("\"} ").append(v).append('\n');
            }
        });
        out.append("# HELP stakestream_process_latency_seconds Time to decode, verify, apply and forward one record.\n")
                .append("# TYPE stakestream_process_latency_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += bucketCounts[i].sum();
            out.append("stakestream_process_latency_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
        }
        cumulative += bucketCounts[BUCKETS.length].sum();
        out.append("stakestream_process_latency_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append("stakestream_process_latency_seconds_sum ").append(latencyNanos.sum() / 1e9).append('\n');
        out.append("stakestream_process_latency_seconds_count ").append(cumulative).append('\n');
        out.append("# HELP stakestream_streams_running 1 when the Kafka Streams client is RUNNING.\n")
                .append("# TYPE stakestream_streams_running gauge\n")
                .append("stakestream_streams_running{state=\"").append(streamsState).append("\"} ")
                .append("RUNNING".equals(streamsState) ? 1 : 0).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
