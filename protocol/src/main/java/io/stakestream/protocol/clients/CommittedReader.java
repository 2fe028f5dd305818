package io.stakestream.protocol.clients;

import io.stakestream.protocol.serde.TopicSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads an output topic as the ledger committed it: read_committed, every partition assigned (no
 * consumer group, nothing committed), from the beginning. Keeps its position, so a second call
 * returns only what arrived since.
 */
public final class CommittedReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<TopicPartition> partitions;

    public CommittedReader(String bootstrapServers, TopicSerdes<String, V> topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "stakestream-reader-" + UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything committed up to now (the last stable offset of every partition). */
    public List<ConsumerRecord<String, V>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!reached(end)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("could not read " + partitions + " to its end within " + timeout.toSeconds() + " s");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(out::add);
        }
        return out;
    }

    /** Polls until {@code done} holds for everything read so far (this call's records), or the timeout. */
    public List<ConsumerRecord<String, V>> readUntil(Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!done.test(out)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("waited " + timeout.toSeconds() + " s on " + partitions
                        + " and the expected records did not arrive (" + out.size() + " read)");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(out::add);
        }
        return out;
    }

    /** One poll: whatever committed records arrived, possibly none. */
    public List<ConsumerRecord<String, V>> poll(Duration timeout) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        consumer.poll(timeout).forEach(out::add);
        return out;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
