package io.stakestream.cli.bench;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Ledger;
import io.stakestream.ledger.MemoryLedgerStore;
import io.stakestream.ledger.Outcome;
import java.util.List;

/**
 * Figure 3: the ledger alone, in-memory store, one thread: decode each payload and apply it, with
 * no Kafka and no signature check. The workload's own set-up runs first, once.
 */
final class LedgerAlone {
    private static final long T = 1_800_000_000_000L;
    private final Ledger ledger = new Ledger(new MemoryLedgerStore(), (root, epoch, pool, tokens, usdc, proof) -> false);
    private final Workload workload;

    LedgerAlone(Workload workload) {
        this.workload = workload;
        for (SignedCommand c : workload.funding) require(ledger.apply(workload.payloads.command(c), T, 0, 1));
        for (SignedCommand c : workload.setup) require(ledger.apply(workload.payloads.command(c), T, 0, 1));
    }

    /** Commands per second over the next {@code n} stakes. */
    double run(int n) {
        List<SignedCommand> batch = workload.stakes(n);
        long start = System.nanoTime();
        for (SignedCommand c : batch) {
            CommandPayload p = workload.payloads.command(c);
            require(ledger.apply(p, T, 0, 1));
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void require(Outcome o) {
        if (!o.accepted()) throw new IllegalStateException("a benchmark command was rejected: " + o.message());
    }
}
