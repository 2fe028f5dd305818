package io.stakestream.rewards;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reward-builder process (see {@link RewardBuilderConfig} for its environment): the epoch clock,
 * which every EPOCH_SECONDS closes the next epoch on every partition once the attestation gateway
 * has caught up (bounded by 30 s), and the {@link RewardJob}, which turns each closed epoch's
 * summaries into rewards, a merkle root, proofs and accruals, with its tree served by {@link TreeServer}.
 */
public final class RewardBuilderMain {

    private static final Logger log = LoggerFactory.getLogger(RewardBuilderMain.class);

    private RewardBuilderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        io.stakestream.schemas.AvroTrust.install(); // before any generated record is built
        RewardBuilderConfig config;
        try {
            config = RewardBuilderConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException | IOException e) {
            log.error("bad configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        // SIGTERM: stop ticking and let the producer close before the JVM exits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                done.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reward-builder-shutdown"));
        boolean failed;
        try {
            failed = !runAll(config, stop);
        } catch (IOException | IllegalStateException e) {
            log.error("{}", e.getMessage()); // says what to do (registry unreachable, data directory not writable)
            failed = true;
        } finally {
            done.countDown();
        }
        if (failed) {
            System.exit(1); // a supervisor (docker restart: on-failure) starts it again; it resumes after the last root
        }
    }

    /**
     * The reward job and its tree server on a thread of their own, the clock on this one, until {@code stop} opens.
     *
     * @return false when the reward job stopped on an error (it stops the clock too)
     */
    public static boolean runAll(RewardBuilderConfig config, CountDownLatch stop) throws InterruptedException, IOException {
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(config.schemaRegistryUrl());
        try (TreeServer trees = new TreeServer(config.httpPort(), config.dataDir()).start();
             RewardJob job = new RewardJob(config.bootstrapServers(), serdes, config.builderKey(), config.dataDir(),
                     RewardJob.TRANSACTIONAL_ID, p -> { })) {
            java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
            Thread worker = new Thread(() -> {
                try {
                    job.run(stop);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.error("the reward job stopped: {}", e.getMessage(), e);
                    failed.set(true);
                    stop.countDown();
                }
            }, "reward-job");
            worker.start();
            log.info("reward job: builder key {}, trees in {}", config.builderKey().accountHex(), config.dataDir().toAbsolutePath());
            try {
                run(config, stop);
            } finally {
                stop.countDown(); // the clock failed: stop the job too
                worker.join();
            }
            return !failed.get();
        }
    }

    /**
     * Ticks until {@code stop} opens; a stable transactional id fences an older copy of this process.
     * A close that cannot be written (broker or registry down) is retried, with a fresh producer,
     * until it is: an epoch is never skipped, and a close that did land before the failure is
     * refused by the ledger as WRONG_EPOCH, never applied twice.
     */
    public static void run(RewardBuilderConfig config, CountDownLatch stop) throws InterruptedException {
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(config.schemaRegistryUrl());
        registerSubjects(serdes);
        long epoch = EpochClock.resumeEpoch(config.bootstrapServers(), serdes, config.startEpoch());
        CommandPublisher out = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            String gatewayGroup = System.getenv().getOrDefault("GATEWAY_APPLICATION_ID", Topics.ATTESTATION_GATEWAY);
            GatewayCatchUp gateway = new GatewayCatchUp(admin, gatewayGroup, Topics.ATTESTATIONS, Duration.ofSeconds(30));
            log.info("epoch clock: an epoch every {} s, next to close {}, reward key {}", config.epochSeconds(), epoch,
                    config.rewardKey().accountHex());
            long waitMs = TimeUnit.SECONDS.toMillis(config.epochSeconds());
            long retryMs = FIRST_RETRY_MS;
            while (!stop.await(waitMs, TimeUnit.MILLISECONDS)) {
                try {
                    if (out == null) {
                        out = CommandPublisher.create(config.bootstrapServers(), serdes, "stakestream-epoch-clock", false);
                    }
                    new EpochClock(out, config.rewardKey(), gateway).close(epoch);
                    epoch++;
                    waitMs = TimeUnit.SECONDS.toMillis(config.epochSeconds());
                    retryMs = FIRST_RETRY_MS;
                } catch (CommandPublisher.PublishException | SerializationException e) {
                    if (e.getCause() instanceof ProducerFencedException) {
                        throw e; // another copy of the clock took over: this one must stop
                    }
                    log.warn("epoch {} close not written ({}): retrying in {} ms with a fresh producer", epoch, e.getMessage(), retryMs);
                    closeQuietly(out);
                    out = null;
                    waitMs = retryMs;
                    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
                }
            }
        } finally {
            closeQuietly(out);
        }
        log.info("epoch clock stopped before closing epoch {}", epoch);
    }

    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 30_000;

    /**
     * The subjects the clock writes (commands) and resumes from (pool-epoch-summaries), registered
     * before the first tick, so a registry outage later cannot hold a close back; an unreachable
     * registry stops the start with a message saying what to do.
     */
    static void registerSubjects(StakestreamSerdes serdes) {
        try {
            serdes.valueSerde(SignedCommand.class).serializer().schemaId(serdes.commands().name());
            serdes.valueSerde(EpochSummaryMessage.class).serializer().schemaId(serdes.poolEpochSummaries().name());
        } catch (SerializationException e) {
            throw new IllegalStateException("cannot start the epoch clock: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    private static void closeQuietly(CommandPublisher out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (RuntimeException e) {
            log.warn("closing the epoch clock's producer failed: {}", e.getMessage());
        }
    }
}
