package io.stakestream.soak;

import io.stakestream.app.topology.LedgerTopics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pool-ledger instance in its own JVM ({@link LedgerProcessMain} on this test's classpath), so a
 * test can SIGKILL it. Its output goes to a log file next to its state dir.
 */
final class LedgerProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LedgerProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    static LedgerProcess start(String bootstrap, String registry, String applicationId, String gatewayId, Path stateDir,
                               int partitions, LedgerTopics topics, Path log) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PARTITIONS", Integer.toString(partitions),
                // the catalog's own topics already exist on the shared broker; do not recreate them differently
                "TOPIC_REPLICATION_FACTOR", "1", "IT_TOPICS", ItTopics.toEnv(topics)));
        return launch(LedgerProcessMain.class.getName(), bootstrap, registry, applicationId, gatewayId, stateDir, 0, env, log);
    }

    /**
     * The product's own entry point, {@code StreamsAppMain}, on the catalog's topics of a single-node
     * broker, with {@code settings} added to its environment (e.g. NUM_STANDBY_REPLICAS).
     * {@code httpPort} 0 picks a free one; a restarted instance can keep its predecessor's.
     */
    static LedgerProcess startMain(String bootstrap, String registry, String applicationId, String gatewayId, Path stateDir,
                                   int httpPort, Map<String, String> settings, Path log) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("TOPIC_REPLICATION_FACTOR", "1");
        return launch(io.stakestream.app.StreamsAppMain.class.getName(), bootstrap, registry, applicationId, gatewayId, stateDir,
                httpPort, env, log);
    }

    private static LedgerProcess launch(String mainClass, String bootstrap, String registry, String applicationId, String gatewayId,
                                        Path stateDir, int httpPort, Map<String, String> settings, Path log) throws IOException {
        int port = httpPort;
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), mainClass));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", registry);
        env.put("APPLICATION_ID", applicationId);
        env.put("GATEWAY_APPLICATION_ID", gatewayId);
        env.put("APPLICATION_SERVER", "localhost:" + port);
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("STATE_DIR", stateDir.toString());
        env.putAll(settings);
        return new LedgerProcess(pb.start(), port, log);
    }

    String restUrl() {
        return "http://localhost:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Health answers 200 (Kafka Streams RUNNING) within the timeout. */
    boolean awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ledger process exited with " + process.exitValue() + "; see " + log);
            }
            if (healthStatus() == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    int healthStatus() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(restUrl() + "/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook, no transaction commit or abort, no leave-group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Kafka Streams closes cleanly
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
