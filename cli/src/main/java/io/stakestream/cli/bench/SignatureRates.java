package io.stakestream.cli.bench;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.CommandVerifier;
import io.stakestream.protocol.crypto.Ed25519Engine;
import io.stakestream.protocol.crypto.Ed25519Engines;
import java.util.List;

/**
 * Figure 2's baseline: one thread checking the workload's signatures as the app does
 * ({@link CommandVerifier}: canonical bytes, key, verify), payloads decoded before the clock starts.
 */
final class SignatureRates {
    private SignatureRates() {}

    static double verifyRate(Workload w, Ed25519Engine engine, int n) {
        List<SignedCommand> batch = w.stakes(n);
        List<CommandPayload> decoded = batch.stream().map(w.payloads::command).toList();
        Ed25519Engine before = Ed25519Engines.current();
        Ed25519Engines.use(engine);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (!CommandVerifier.verify(batch.get(i), decoded.get(i))) {
                    throw new IllegalStateException("a benchmark command does not verify with " + engine.name());
                }
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            Ed25519Engines.use(before);
        }
    }
}
