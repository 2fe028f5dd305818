package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A registry that does not answer says nothing about the record: no rejection, the task fails and retries. */
class RegistryOutageTest {

    @Test
    void anUnreachableRegistryFailsTheTaskInsteadOfRejectingTheRecord() {
        StakestreamSerdes working = new StakestreamSerdes(new InProcessSchemaRegistry().client());
        byte[] command = working.commands().valueSerde().serializer()
                .serialize(Topics.COMMANDS, new Program().init().get(0));

        try (LedgerDriver ledger = new LedgerDriver(StakestreamSerdes.forUrl("http://127.0.0.1:1"))) {
            Throwable failure = catchThrowable(() -> ledger.sendRaw("*".getBytes(StandardCharsets.UTF_8), command));

            assertThat(failure).as("the task fails").isNotNull();
            boolean outage = false;
            for (Throwable t = failure; t != null; t = t.getCause()) {
                outage |= t instanceof RegistryUnavailableException;
            }
            assertThat(outage).as("because of the registry: " + failure).isTrue();
            assertThat(ledger.metrics().rejectedCount()).isZero();
            assertThat(ledger.metrics().acceptedCount()).isZero();
        }
    }
}
