package io.stakestream.cli.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts records of output topics as a read_committed consumer sees them: a run ends when its last
 * output is committed, not when a processor has seen its last input.
 */
final class CommittedCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<String, Long> counts = new HashMap<>();

    CommittedCounter(String bootstrap, List<String> topics) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "stakestream-bench-counter-" + UUID.randomUUID());
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Forgets what was counted and starts again from what is committed now. */
    void reset() {
        counts.clear();
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    long count(String topic) {
        return counts.getOrDefault(topic, 0L);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Polls until {@code total() >= records}; returns System.nanoTime() when the last one was seen. */
    long awaitTotal(long records, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total() < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("saw " + total() + " of " + records + " committed outputs in " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                counts.merge(r.topic(), 1L, Long::sum);
            }
        }
        return System.nanoTime();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
