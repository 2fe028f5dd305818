package io.stakestream.app.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Kafka Streams' own metrics (consumer lag, commit latency and rate, state store and RocksDB sizes,
 * thread states) through Micrometer's binder, in the Prometheus text format, one {@code app} tag
 * per client; served after the ledger's own counters ({@link LedgerMetrics}).
 */
public final class StreamsMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<KafkaStreamsMetrics> binders = new ArrayList<>();

    public StreamsMetrics bind(KafkaStreams streams, String app) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, List.of(Tag.of("app", app)));
        binder.bindTo(registry);
        binders.add(binder);
        return this;
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        binders.forEach(KafkaStreamsMetrics::close);
        registry.close();
    }
}
