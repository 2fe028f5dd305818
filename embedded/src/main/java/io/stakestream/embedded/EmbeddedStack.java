package io.stakestream.embedded;

import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.topics.ProvisioningReport;
import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.TopicProvisioner;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything stakestream needs, in this JVM: a real KRaft broker, a Schema Registry speaking
 * Confluent's REST API over HTTP, and every topic of topics.json (sized for one node).
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final EmbeddedKafkaBroker broker;
    private final InProcessSchemaRegistry registry;
    private final ProvisioningReport topics;
    private final long startupMillis;

    private EmbeddedStack(Builder b) {
        long t0 = System.nanoTime();
        EmbeddedKafkaBroker startedBroker = null;
        InProcessSchemaRegistry startedRegistry = null;
        try {
            startedBroker = EmbeddedKafkaBroker.builder()
                    .brokerPort(b.brokerPort).controllerPort(b.controllerPort)
                    .dataDir(b.dataDir == null ? null : b.dataDir.resolve("kafka"))
                    .build().start();
            // With a kept data dir the registry keeps its ids too, or old records would not decode.
            startedRegistry = new InProcessSchemaRegistry(b.registryPort,
                    b.dataDir == null ? null : b.dataDir.resolve("schema-registry.jsonl")).start();
            TopicCatalog catalog = TopicCatalog.load().forSingleNode();
            if (b.partitions > 0) {
                catalog = catalog.withPartitions(b.partitions);
            }
            try (Admin admin = startedBroker.admin()) {
                this.topics = new TopicProvisioner(catalog).ensure(admin);
            }
        } catch (RuntimeException e) {
            if (startedRegistry != null) {
                startedRegistry.close();
            }
            if (startedBroker != null) {
                startedBroker.close();
            }
            throw e;
        }
        this.broker = startedBroker;
        this.registry = startedRegistry;
        this.startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        log.info("stakestream embedded stack up in {} ms: kafka {} (broker {} ms), schema registry {}, {} topics",
                startupMillis, broker.bootstrapServers(), broker.startupMillis(), registry.url(),
                topics.created().size() + topics.matching().size());
    }

    /** Free ports, temp data deleted on close, topics with their declared partition counts. */
    public static EmbeddedStack start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public InProcessSchemaRegistry schemaRegistry() {
        return registry;
    }

    /** Typed serdes of every topic, talking to the registry over HTTP like any other client. */
    public StakestreamSerdes serdes() {
        return new StakestreamSerdes(new RestSchemaRegistryClient(registry.url()));
    }

    /** What topic provisioning did at start-up. */
    public ProvisioningReport topics() {
        return topics;
    }

    public Admin admin() {
        return broker.admin();
    }

    public long startupMillis() {
        return startupMillis;
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }

    public static final class Builder {
        private int brokerPort;
        private int controllerPort;
        private int registryPort;
        private Path dataDir;
        private int partitions;

        /** Fixed ports for the demo (0 = any free port). */
        public Builder ports(int broker, int controller, int schemaRegistry) {
            this.brokerPort = broker;
            this.controllerPort = controller;
            this.registryPort = schemaRegistry;
            return this;
        }

        /** Keep Kafka's data and the registry's journal here across restarts. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Give every topic this many partitions (0 = as topics.json says); fewer starts faster. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public EmbeddedStack start() {
            return new EmbeddedStack(this);
        }
    }
}
