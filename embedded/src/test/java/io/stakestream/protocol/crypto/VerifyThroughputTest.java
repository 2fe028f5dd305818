package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rough measure, logged and not asserted: the app verifies every command it consumes, so this
 * is the ceiling of commands per second per stream thread from signatures alone.
 */
class VerifyThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(VerifyThroughputTest.class);

    @Test
    void measureSignAndVerifyThroughput() {
        int n = 3000;
        List<AccountKey> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            keys.add(Keys.generate());
        }
        List<SignedCommand> commands = new ArrayList<>(n);
        long signStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            commands.add(CommandSigner.of(keys.get(i % keys.size()), CommandSignatureTest.PAYLOADS)
                    .command("cmd-" + i, "pool-" + (i % 7), i, new Stake(BigDecimal.valueOf(1_000_000L + i))));
        }
        double signPerSecond = n / seconds(signStart);

        for (SignedCommand c : commands) { // warm up the JIT before timing
            assertThat(CommandVerifier.verify(c, CommandSignatureTest.PAYLOADS.command(c))).isTrue();
        }
        long verifyStart = System.nanoTime();
        int valid = 0;
        for (int round = 0; round < 2; round++) {
            for (SignedCommand c : commands) {
                valid += CommandVerifier.verify(c, CommandSignatureTest.PAYLOADS.command(c)) ? 1 : 0;
            }
        }
        double verifyPerSecond = valid / seconds(verifyStart);

        long encodeStart = System.nanoTime();
        long sink = 0;
        for (int round = 0; round < 10; round++) {
            for (SignedCommand c : commands) {
                sink += CommandSignatureTest.PAYLOADS.command(c).getNonce() + 1;
            }
        }
        double encodePerSecond = 10.0 * n / seconds(encodeStart);

        assertThat(valid).isEqualTo(2 * n);
        assertThat(sink).isPositive();
        log.info("Ed25519 (BouncyCastle) on one thread: sign {} commands/s, verify {} commands/s, "
                        + "decoding the payload alone {} commands/s",
                Math.round(signPerSecond), Math.round(verifyPerSecond), Math.round(encodePerSecond));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
