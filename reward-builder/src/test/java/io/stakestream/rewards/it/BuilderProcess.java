package io.stakestream.rewards.it;

import io.stakestream.rewards.RewardBuilderMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reward-builder service ({@link RewardBuilderMain}) in its own JVM, so a test can SIGKILL it.
 * Its epoch clock is set to a day, so only the test closes epochs; the demo keys sign.
 */
final class BuilderProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int httpPort;

    private BuilderProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    static BuilderProcess start(String bootstrap, String registry, Path dataDir, Path log) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RewardBuilderMain.class.getName())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SCHEMA_REGISTRY_URL", registry);
        env.put("EPOCH_SECONDS", "86400");
        env.put("DATA_DIR", dataDir.toString());
        env.put("HTTP_PORT", Integer.toString(port));
        return new BuilderProcess(pb.start(), log, port);
    }

    /** Waits until the reward job has read what was published and is following the summaries. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains("reward-builder resumes at epoch")) {
            if (!process.isAlive()) throw new IllegalStateException("the reward-builder exited; see " + log);
            if (System.nanoTime() > deadline) throw new IllegalStateException("the reward-builder was not ready within " + timeout + "; see " + log);
            Thread.sleep(50);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no producer close, a transaction may be left open. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) kill();
        }
    }
}
