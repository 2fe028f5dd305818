package io.stakestream.cli.up;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.cli.UsageException;
import io.stakestream.embedded.EmbeddedStack;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole stack in this JVM, kept in one data directory so the next start resumes: the broker
 * (its log dir), the schema registry (its journal), the streams-app with the attestation gateway
 * (its state dir) and the reward-builder's epoch clock; the network is initialized once, with keys
 * written to {@code DATA/keys}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final String SETTINGS = "up.properties";
    private static final String INITIALIZED = "network.initialized";

    /** @param partitions 0 = what the data directory was made with, else 3 */
    public record Options(Path dataDir, Ports ports, int partitions, long epochSeconds, long cooldownSeconds) {
    }

    private final EmbeddedStack stack;
    private final PoolLedgerApp app;
    private final EpochClockThread clock;
    private final StackKeys keys;
    private final boolean resumed;
    private final int partitions;

    private LocalStack(EmbeddedStack stack, PoolLedgerApp app, EpochClockThread clock, StackKeys keys, boolean resumed, int partitions) {
        this.stack = stack;
        this.app = app;
        this.clock = clock;
        this.keys = keys;
        this.resumed = resumed;
        this.partitions = partitions;
    }

    public static LocalStack start(Options o) throws IOException, InterruptedException {
        Files.createDirectories(o.dataDir());
        int partitions = partitions(o);
        boolean resumed = Files.exists(o.dataDir().resolve(INITIALIZED));
        EmbeddedStack stack = EmbeddedStack.builder().ports(o.ports().broker(), o.ports().controller(), o.ports().registry())
                .dataDir(o.dataDir()).partitions(partitions).start();
        PoolLedgerApp app = null;
        try {
            app = new PoolLedgerApp(ledgerConfig(stack, o.dataDir().resolve("streams"), partitions, o.ports().api(),
                    rewardsDir(o).resolve("trees"))).start();
            if (!app.awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the pool ledger did not reach RUNNING within 120 s");
            }
            StackKeys keys = StackKeys.loadOrCreate(o.dataDir().resolve("keys"));
            if (!resumed) {
                Genesis.run(stack.bootstrapServers(), stack.schemaRegistryUrl(), keys, o.cooldownSeconds());
                Files.writeString(o.dataDir().resolve(INITIALIZED), keys.get(StackKeys.ADMIN).accountHex() + "\n");
                log.info("network initialized; admin {}", keys.get(StackKeys.ADMIN).accountHex());
            }
            EpochClockThread clock = new EpochClockThread(stack.bootstrapServers(), stack.schemaRegistryUrl(), o.epochSeconds(),
                    keys.get(StackKeys.REWARDER), keys.get(StackKeys.BUILDER), rewardsDir(o), 0);
            return new LocalStack(stack, app, clock, keys, resumed, partitions);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (app != null) app.close();
            stack.close();
            throw e;
        }
    }

    /** The reward-builder's data directory: its tree dumps land in trees/, which the query API serves. */
    static Path rewardsDir(Options o) {
        return o.dataDir().resolve("rewards");
    }

    /** One local instance against the embedded broker, its REST API at {@code apiPort} (0 = any free one), replication 1. */
    public static AppConfig ledgerConfig(EmbeddedStack stack, Path stateDir, int partitions, int apiPort) {
        return ledgerConfig(stack, stateDir, partitions, apiPort, null);
    }

    /** @param treeDumps where the reward-builder writes its standard-v1 dumps (served at /epochs/{n}/tree), or null */
    public static AppConfig ledgerConfig(EmbeddedStack stack, Path stateDir, int partitions, int apiPort, Path treeDumps) {
        AppConfig local = AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(), stateDir, partitions);
        return new AppConfig(local.bootstrapServers(), local.schemaRegistryUrl(), local.applicationId(), local.advertisedHost(),
                apiPort, apiPort, local.stateDir(), partitions, local.catalog(), local.rocksDbMemoryBytes(), local.gatewayApplicationId(),
                local.standbyReplicas(), treeDumps);
    }

    /** The partition count is fixed when the data directory is made; a later start keeps it. */
    private static int partitions(Options o) throws IOException {
        Path file = o.dataDir().resolve(SETTINGS);
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            int kept = Integer.parseInt(p.getProperty("partitions"));
            if (o.partitions() > 0 && o.partitions() != kept) {
                throw new UsageException(o.dataDir() + " was made with " + kept + " partitions; drop --partitions or use a new --data-dir");
            }
            return kept;
        }
        int chosen = o.partitions() > 0 ? o.partitions() : 3;
        p.setProperty("partitions", Integer.toString(chosen));
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "stakestream up: fixed when this directory was made");
        }
        return chosen;
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    public String apiUrl() {
        return app.restUrl();
    }

    public StackKeys keys() {
        return keys;
    }

    public boolean resumed() {
        return resumed;
    }

    public int partitions() {
        return partitions;
    }

    public PoolLedgerApp app() {
        return app;
    }

    @Override
    public void close() {
        clock.close();
        app.close();
        stack.close();
    }
}
