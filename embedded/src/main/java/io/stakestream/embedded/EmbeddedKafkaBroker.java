package io.stakestream.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) inside this JVM: the same server
 * code as a production broker, formatted and started the way kafka-storage.sh and kafka-server-start.sh
 * do. For the demo and for tests; not a fake.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Ports picked from ServerSocket(0) are free again before Kafka binds them: another process may win. */
    private static final int BIND_ATTEMPTS = 5;

    private final int fixedBrokerPort;
    private final int fixedControllerPort;
    private final Path fixedDataDir;
    private final String advertisedHost;
    private final Map<String, String> overrides;

    private KafkaRaftServer server;
    private Path dataDir;
    private int brokerPort;
    private int controllerPort;
    private long startupMillis;

    private EmbeddedKafkaBroker(Builder builder) {
        this.fixedBrokerPort = builder.brokerPort;
        this.fixedControllerPort = builder.controllerPort;
        this.fixedDataDir = builder.dataDir;
        this.advertisedHost = builder.advertisedHost;
        this.overrides = Map.copyOf(builder.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A broker on free ports with a temporary data dir, deleted on close. */
    public static EmbeddedKafkaBroker startDefault() {
        return builder().build().start();
    }

    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long t0 = System.nanoTime();
        boolean fixedPorts = fixedBrokerPort > 0 && fixedControllerPort > 0;
        for (int attempt = 1; ; attempt++) {
            try {
                dataDir = fixedDataDir != null ? Files.createDirectories(fixedDataDir) : Files.createTempDirectory("stakestream-kafka-");
                brokerPort = fixedBrokerPort > 0 ? fixedBrokerPort : freePort();
                controllerPort = fixedControllerPort > 0 ? fixedControllerPort : freePort();
                KafkaConfig config = KafkaConfig.fromProps(properties(), false);
                format(config);
                KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
                try {
                    candidate.startup();
                } catch (RuntimeException e) {
                    shutdownQuietly(candidate);
                    throw e;
                }
                server = candidate;
                break;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the Kafka data dir " + dataDir, e);
            } catch (RuntimeException e) {
                boolean bindRace = isBindFailure(e);
                cleanTempDir();
                if (!bindRace || fixedPorts || attempt == BIND_ATTEMPTS) {
                    throw new IllegalStateException("embedded Kafka did not start" + (bindRace
                            ? ": port " + brokerPort + " or " + controllerPort + " is taken; free it or pick other ports"
                            : ": " + e.getMessage()), e);
                }
                log.info("port race on attempt {} ({}), retrying on new ports", attempt, e.getMessage());
            }
        }
        startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        log.info("embedded Kafka up at {} in {} ms (data {})", bootstrapServers(), startupMillis, dataDir);
        return this;
    }

    private Properties properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + advertisedHost + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        // One node: internal topics cannot ask for more replicas, or groups and transactions stall.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        // Topics come from topics.json; a typo in a topic name should fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        // The cleaner's 128 MB default dedupe buffer is a lot for a laptop demo.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private void format(KafkaConfig config) throws IOException {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            log.info("reusing formatted Kafka data dir {}", dataDir); // a demo restart keeps its topics
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setClusterId(clusterId)
                    .setNodeId(NODE_ID)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(dataDir.toAbsolutePath().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log dir " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** host:port for bootstrap.servers. */
    public String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("broker not started");
        }
        return advertisedHost + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Wall time of the last start(), formatting included. */
    public long startupMillis() {
        return startupMillis;
    }

    /** An Admin client on this broker; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        long t0 = System.nanoTime();
        shutdownQuietly(server);
        server = null;
        cleanTempDir();
        log.info("embedded Kafka stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("embedded Kafka did not shut down cleanly", e);
        }
    }

    private void cleanTempDir() {
        if (fixedDataDir == null && dataDir != null) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                log.warn("cannot delete {}: {}", dataDir, e.getMessage());
            }
        }
    }

    /** Options for the demo: fixed ports, a data dir that survives restarts, the advertised host. */
    public static final class Builder {
        private int brokerPort;
        private int controllerPort;
        private Path dataDir;
        private String advertisedHost = "127.0.0.1";
        private final Map<String, String> overrides = new LinkedHashMap<>();

        /** 0 = any free port (default). */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** 0 = any free port (default). */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Keep data here (not deleted on close); null = a temp dir deleted on close. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /** Any broker setting, applied last. */
        public Builder config(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
