package io.stakestream.protocol.clients;

import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.Rejection;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Waits for what the ledger made of inputs this client wrote, matched by command id (an
 * attestation's batch id) on the events, rejections and payouts topics, read_committed. Open it
 * BEFORE writing: it pins its position at the end of every partition as it stands then, so it
 * neither misses an outcome nor reads history.
 *
 * <pre>{@code
 * try (OutcomeWaiter waiter = new OutcomeWaiter(bootstrap, serdes)) {
 *     publisher.publish(command);
 *     Outcome o = waiter.await(Map.of(commandId, 1), Duration.ofSeconds(30)).get(commandId);
 * }
 * }</pre>
 */
public final class OutcomeWaiter implements AutoCloseable {

    /** Everything the ledger wrote for one command id. */
    public record Outcome(String commandId, List<LedgerEvent> events, List<Rejection> rejections, List<Payout> payouts) {
        /** Accepted on every partition it was written to. */
        public boolean accepted() {
            return rejections.isEmpty() && !events.isEmpty();
        }

        /**
         * Inputs answered. A pool command is one input, answered by its events or its rejection. A
         * network-wide command is one input per partition, each answered by the events or the
         * rejection that name its partition; counting records instead would take two events of one
         * partition for the answers of two.
         */
        int answered(int expected) {
            if (expected == 1) {
                return events.isEmpty() && rejections.isEmpty() ? 0 : 1;
            }
            Set<Integer> partitions = new HashSet<>();
            events.forEach(e -> partitions.add(e.getPartition()));
            rejections.forEach(r -> partitions.add(r.getPartition()));
            partitions.remove(null); // an event of a ledger older than the partition field
            return partitions.size();
        }
    }

    /** The ledger did not answer in time; {@link #partial()} holds what did arrive. */
    public static final class NoOutcomeException extends RuntimeException {
        private final Map<String, Outcome> partial;

        NoOutcomeException(String message, Map<String, Outcome> partial) {
            super(message);
            this.partial = partial;
        }

        public Map<String, Outcome> partial() {
            return partial;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Deserializer<LedgerEvent> events;
    private final Deserializer<Rejection> rejections;
    private final Deserializer<Payout> payouts;
    private final String eventsTopic;
    private final String rejectionsTopic;

    public OutcomeWaiter(String bootstrapServers, StakestreamSerdes serdes) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "stakestream-outcomes-" + UUID.randomUUID());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.events = serdes.events().valueSerde().deserializer();
        this.rejections = serdes.rejections().valueSerde().deserializer();
        this.payouts = serdes.payouts().valueSerde().deserializer();
        this.eventsTopic = serdes.events().name();
        this.rejectionsTopic = serdes.rejections().name();
        try {
            for (String topic : List.of(eventsTopic, rejectionsTopic, serdes.payouts().name())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(15)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: resolve the positions now, before anything is written
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Polls until every command id has been answered as often as expected, then reads every
     * partition to its last committed offset, so all records of the answering transactions are in.
     *
     * @param expected command id -> inputs that carry it (1, or the partition count for "*")
     */
    public Map<String, Outcome> await(Map<String, Integer> expected, Duration timeout) {
        Map<String, Outcome> found = new LinkedHashMap<>();
        expected.keySet().forEach(id -> found.put(id, new Outcome(id, new ArrayList<>(), new ArrayList<>(), new ArrayList<>())));
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!complete(found, expected)) {
            if (System.currentTimeMillis() >= deadline) {
                throw new NoOutcomeException("no outcome within " + timeout.toSeconds() + " s for " + pending(found, expected), found);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(r -> collect(r, found));
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.currentTimeMillis() > deadline + 10_000) {
                break; // answered already; what is missing is only the rest of a transaction still in flight
            }
            consumer.poll(Duration.ofMillis(100)).forEach(r -> collect(r, found));
        }
        return found;
    }

    private static boolean complete(Map<String, Outcome> found, Map<String, Integer> expected) {
        return expected.entrySet().stream().allMatch(e -> found.get(e.getKey()).answered(e.getValue()) >= e.getValue());
    }

    private static List<String> pending(Map<String, Outcome> found, Map<String, Integer> expected) {
        return expected.entrySet().stream().filter(e -> found.get(e.getKey()).answered(e.getValue()) < e.getValue())
                .map(Map.Entry::getKey).toList();
    }

    private void collect(ConsumerRecord<byte[], byte[]> r, Map<String, Outcome> found) {
        if (r.value() == null) {
            return;
        }
        if (r.topic().equals(eventsTopic)) {
            LedgerEvent e = events.deserialize(r.topic(), r.value());
            Outcome o = found.get(e.getCommandId());
            if (o != null) o.events().add(e);
        } else if (r.topic().equals(rejectionsTopic)) {
            Rejection x = rejections.deserialize(r.topic(), r.value());
            Outcome o = x.getCommandId() == null ? null : found.get(x.getCommandId());
            if (o != null) o.rejections().add(x);
        } else {
            Payout p = payouts.deserialize(r.topic(), r.value());
            Outcome o = found.get(p.getCommandId());
            if (o != null) o.payouts().add(p);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
