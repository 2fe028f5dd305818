package io.stakestream.soak;

import io.stakestream.app.topology.LedgerTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka chores of the integration tests: produce bytes, read committed outputs, watch a group's progress. */
final class Kafka {

    private Kafka() {
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Latest offsets (high watermarks) of every partition of these topics. */
    static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> req.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(req).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot list offsets of " + topics, e);
        }
    }

    /** What the group has committed on these partitions (0 where nothing yet). */
    static Map<TopicPartition, Long> committed(Admin admin, String group, Iterable<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = c.get(tp);
                out.put(tp, o == null ? 0L : o.offset());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read offsets of group " + group, e);
        }
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits until the attestation gateway has forwarded every attestation there is now, then until
     * the ledger has consumed the whole commands log up to there: every input is applied and, under
     * exactly-once (offsets commit in the transaction of the outputs), its outputs are committed.
     */
    static void awaitLedger(Admin admin, String gatewayId, String ledgerId, LedgerTopics topics, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitConsumed(admin, gatewayId, List.of(topics.attestations(), topics.deposits()), timeout);
        awaitConsumed(admin, ledgerId, List.of(topics.commands()), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /**
     * Waits until the group (an application id) has committed every input offset there is now.
     * Under exactly-once the offsets commit in the same transaction as the outputs.
     */
    static void awaitConsumed(Admin admin, String group, List<String> inputs, Duration timeout) throws InterruptedException {
        Map<TopicPartition, Long> ends = ends(admin, inputs);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> done = Map.of();
        while (System.nanoTime() < deadline) {
            done = committed(admin, group, ends.keySet());
            final Map<TopicPartition, Long> d = done;
            if (ends.entrySet().stream().allMatch(e -> d.get(e.getKey()) >= e.getValue())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("group " + group + " did not consume its inputs within " + timeout + ": ends " + ends
                + ", committed " + done);
    }

    /**
     * Every committed record of a topic, partition by partition, offset order. Waits first until
     * no transaction is open on it (last stable offset = high watermark), so nothing in flight is missed.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, Admin admin, String topic, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(bootstrap, "read_committed")) {
            List<TopicPartition> parts = fromStart(consumer, topic);
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> stable;
            while (true) {
                stable = consumer.endOffsets(parts);
                Map<TopicPartition, Long> hw = ends(admin, List.of(topic));
                if (stable.equals(hw)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + ": a transaction is still open (LSO " + stable + ", HW " + hw + ")");
                }
                sleep(100);
            }
            final Map<TopicPartition, Long> end = stable;
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic + ": could not read up to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> rawConsumer(String bootstrap, String isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition of the topic and seeks to its beginning; returns the partitions. */
    private static List<TopicPartition> fromStart(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        return parts;
    }

    /** How many data records a read_uncommitted consumer sees on the topic now, aborted ones included. */
    static long readUncommittedCount(String bootstrap, String topic) {
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(bootstrap, "read_uncommitted")) {
            List<TopicPartition> parts = fromStart(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                n += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return n;
    }

    /** How many stream threads of this client failed (and were replaced) since it started. */
    static double failedStreamThreads(org.apache.kafka.streams.KafkaStreams streams) {
        return streams.metrics().values().stream().filter(m -> m.metricName().name().equals("failed-stream-threads"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
