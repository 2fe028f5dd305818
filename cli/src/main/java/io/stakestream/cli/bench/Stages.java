package io.stakestream.cli.bench;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Ledger;
import io.stakestream.ledger.MemoryLedgerStore;
import io.stakestream.ledger.Outcome;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.crypto.CommandVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The three measured stages; each checks its own work so a broken stage cannot report a fast number. */
final class Stages {
    private Stages() {}

    static Measurement verifySignatures(Workload w) {
        long start = System.nanoTime();
        for (SignedCommand c : w.stakes) {
            if (!CommandVerifier.verify(c, w.payloads.command(c))) throw new IllegalStateException("a benchmark command does not verify");
        }
        return Measurement.since(w.stakes.size(), start);
    }

    static Measurement ledgerOnly(Workload w) {
        Ledger ledger = new Ledger(new MemoryLedgerStore(), (root, epoch, pool, tokens, usdc, proof) -> false);
        long t = 1_800_000_000_000L;
        for (SignedCommand c : w.funding) require(ledger.apply(w.payloads.command(c), t, 0, 1), c);
        for (SignedCommand c : w.setup) require(ledger.apply(w.payloads.command(c), t, 0, 1), c);
        long start = System.nanoTime();
        for (SignedCommand c : w.stakes) require(ledger.apply(w.payloads.command(c), t, 0, 1), c);
        return Measurement.since(w.stakes.size(), start);
    }

    static Measurement pipeline(Workload w, int partitions, Consumer<String> progress) throws Exception {
        Path state = Files.createTempDirectory("stakestream-bench");
        try (EmbeddedStack stack = EmbeddedStack.builder().partitions(partitions).start();
             PoolLedgerApp app = new PoolLedgerApp(AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                     state, partitions)).start();
             CommandPublisher out = CommandPublisher.create(stack.bootstrapServers(), stack.serdes(), "stakestream-bench", true)) {
            if (!app.awaitRunning(Duration.ofSeconds(90))) throw new IllegalStateException("the ledger did not reach RUNNING");
            progress.accept("signing the workload again with the schema ids of this stack's registry ...");
            w.sign(stack.serdes().payloads());
            progress.accept("broker, registry and ledger up; set-up of " + w.setup.size() + " commands ...");
            out.publish(w.funding);
            awaitProcessed(app, out.recordsWritten(), Duration.ofMinutes(5));
            out.publish(w.setup);
            awaitProcessed(app, out.recordsWritten(), Duration.ofMinutes(5));
            long rejectedBefore = app.metrics().rejectedCount();
            progress.accept("producing " + w.stakes.size() + " stakes in transactions of 1000 ...");
            long start = System.nanoTime();
            for (int i = 0; i < w.stakes.size(); i += 1_000) {
                out.publish(w.stakes.subList(i, Math.min(w.stakes.size(), i + 1_000)));
            }
            awaitProcessed(app, out.recordsWritten(), Duration.ofMinutes(30));
            Measurement m = Measurement.since(w.stakes.size(), start);
            long rejected = app.metrics().rejectedCount() - rejectedBefore;
            if (rejected > 0) throw new IllegalStateException(rejected + " benchmark stakes were rejected: the numbers would mean nothing");
            return m;
        }
    }

    private static void awaitProcessed(PoolLedgerApp app, long records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (app.metrics().acceptedCount() + app.metrics().rejectedCount() < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger processed " + (app.metrics().acceptedCount() + app.metrics().rejectedCount())
                        + " of " + records + " records in " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static void require(Outcome o, SignedCommand c) {
        if (!o.accepted()) {
            throw new IllegalStateException("a benchmark command was rejected: " + o.message());
        }
    }

}
