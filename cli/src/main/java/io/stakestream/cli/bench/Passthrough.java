package io.stakestream.cli.bench;

import io.stakestream.app.StreamsConfigs;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.embedded.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Figure 1, the baseline: a Kafka Streams exactly_once_v2 application that copies the benchmark's
 * own records (the same bytes, keys and partitions as the commands) from one topic to another, with
 * the ledger's settings and thread count. What Kafka alone costs on this machine, in this process.
 */
final class Passthrough {
    private final EmbeddedStack stack;
    private final int partitions;
    private final Map<String, ?> tuning;
    private int topicsMade;

    Passthrough(EmbeddedStack stack, int partitions, Map<String, ?> tuning) {
        this.stack = stack;
        this.partitions = partitions;
        this.tuning = tuning;
    }

    /** Records already in the input topic; timed from the application's RUNNING to the last output committed. */
    double preloaded(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        String[] t = topics();
        try (TransactionalWriter w = new TransactionalWriter(stack.bootstrapServers())) {
            w.write(retarget(records, t[0]));
        }
        try (CommittedCounter out = new CommittedCounter(stack.bootstrapServers(), List.of(t[1]))) {
            CountDownLatch running = new CountDownLatch(1);
            try (KafkaStreams app = app(t[0], t[1], running)) {
                if (!running.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the passthrough did not reach RUNNING");
                long start = System.nanoTime();
                long end = out.awaitTotal(records.size(), Duration.ofMinutes(10));
                return records.size() / ((end - start) / 1e9);
            }
        }
    }

    /**
     * The application runs; timed from the first record produced to the last output committed. Then
     * the process's CPU per record in microseconds: what one record through Kafka costs here.
     */
    double[] live(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        String[] t = topics();
        try (CommittedCounter out = new CommittedCounter(stack.bootstrapServers(), List.of(t[1]));
             TransactionalWriter w = new TransactionalWriter(stack.bootstrapServers())) {
            CountDownLatch running = new CountDownLatch(1);
            try (KafkaStreams app = app(t[0], t[1], running)) {
                if (!running.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the passthrough did not reach RUNNING");
                CpuByThread cpu = new CpuByThread();
                long start = System.nanoTime();
                w.write(retarget(records, t[0]));
                long end = out.awaitTotal(records.size(), Duration.ofMinutes(10));
                return new double[] {records.size() / ((end - start) / 1e9), cpu.perCommand(records.size()).get("process")};
            }
        }
    }

    private String[] topics() throws Exception {
        int n = ++topicsMade;
        String in = "bench.passthrough-" + n + "-in";
        String out = "bench.passthrough-" + n + "-out";
        stack.admin().createTopics(List.of(new NewTopic(in, partitions, (short) 1), new NewTopic(out, partitions, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
        return new String[] {in, out};
    }

    private KafkaStreams app(String in, String out, CountDownLatch running) throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Path state = Files.createTempDirectory("stakestream-bench-passthrough");
        Properties p = StreamsConfigs.base("bench-passthrough-" + UUID.randomUUID(), stack.bootstrapServers(), state.toString(),
                LedgerTopics.defaults().deadLetters());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Math.max(1, Math.min(partitions, Runtime.getRuntime().availableProcessors())));
        p.putAll(tuning);
        KafkaStreams app = new KafkaStreams(b.build(), p);
        app.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) running.countDown();
        });
        app.start();
        return app;
    }

    private static List<ProducerRecord<byte[], byte[]>> retarget(List<ProducerRecord<byte[], byte[]>> records, String topic) {
        return records.stream().map(r -> new ProducerRecord<>(topic, r.partition(), r.key(), r.value())).toList();
    }
}
