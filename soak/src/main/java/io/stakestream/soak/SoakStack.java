package io.stakestream.soak;

import io.stakestream.embedded.EmbeddedKafkaBroker;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.TopicProvisioner;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.Admin;

/**
 * The soak's own broker and registry, on fixed ports and a fixed log dir, so the broker can be
 * restarted and the registry taken away and brought back at the same addresses. Not shared with
 * other tests: restarting it would break them.
 */
final class SoakStack implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final InProcessSchemaRegistry registry;

    SoakStack(Path dataDir, int partitions) throws IOException {
        broker = EmbeddedKafkaBroker.builder().brokerPort(freePort()).controllerPort(freePort()).dataDir(dataDir)
                .config("group.initial.rebalance.delay.ms", "0").build().start();
        registry = new InProcessSchemaRegistry(freePort()).start();
        try (Admin admin = broker.admin()) {
            new TopicProvisioner(TopicCatalog.load().forSingleNode().withPartitions(partitions)).ensure(admin);
        }
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    Admin admin() {
        return broker.admin();
    }

    /** Stops the broker (clean shutdown) and starts it again on the same ports and log dir; returns the ms it was down. */
    long restartBroker(long downMillis) throws InterruptedException {
        long t0 = System.nanoTime();
        broker.close();
        Thread.sleep(downMillis);
        broker.start();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    void stopRegistry() {
        registry.stop();
    }

    void startRegistry() {
        registry.start();
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
