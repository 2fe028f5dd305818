package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Table;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryException;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's failure, on the topology: the registry stops answering for the one output subject not
 * yet cached, the pool-epoch-summaries, just as an epoch closes. The close must not be half
 * applied (stores changed, events written, summaries lost) nor rejected nor dead-lettered: the
 * task fails with nothing written, and once the registry answers, the same input gives exactly
 * what a ledger that never saw the outage gives.
 */
class OutputOutageTopologyTest {

    private static final Instant CLOSE_AT = LedgerDriver.START.plusSeconds(3_600);

    @Test
    void anEpochCloseWhoseSummariesCannotBeEncodedIsLeftUnappliedAndRetriedToIdenticalOutputs() {
        InProcessSchemaRegistry registry = new InProcessSchemaRegistry();
        FlakyRegistry flaky = new FlakyRegistry(registry.client());
        // the actors sign for this registry, which both drivers read with (signed payloads carry its schema ids)
        io.stakestream.protocol.serde.SignedPayloads payloads = new StakestreamSerdes(registry.client()).payloads();
        Program program = new Program(payloads);
        List<SignedCommand> setUp = new ArrayList<>(program.init());
        Actor op1 = Actor.named("op-1", payloads);
        Actor op2 = Actor.named("op-2", payloads);
        Actor alice = Actor.named("alice", payloads);
        setUp.add(program.createPool(op1, "gpu-1", 1_000));
        setUp.add(program.createPool(op2, "gpu-2", 2_000));
        setUp.addAll(program.delegate(alice, "gpu-1", 300));
        SignedCommand close = program.epochClose(0);

        try (LedgerDriver interrupted = new LedgerDriver(new StakestreamSerdes(flaky));
             LedgerDriver uninterrupted = new LedgerDriver(new StakestreamSerdes(registry.client()))) {
            interrupted.send(setUp).drain();
            uninterrupted.send(setUp).drain();
            flaky.down.add(Topics.POOL_EPOCH_SUMMARIES + "-value");

            Throwable failure = catchThrowable(() -> interrupted.sendAt(CLOSE_AT, close));

            assertThat(failure).as("the task fails").isNotNull();
            assertThat(causes(failure)).as("because of the registry: " + failure)
                    .anyMatch(t -> t instanceof RegistryUnavailableException);
            assertThat(interrupted.events()).as("no event of the close").isEmpty();
            assertThat(interrupted.summaries()).isEmpty();
            assertThat(interrupted.rejections()).as("not refused").isEmpty();
            assertThat(interrupted.deadLetters()).as("not dead-lettered").isEmpty();
            NetworkState network = interrupted.store(Table.NETWORK).get(Keys.NETWORK_STATE);
            assertThat(network.getCurrentEpoch()).as("the epoch is still open").isZero();
            assertThat(interrupted.tables()).as("every store as if the close never came").isEqualTo(uninterrupted.tables());

            flaky.down.clear();
            interrupted.sendAt(CLOSE_AT, close);
            uninterrupted.sendAt(CLOSE_AT, close);

            var summaries = interrupted.summaries();
            assertThat(summaries).as("two pool summaries and the partition marker").hasSize(3);
            assertThat(summaries).isEqualTo(uninterrupted.summaries());
            assertThat(interrupted.events()).isNotEmpty().isEqualTo(uninterrupted.events());
            assertThat(interrupted.rejections()).isEmpty();
            assertThat(uninterrupted.rejections()).isEmpty();
            assertThat(interrupted.tables()).isEqualTo(uninterrupted.tables());
            assertThat(interrupted.metrics().acceptedCount()).isEqualTo(uninterrupted.metrics().acceptedCount());
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** A registry whose subjects in {@link #down} cannot be reached, as when it stops before they are cached. */
    private static final class FlakyRegistry implements SchemaRegistryClient {
        final Set<String> down = new HashSet<>();
        private final SchemaRegistryClient real;

        FlakyRegistry(SchemaRegistryClient real) {
            this.real = real;
        }

        private void reachable(String subject) {
            if (down.contains(subject)) {
                throw new SchemaRegistryException("Schema Registry at http://127.0.0.1:1 unreachable: start it or set SCHEMA_REGISTRY_URL",
                        new java.net.ConnectException("Connection refused"));
            }
        }

        @Override
        public int register(String subject, Schema schema) {
            reachable(subject);
            return real.register(subject, schema);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            reachable(subject);
            return real.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            return real.schemaById(id);
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return real.isCompatible(subject, schema);
        }

        @Override
        public String url() {
            return "flaky";
        }
    }
}
