package io.stakestream.cli.bench;

import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Figure 4: latency from produce to the outcome a read_committed consumer sees, open loop: command
 * i is due at start + i/rate whether or not earlier ones are done, and its latency counts from when
 * it was due (so a stalled pipeline cannot hide its queue: no coordinated omission).
 */
final class OpenLoopLatency {
    private final Pipeline pipeline;

    OpenLoopLatency(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * p50, p99 and max in milliseconds of {@code rate * seconds} stakes offered at {@code rate} per
     * second, then the longest garbage-collection pause and the pauses' total while they ran; with
     * {@code poolByPool}, the stakes in the order the bench made them before (Workload).
     */
    double[] run(int rate, int seconds, boolean poolByPool) throws Exception {
        try (GcPauses gc = new GcPauses()) {
            double[] latency = latencies(rate, seconds, poolByPool);
            return new double[] {latency[0], latency[1], latency[2], gc.maxMs(), gc.totalMs()};
        }
    }

    private double[] latencies(int rate, int seconds, boolean poolByPool) throws Exception {
        int n = rate * seconds;
        List<SignedCommand> batch = poolByPool ? pipeline.workload.stakesPoolByPool(n) : pipeline.workload.stakes(n);
        List<ProducerRecord<byte[], byte[]>> records = pipeline.recordsOf(batch);
        String[] ids = batch.stream().map(c -> pipeline.workload.payloads.command(c).getCommandId()).toArray(String[]::new);
        Map<String, Long> due = new ConcurrentHashMap<>();
        long[] latencies = new long[n];
        StakestreamSerdes serdes = pipeline.stack().serdes();
        CommandIdReader commandIds = new CommandIdReader();
        try (KafkaProducer<byte[], byte[]> producer = producer(); KafkaConsumer<byte[], byte[]> outcomes = consumer(serdes)) {
            long start = System.nanoTime() + 50_000_000L;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    long at = start + (long) (i * 1e9 / rate);
                    long wait = at - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    due.put(ids[i], at);
                    producer.send(records.get(i));
                }
                producer.flush();
            }, "bench-open-loop-sender");
            sender.start();
            int seen = 0;
            long deadline = start + (seconds + 120) * 1_000_000_000L;
            while (seen < n) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("saw " + seen + " of " + n + " outcomes in time");
                for (ConsumerRecord<byte[], byte[]> r : outcomes.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    Long at = due.remove(commandIds.commandId(r.value()));
                    if (at != null) latencies[seen++] = now - at;
                }
            }
            sender.join();
        }
        Arrays.sort(latencies);
        return new double[] {latencies[n / 2] / 1e6, latencies[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6, latencies[n - 1] / 1e6};
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.stack().bootstrapServers());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer(StakestreamSerdes serdes) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.stack().bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "stakestream-bench-latency-" + UUID.randomUUID());
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(serdes.events().name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        return consumer;
    }
}
