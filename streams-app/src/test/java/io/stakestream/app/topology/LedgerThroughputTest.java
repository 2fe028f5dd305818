package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.SignedCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stakes through the whole topology (decode, Ed25519 verify, ledger, RocksDB, encode), one thread. */
class LedgerThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(LedgerThroughputTest.class);
    private static final int DELEGATORS = 200;
    private static final int STAKES_EACH = 10;

    @Test
    void stakesFlowThroughTheTopologyAndAllAreAccepted() {
        Program program = new Program();
        try (LedgerDriver ledger = new LedgerDriver()) {
            Actor operator = Actor.named("op");
            ledger.send(program.init()).send(program.createPool(operator, "busy", 1_000));
            List<SignedCommand> stakes = new ArrayList<>();
            for (int d = 0; d < DELEGATORS; d++) {
                Actor delegator = Actor.named("d" + d);
                stakes.addAll(program.delegate(delegator, "busy", 1));
                for (int i = 1; i < STAKES_EACH; i++) {
                    stakes.add(program.stake(delegator, "busy", 1));
                }
            }
            ledger.drain();
            long t0 = System.nanoTime();
            ledger.send(stakes);
            long nanos = System.nanoTime() - t0;

            assertThat(ledger.rejections()).isEmpty();
            assertThat(ledger.events()).hasSize(stakes.size());
            assertThat(ledger.pool("busy").getTotalStake()).isEqualByComparingTo(Long.toString(1_000 + DELEGATORS * STAKES_EACH));
            log.info("{} commands through the topology in {} ms: {} records/s (TopologyTestDriver, RocksDB, 1 thread)",
                    stakes.size(), nanos / 1_000_000, stakes.size() * 1_000_000_000L / nanos);
        }
    }
}
