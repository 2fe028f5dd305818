package io.stakestream.cli.bench;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.protocol.clients.CommandPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Figure 2: the signed pipeline, the ledger app on the embedded broker under exactly_once_v2, fed
 * the workload's Stake commands. A run ends when a read_committed consumer has seen one outcome per
 * command; a rejected stake fails the run (a refusal is cheaper than an application, and would
 * flatter the figure).
 */
final class Pipeline implements AutoCloseable {
    private final EmbeddedStack stack;
    private final int partitions;
    private final Path state;
    private final Consumer<String> progress;
    private final Map<String, Object> tuning = new HashMap<>();
    private final CommandPublisher out;
    private final CommittedCounter outcomes;
    private final LedgerTopics topics = LedgerTopics.defaults();
    private PoolLedgerApp app;
    final Workload workload;

    /** Kafka Streams settings every run of this pipeline takes over the app's own (the bench's --streams-config). */
    private final Map<String, Object> base;

    Pipeline(EmbeddedStack stack, int partitions, int pools, int delegators, Map<String, ?> base, Consumer<String> progress) throws Exception {
        this.stack = stack;
        this.base = Map.copyOf(base);
        this.tuning.putAll(this.base);
        this.partitions = partitions;
        this.progress = progress;
        this.state = Files.createTempDirectory("stakestream-bench-ledger");
        this.workload = new Workload(pools, delegators, partitions, stack.serdes().payloads());
        this.out = CommandPublisher.create(stack.bootstrapServers(), stack.serdes(), "stakestream-bench", true);
        startApp();
        this.outcomes = new CommittedCounter(stack.bootstrapServers(), List.of(topics.events(), topics.rejections()));
        progress.accept("ledger up; set-up of " + (workload.funding.size() + workload.setup.size()) + " commands ...");
        for (List<SignedCommand> step : List.of(workload.funding, workload.setup)) {
            for (int i = 0; i < step.size(); i += TransactionalWriter.BATCH) {
                out.publish(step.subList(i, Math.min(step.size(), i + TransactionalWriter.BATCH)));
            }
            awaitApplied(out.recordsWritten(), Duration.ofMinutes(10));
        }
        if (app.metrics().rejectedCount() > 0) {
            try (var reader = new io.stakestream.protocol.clients.CommittedReader<>(stack.bootstrapServers(), stack.serdes().rejections())) {
                throw new IllegalStateException("the benchmark's set-up was refused in part: " + reader.readToEnd(Duration.ofSeconds(30))
                        .stream().limit(3).map(r -> r.value().getCommand() + " " + r.value().getReason() + ": " + r.value().getMessage()).toList());
            }
        }
    }

    /** Until the app has applied or refused this many inputs (each copy of a network-wide command counts). */
    void awaitApplied(long inputs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (app.metrics().acceptedCount() + app.metrics().rejectedCount() < inputs) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the ledger did not process the set-up in " + timeout);
            Thread.sleep(20);
        }
    }

    EmbeddedStack stack() {
        return stack;
    }

    PoolLedgerApp app() {
        return app;
    }

    /** Restarts the app with these Kafka Streams settings over its own. */
    void tune(Map<String, Object> settings) throws Exception {
        tuning.clear();
        tuning.putAll(base);
        tuning.putAll(settings);
        app.close();
        startApp();
    }

    /** Commands produced while the app runs: from the first produced to the last outcome committed. */
    double live(int commands) throws Exception {
        return liveWithCpu(commands)[0];
    }

    /**
     * {@link #live}, then the CPU the run took in microseconds per command: the whole process, then
     * each of {@link CpuByThread#GROUPS}; then the log offsets it wrote per command, each of
     * {@link LogGrowth#KINDS}.
     */
    double[] liveWithCpu(int commands) throws Exception {
        List<SignedCommand> batch = workload.stakes(commands);
        outcomes.reset();
        LogGrowth log = new LogGrowth(stack.admin());
        CpuByThread cpu = new CpuByThread();
        long start = System.nanoTime();
        for (int i = 0; i < batch.size(); i += TransactionalWriter.BATCH) {
            out.publish(batch.subList(i, Math.min(batch.size(), i + TransactionalWriter.BATCH)));
        }
        long end = outcomes.awaitTotal(batch.size(), Duration.ofMinutes(30));
        Map<String, Double> perCommand = cpu.perCommand(batch.size());
        double[] offsets = log.perCommand(batch.size());
        requireAccepted(batch.size());
        double[] out = new double[1 + perCommand.size() + offsets.length];
        out[0] = batch.size() / ((end - start) / 1e9);
        int i = 1;
        for (double us : perCommand.values()) out[i++] = us;
        for (double o : offsets) out[i++] = o;
        return out;
    }

    /**
     * Figure 8: job results per second, signed batches of {@code jobs} results produced to the
     * attestations topic while the app runs, through the gateway into the ledger, to the last outcome.
     */
    double attestations(int batches, int jobs) {
        List<SignedAttestation> batch = workload.attestations(batches, jobs);
        outcomes.reset();
        long start = System.nanoTime();
        for (int i = 0; i < batch.size(); i += 100) {
            out.attest(batch.subList(i, Math.min(batch.size(), i + 100)));
        }
        long end = outcomes.awaitTotal(batch.size(), Duration.ofMinutes(30));
        requireAccepted(batch.size());
        return (double) batches * jobs / ((end - start) / 1e9);
    }

    /** Commands already in the log when the app starts: from RUNNING to the last outcome committed. */
    double preloaded(int commands) throws Exception {
        List<SignedCommand> batch = workload.stakes(commands);
        app.close();
        outcomes.reset();
        for (int i = 0; i < batch.size(); i += TransactionalWriter.BATCH) {
            out.publish(batch.subList(i, Math.min(batch.size(), i + TransactionalWriter.BATCH)));
        }
        startApp();
        long start = System.nanoTime();
        long end = outcomes.awaitTotal(batch.size(), Duration.ofMinutes(30));
        requireAccepted(batch.size());
        return batch.size() / ((end - start) / 1e9);
    }

    /** The same stakes as the pipeline's records, for the passthrough baseline. */
    List<ProducerRecord<byte[], byte[]>> records(int commands) {
        return recordsOf(workload.stakes(commands));
    }

    List<ProducerRecord<byte[], byte[]>> recordsOf(List<SignedCommand> commands) {
        return commands.stream().flatMap(c -> out.recordsOf(c).stream()).toList();
    }

    private void requireAccepted(int commands) {
        long rejected = outcomes.count(topics.rejections());
        if (rejected > 0) {
            throw new IllegalStateException(rejected + " of " + commands + " benchmark stakes were rejected: the figure would mean nothing");
        }
    }

    private void startApp() throws InterruptedException {
        app = new PoolLedgerApp(AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(), state, partitions)).tuned(tuning).start();
        if (!app.awaitRunning(Duration.ofSeconds(120))) throw new IllegalStateException("the ledger did not reach RUNNING");
        progress.accept("ledger RUNNING" + (tuning.isEmpty() ? "" : " with " + tuning));
    }

    @Override
    public void close() {
        if (app != null) app.close();
        outcomes.close();
        out.close();
    }
}
