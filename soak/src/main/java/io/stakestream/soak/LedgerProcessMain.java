package io.stakestream.soak;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.protocol.serde.StakestreamSerdes;

/**
 * {@code StreamsAppMain} for a child JVM of a test: the same environment configuration, plus
 * IT_TOPICS (see {@link ItTopics#toEnv}) so the instance reads and writes the test's own topics.
 */
public final class LedgerProcessMain {

    private LedgerProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AppConfig config = AppConfig.fromEnv(System.getenv());
        PoolLedgerApp app = new PoolLedgerApp(config, StakestreamSerdes.forUrl(config.schemaRegistryUrl()),
                ItTopics.fromEnv(System.getenv("IT_TOPICS")));
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "ledger-shutdown"));
        app.start();
        app.awaitStopped();
    }
}
