package io.stakestream.app;

import io.stakestream.app.state.BoundedRocksDbConfig;
import io.stakestream.app.topology.LedgerProcessingExceptionHandler;
import io.stakestream.app.topology.OutputLimits;
import io.stakestream.app.topology.OutputProductionExceptionHandler;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** The Kafka Streams settings every pool-ledger instance runs with. */
public final class StreamsConfigs {

    /** The producers' max.request.size: with each topic's max.message.bytes, the largest record an output may be. */
    public static final int MAX_REQUEST_BYTES = OutputLimits.DEFAULT_MAX_BYTES;

    /**
     * Under exactly-once an output is visible to read_committed consumers only once its transaction
     * commits, so the commit interval is the latency floor. Measured side by side (BENCHMARKS.md,
     * figures 2 and 4): at 5,000 commands/s, 50 ms keeps p99 under the 150 ms target where Kafka's
     * 100 ms does not, and 20 ms, with two and a half times the transactions, tips this 2-core machine
     * into saturation; the live throughput at 50 ms is within a few percent of 100 ms's. So 50 ms is
     * the default; {@code COMMIT_INTERVAL_MS} (env) changes it.
     */
    static final int DEFAULT_COMMIT_INTERVAL_MS = 50;
    public static final int COMMIT_INTERVAL_MS = commitInterval(System.getenv("COMMIT_INTERVAL_MS"));

    static int commitInterval(String configured) {
        return positiveMillis("COMMIT_INTERVAL_MS", configured, DEFAULT_COMMIT_INTERVAL_MS);
    }

    /**
     * Under exactly-once an input's outputs and state go out in the producer's open transaction,
     * which the broker aborts once it has been open this long: Kafka Streams' default, 10 s. A
     * command that runs longer (an EpochClose over many pools of one partition, BENCHMARKS.md
     * "Fourth pass") is aborted with its transaction and run again. {@code TRANSACTION_TIMEOUT_MS}
     * (env) raises it, up to the broker's {@code transaction.max.timeout.ms} (15 min by default),
     * at a cost: a dead instance's open transaction holds back every read_committed reader of its
     * outputs and changelogs, its partitions' new owner among them, for as long.
     */
    static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;
    public static final int TRANSACTION_TIMEOUT_MS = transactionTimeout(System.getenv("TRANSACTION_TIMEOUT_MS"), COMMIT_INTERVAL_MS);

    static int transactionTimeout(String configured, int commitIntervalMs) {
        int ms = positiveMillis("TRANSACTION_TIMEOUT_MS", configured, DEFAULT_TRANSACTION_TIMEOUT_MS);
        if (ms <= commitIntervalMs) {
            throw new IllegalArgumentException("TRANSACTION_TIMEOUT_MS (" + ms + ") must be longer than COMMIT_INTERVAL_MS ("
                    + commitIntervalMs + "): a transaction stays open at least one commit interval");
        }
        return ms;
    }

    /**
     * Whether one input took more than half the transaction timeout: any longer and its transaction
     * may be aborted and the input run again, every time.
     */
    public static boolean nearTransactionTimeout(long tookNanos) {
        return tookNanos / 1_000_000 > TRANSACTION_TIMEOUT_MS / 2;
    }

    private static int positiveMillis(String name, String configured, int fallback) {
        if (configured == null || configured.isBlank()) return fallback;
        try {
            int ms = Integer.parseInt(configured.trim());
            if (ms > 0) return ms;
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(name + " must be a positive number of milliseconds, got '" + configured + "'");
    }

    private StreamsConfigs() {
    }

    public static Properties base(String applicationId, String bootstrapServers, String stateDir, String deadLetterTopic) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        // Money: every command applies exactly once, state and outputs commit together.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L << 20);
        // The processor decodes and catches everything itself; these are the safety net: a failure to
        // write fails the task (retried), and only a bug escaping the processor is dead-lettered.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LedgerProcessingExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // a record that could not be written is retried with its input, never dropped or dead-lettered
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OutputProductionExceptionHandler.class);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        // Replays must see the same order, and a restarted instance must get its partitions back quickly.
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // a killed instance holds its partitions until its session expires: 10 s, not the default 45 s
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2_000);
        return p;
    }
}
