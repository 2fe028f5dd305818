package io.stakestream.cli.bench;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.KeyPartitioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Figure 9: {@code GET /pools/{pool}} on one of two ledger instances while stakes flow, for pools it
 * owns (answered from its own store) and pools the other owns (forwarded to it). Any answer but
 * 200 fails the run: a 503 during a rebalance is right, but would not be a query latency.
 */
final class QueryLatency implements AutoCloseable {
    private final Pipeline pipeline;
    private final PoolLedgerApp second;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> local = new ArrayList<>();
    private final List<String> forwarded = new ArrayList<>();

    QueryLatency(Pipeline pipeline, int partitions) throws Exception {
        this.pipeline = pipeline;
        // Kafka Streams moves a task to an instance only once its store has caught up (else a warm-up
        // replica and a probing rebalance 10 minutes later): here any lag is acceptable, to split at once
        Map<String, Object> splitNow = Map.of(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.MAX_VALUE);
        pipeline.tune(splitNow);
        second = new PoolLedgerApp(AppConfig.local(pipeline.stack().bootstrapServers(), pipeline.stack().schemaRegistryUrl(),
                Files.createTempDirectory("stakestream-bench-ledger-2"), partitions)).tuned(splitNow).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        Set<Integer> mine;
        do {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the two ledger instances did not split the partitions");
            Thread.sleep(200);
            mine = activePartitions(pipeline.app());
        } while (!second.awaitRunning(Duration.ofMillis(1)) || mine.isEmpty() || mine.size() == partitions
                || activePartitions(second).size() + mine.size() != partitions);
        for (String pool : pipeline.workload.poolIds()) {
            (mine.contains(KeyPartitioner.partitionOf(pool, partitions)) ? local : forwarded).add(pool);
        }
    }

    /** p50, p99 of {@code n} local queries, then p50, p99 of {@code n} forwarded ones, in ms, while stakes flow. */
    double[] run(int n) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread load = new Thread(() -> {
            try (CommandPublisher out = CommandPublisher.create(pipeline.stack().bootstrapServers(), pipeline.stack().serdes(),
                    "stakestream-bench-query-load", true)) {
                while (!stop.get()) {
                    List<SignedCommand> batch;
                    synchronized (pipeline.workload) {
                        batch = pipeline.workload.stakes(100);
                    }
                    out.publish(batch);
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-query-load");
        load.start();
        try {
            double[] l = percentiles(local, n);
            double[] f = percentiles(forwarded, n);
            return new double[] {l[0], l[1], f[0], f[1]};
        } finally {
            stop.set(true);
            load.join();
        }
    }

    private double[] percentiles(List<String> pools, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            String pool = pools.get(i % pools.size());
            HttpRequest get = HttpRequest.newBuilder(URI.create(pipeline.app().restUrl() + "/pools/" + pool)).timeout(Duration.ofSeconds(10)).build();
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /pools/" + pool + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        Arrays.sort(nanos);
        return new double[] {nanos[n / 2] / 1e6, nanos[(int) Math.ceil(n * 0.99) - 1] / 1e6};
    }

    private static Set<Integer> activePartitions(PoolLedgerApp app) {
        Set<Integer> out = new HashSet<>();
        app.streams().metadataForLocalThreads().forEach(t -> t.activeTasks().forEach(task -> task.topicPartitions()
                .forEach(tp -> out.add(tp.partition()))));
        return out;
    }

    @Override
    public void close() throws Exception {
        second.close();
        pipeline.tune(Map.of());
    }
}
