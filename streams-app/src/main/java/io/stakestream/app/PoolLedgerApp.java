package io.stakestream.app;

import com.sun.net.httpserver.HttpServer;
import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.metrics.StreamsMetrics;
import io.stakestream.app.outputs.OutputLog;
import io.stakestream.app.rest.LedgerQueries;
import io.stakestream.app.rest.QueryServer;
import io.stakestream.app.state.BoundedRocksDbConfig;
import io.stakestream.app.topology.AttestationGateway;
import io.stakestream.app.topology.DepositGateway;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.app.topology.OutputLimits;
import io.stakestream.app.topology.OutputProductionExceptionHandler;
import io.stakestream.app.topology.PoolLedgerTopology;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.topics.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool-ledger instance: provisions topics, serves REST queries and runs two Kafka Streams
 * applications: the gateway (fixed application id: the {@link AttestationGateway} copies attestations
 * into the commands log, the {@link DepositGateway} forwards each chain transfer's deposit once) and
 * the ledger topology (reads only the commands log). Usable in-process (demo,
 * tests) or from {@link StreamsAppMain}.
 *
 * <pre>{@code
 * try (PoolLedgerApp app = new PoolLedgerApp(config).start()) {
 *     app.awaitRunning(Duration.ofSeconds(30));
 *     ... GET app.restUrl() + "/pools"
 * }
 * }</pre>
 */
public final class PoolLedgerApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PoolLedgerApp.class);

    static {
        // the JDK's HttpServer writes headers and body apart: without TCP_NODELAY every answer waits
        // ~40 ms for the client's delayed ACK (BENCHMARKS.md, figure 9). Read once, by the first server made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final AppConfig config;
    private final StakestreamSerdes serdes;
    private final LedgerTopics topics;
    private final LedgerMetrics metrics = new LedgerMetrics();
    private final CountDownLatch running = new CountDownLatch(2);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaStreams streams;
    private KafkaStreams gateway;
    private QueryServer rest;
    private OutputLog outputs;
    private StreamsMetrics streamsMetrics;
    private HostInfo self;
    private final Properties tuning = new Properties();

    public PoolLedgerApp(AppConfig config) {
        this(config, StakestreamSerdes.forUrl(config.schemaRegistryUrl()), LedgerTopics.defaults());
    }

    public PoolLedgerApp(AppConfig config, StakestreamSerdes serdes, LedgerTopics topics) {
        this.config = config;
        this.serdes = serdes;
        this.topics = topics;
    }

    /** Kafka Streams settings over the ledger's own (the benchmark compares commit intervals and thread counts); before start. */
    public PoolLedgerApp tuned(Map<String, ?> settings) {
        tuning.putAll(settings);
        return this;
    }

    public synchronized PoolLedgerApp start() {
        if (streams != null) {
            return this;
        }
        LedgerSubjects.register(serdes, topics, config.applicationId());
        OutputLimits limits = provisionTopics();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.httpPort()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the REST API to port " + config.httpPort(), e);
        }
        int port = config.advertisedPort() > 0 ? config.advertisedPort() : http.getAddress().getPort();
        self = new HostInfo(config.advertisedHost(), port);

        Properties properties = properties();
        properties.put(OutputProductionExceptionHandler.LIMITS_CONFIG, limits);
        streams = new KafkaStreams(new PoolLedgerTopology(topics, serdes, config.partitions(), metrics, limits).build(), properties);
        watch(streams, "ledger");
        Properties gatewayProperties = gatewayProperties();
        gatewayProperties.put(OutputProductionExceptionHandler.LIMITS_CONFIG, limits);
        // one gateway application: attestations into the commands log, and deposits once per chain transfer
        gateway = new KafkaStreams(new DepositGateway(topics, serdes).addTo(new AttestationGateway(topics, limits).build()), gatewayProperties);
        watch(gateway, "attestation gateway");
        outputs = new OutputLog(config.bootstrapServers(), serdes, topics).start();
        streamsMetrics = new StreamsMetrics().bind(streams, "ledger").bind(gateway, "attestation-gateway");
        rest = new QueryServer(http, new LedgerQueries(streams, self, config.partitions()), outputs, config.rewardDumpDir(), metrics,
                streamsMetrics::scrape).start();
        gateway.start();
        streams.start();
        log.info("pool ledger {} started (attestation gateway {}): application.server {}, {} partitions, state in {}",
                config.applicationId(), config.gatewayApplicationId(), self, config.partitions(), config.stateDir());
        return this;
    }

    private void watch(KafkaStreams client, String name) {
        RetryDelay delay = new RetryDelay();
        client.setUncaughtExceptionHandler(e -> {
            // a poison record is refused by the processor; reaching here means an input could not be
            // processed NOW (registry, store, broker): the task failed before its transaction committed
            long wait = delay.next();
            log.error("{} stream thread failed; replacing it in {} ms (exactly-once: its transaction is aborted, its state"
                    + " restored from the changelogs, and its inputs processed again)", name, wait, e);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        boolean[] counted = {false};
        client.setStateListener((now, before) -> {
            log.info("{} {} -> {}", name, before, now);
            if (now == KafkaStreams.State.RUNNING && !counted[0]) {
                counted[0] = true;
                running.countDown();
            }
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
    }

    /** The gateway: one thread, its own fixed application id; its only state is the deposits' chain references. */
    Properties gatewayProperties() {
        Properties p = StreamsConfigs.base(config.gatewayApplicationId(), config.bootstrapServers(), config.stateDir(),
                topics.deadLetters());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        short replication = config.catalog().topic(io.stakestream.topics.Topics.COMMANDS).replicationFactor();
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        return p;
    }

    Properties properties() {
        Properties p = StreamsConfigs.base(config.applicationId(), config.bootstrapServers(), config.stateDir(), topics.deadLetters());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        p.put(BoundedRocksDbConfig.MEMORY_CONFIG, Long.toString(config.rocksDbMemoryBytes()));
        // signature checks dominate the cost of a command: one thread per core, up to one per partition
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Math.max(1, Math.min(config.partitions(), Runtime.getRuntime().availableProcessors())));
        // the catalog knows the commands topic by its catalog name, whatever name was injected
        short replication = config.catalog().topic(io.stakestream.topics.Topics.COMMANDS).replicationFactor();
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.putAll(tuning);
        return p;
    }

    /**
     * Creates missing topics; refuses to start when the commands topic's partitions differ from
     * PARTITIONS. Returns the size limit of every output topic.
     */
    private OutputLimits provisionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            new TopicProvisioner(config.catalog()).ensure(admin);
            var described = admin.describeTopics(List.of(topics.commands(), topics.attestations())).allTopicNames()
                    .get(60, TimeUnit.SECONDS);
            int actual = described.get(topics.commands()).partitions().size();
            if (actual != config.partitions()) {
                // EpochClose markers would announce the wrong count and the reward-builder would wait forever
                throw new IllegalStateException(topics.commands() + " has " + actual + " partitions but PARTITIONS is "
                        + config.partitions() + ": set PARTITIONS=" + actual);
            }
            int attestations = described.get(topics.attestations()).partitions().size();
            if (attestations != actual) {
                // the gateway appends each attestation to the commands partition of the same number
                throw new IllegalStateException(topics.attestations() + " has " + attestations + " partitions but "
                        + topics.commands() + " has " + actual + ": the two must be co-partitioned");
            }
            return outputLimits(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topics.commands() + ": " + e.getMessage(), e);
        }
    }

    /** max.message.bytes of every topic the ledger or the gateway writes, capped by the producer's max.request.size. */
    private OutputLimits outputLimits(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> outputs = List.of(topics.commands(), topics.events(), topics.rejections(), topics.slashes(), topics.payouts(),
                topics.poolEpochSummaries());
        List<ConfigResource> resources = outputs.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<String, Integer> maxMessageBytes = new HashMap<>();
        admin.describeConfigs(resources).all().get(60, TimeUnit.SECONDS).forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null) {
                maxMessageBytes.put(resource.name(), Integer.parseInt(entry.value()));
            }
        });
        log.info("output size limits (bytes): {}, producer max.request.size {}", maxMessageBytes, StreamsConfigs.MAX_REQUEST_BYTES);
        return new OutputLimits(StreamsConfigs.MAX_REQUEST_BYTES, maxMessageBytes);
    }

    /**
     * Waits until the ledger (all partitions assigned and restored) and the attestation gateway are
     * RUNNING at the same moment. The gateway's group is shared by every instance, so one that joins
     * sends the others' gateways through a rebalance just as their ledgers come up: both must be
     * seen RUNNING together, not each once.
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) return false;
        while (streams.state() != KafkaStreams.State.RUNNING || gateway.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing() || !gateway.state().isRunningOrRebalancing()) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Blocks until the Kafka Streams client stops, by {@link #stop()} or by a fatal error. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public int restPort() {
        return rest.port();
    }

    public String restUrl() {
        return "http://" + self.host() + ":" + self.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public LedgerMetrics metrics() {
        return metrics;
    }

    public synchronized void stop() {
        if (gateway != null) {
            log.info("stopping attestation gateway {}", config.gatewayApplicationId());
            gateway.close(Duration.ofSeconds(30));
            gateway = null;
        }
        if (streams != null) {
            log.info("stopping pool ledger {}", config.applicationId());
            streams.close(Duration.ofSeconds(30));
            streams = null;
        }
        if (rest != null) {
            rest.close();
            rest = null;
        }
        if (outputs != null) {
            outputs.close();
            outputs = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
        stopped.countDown();
    }

    @Override
    public void close() {
        stop();
    }
}
