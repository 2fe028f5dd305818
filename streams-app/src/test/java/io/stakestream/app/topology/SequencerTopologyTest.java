package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.AttestationSigner;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * A command and an attestation with the same broker timestamp reach the ledger in either order
 * (live vs replay); the sequencer applies them in one order: timestamp, commands first, offset.
 */
class SequencerTopologyTest {

    private static final Instant TIE = LedgerDriver.START.plusSeconds(60);

    @Test
    void anAttestationTyingWithEpochCloseIsLateWhicheverComesFirst() {
        List<String> commandFirst = tie(false, p -> p.program.epochClose(0));
        List<String> attestationFirst = tie(true, p -> p.program.epochClose(0));

        assertThat(attestationFirst).isEqualTo(commandFirst);
        assertThat(commandFirst).anyMatch(s -> s.contains("LATE_ATTESTATION"));
    }

    @Test
    void anAttestationTyingWithAStakeSeesTheStakeWhicheverComesFirst() {
        List<String> commandFirst = tie(false, p -> p.program.stake(p.alice, "alice", 5));
        List<String> attestationFirst = tie(true, p -> p.program.stake(p.alice, "alice", 5));

        assertThat(attestationFirst).isEqualTo(commandFirst);
        assertThat(commandFirst).filteredOn(s -> s.startsWith("event")).hasSize(2)
                .last().asString().contains("\"totalStake\": 1005");
    }

    @Test
    void aHeldRecordIsAppliedWhenALaterRecordComes() {
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            ledger.sendAt(TIE, p.program.stake(p.alice, "alice", 5));
            assertThat(ledger.events()).as("held: an attestation of the same millisecond may still come").isEmpty();

            ledger.sendAt(TIE.plusMillis(1), p.program.stake(p.alice, "alice", 7));

            List<KeyValue<String, LedgerEvent>> events = ledger.events();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).value.getTokenDelta()).isEqualByComparingTo("5");
            assertThat(events.get(0).value.getTimestamp()).as("the record's own timestamp").isEqualTo(TIE.toEpochMilli());
            assertThat(ledger.metrics().consumedCount() - ledger.metrics().acceptedCount() - ledger.metrics().rejectedCount())
                    .as("consumed, not applied yet").isEqualTo(1);

            ledger.advanceWallClock(PoolLedgerTopology.SEQUENCING_DELAY);
            assertThat(ledger.events()).singleElement().satisfies(e -> assertThat(e.value.getTokenDelta()).isEqualByComparingTo("7"));
            assertThat(ledger.metrics().consumedCount()).isEqualTo(ledger.metrics().acceptedCount() + ledger.metrics().rejectedCount());
        }
    }

    @Test
    void aHeldRecordIsAppliedOnlyOnceTheWallClockHasWaitedTheHold() {
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            byte[] garbage = {1, 2, 3};
            ledger.sendRawAt(TIE, "alice".getBytes(java.nio.charset.StandardCharsets.UTF_8), garbage);

            ledger.advanceWallClock(Duration.ofMillis(Sequencer.HOLD_MS / 2));
            assertThat(ledger.rejections()).isEmpty();

            ledger.advanceWallClock(PoolLedgerTopology.SEQUENCING_DELAY);
            List<KeyValue<String, Rejection>> rejections = ledger.rejections();
            assertThat(rejections).hasSize(1);
            Rejection r = rejections.get(0).value;
            assertThat(r.getReason()).isEqualTo(RejectReason.UNDECODABLE);
            assertThat(r.getSourceTopic()).as("the original source").isEqualTo("stakestream.commands");
            assertThat(r.getOffset()).isEqualTo(p.commandsSent);
            assertThat(r.getTimestamp()).isEqualTo(TIE.toEpochMilli());
            assertThat(ledger.metrics().consumedCount()).isEqualTo(ledger.metrics().acceptedCount() + ledger.metrics().rejectedCount());
        }
    }

    /** Every output, as text, of a command and an attestation of alice's pool piped with the same timestamp. */
    private static List<String> tie(boolean attestationFirst, Function<Pools, SignedCommand> command) {
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            SignedCommand c = command.apply(p);
            SignedAttestation a = p.attestation(0);
            if (attestationFirst) {
                ledger.attestAt(TIE, a).sendAt(TIE, c);
            } else {
                ledger.sendAt(TIE, c).attestAt(TIE, a);
            }
            ledger.advanceWallClock(PoolLedgerTopology.SEQUENCING_DELAY);
            List<String> out = new ArrayList<>();
            ledger.events().forEach(kv -> out.add("event " + kv.key + " " + kv.value));
            ledger.rejections().forEach(kv -> out.add("rejection " + kv.key + " " + kv.value));
            ledger.summaries().forEach(kv -> out.add("summary " + kv.key + " " + kv.value));
            ledger.payouts().forEach(kv -> out.add("payout " + kv.key + " " + kv.value));
            ledger.slashes().forEach(kv -> out.add("slash " + kv.key + " " + kv.value));
            return out;
        }
    }

    /** A network with alice's pool, outputs drained; fresh signers per driver so both runs sign the same bytes. */
    private static final class Pools {
        final Program program = new Program();
        final Actor alice = Actor.named("alice-operator");
        final long commandsSent;
        private long attestationNonce;

        Pools(LedgerDriver ledger) {
            List<SignedCommand> setup = new ArrayList<>(program.init());
            setup.add(program.createPool(alice, "alice", 1_000));
            ledger.send(setup).drain();
            commandsSent = setup.size();
        }

        SignedAttestation attestation(long epoch) {
            JobResult job = JobResult.newBuilder().setEpoch(epoch).setJobId("job-" + attestationNonce).setModelId(Program.MODEL)
                    .setSuccess(true).setLatencyMs(120).setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ONE).build();
            attestationNonce++;
            // alice's commands and attestations share her nonces in the pool: stay above her commands'
            return AttestationSigner.of(alice.key()).attestation("batch-" + attestationNonce, "alice", 100 + attestationNonce, List.of(job));
        }
    }
}
