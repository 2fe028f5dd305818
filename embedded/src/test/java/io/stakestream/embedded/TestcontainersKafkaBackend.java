package io.stakestream.embedded;

import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The official apache/kafka image (KRaft, one node) in Docker, with the in-process registry: the
 * broker the way docker-compose runs it. Only built when Docker answers.
 */
final class TestcontainersKafkaBackend implements KafkaBackend, AutoCloseable {

    /** Same release as the client jars; override with -Dstakestream.kafka.image=... */
    static final String IMAGE = System.getProperty("stakestream.kafka.image", "apache/kafka:4.3.1");

    private final KafkaContainer kafka;
    private final InProcessSchemaRegistry registry;

    TestcontainersKafkaBackend() {
        kafka = new KafkaContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("apache/kafka"));
        kafka.start();
        registry = new InProcessSchemaRegistry().start();
        try (Admin admin = admin()) {
            new TopicProvisioner(TopicCatalog.load().forSingleNode().withPartitions(2)).ensure(admin);
        }
    }

    @Override
    public String name() {
        return "testcontainers";
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
        kafka.stop();
    }
}
