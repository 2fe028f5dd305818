package io.stakestream.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one pool-ledger instance configured by the environment (see {@link AppConfig}) until SIGTERM. */
public final class StreamsAppMain {

    private static final Logger log = LoggerFactory.getLogger(StreamsAppMain.class);

    private StreamsAppMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        io.stakestream.schemas.AvroTrust.install(); // before any generated record is built
        AppConfig config;
        try {
            config = AppConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error("bad configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        PoolLedgerApp app = new PoolLedgerApp(config);
        // SIGTERM runs shutdown hooks: close Kafka Streams so the transaction commits or aborts cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "ledger-shutdown"));
        try {
            app.start();
        } catch (IllegalStateException e) {
            // the message says what to do (registry unreachable, partition counts); the cause is in the debug log
            log.error("{}", e.getMessage());
            log.debug("start-up failure", e);
            app.stop();
            System.exit(1);
            return;
        }
        app.awaitStopped();
        var state = app.streams() == null ? null : app.streams().state();
        if (state == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
            log.error("the ledger stopped with an error");
            System.exit(1);
        }
    }
}
