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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * The ledger applies a command and an attestation in the order of the commands log, into which
 * the gateway appends each attestation: whatever their timestamps, whichever came first in the
 * log is applied first. Timestamps here run against log order on purpose.
 */
class CommandLogOrderTopologyTest {

    private static final Instant EARLY = LedgerDriver.START.plusSeconds(60);
    private static final Instant LATE = EARLY.plusSeconds(30);

    @Test
    void anAttestationAfterTheEpochCloseInTheLogIsLateThoughItsTimestampIsEarlier() {
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            ledger.sendAt(LATE, p.program.epochClose(0)).attestAt(EARLY, p.attestation(0));

            List<String> out = outputs(ledger);
            assertThat(out).filteredOn(s -> s.startsWith("rejection")).singleElement().asString()
                    .contains("LATE_ATTESTATION");
        }
    }

    @Test
    void anAttestationBeforeTheEpochCloseInTheLogCountsThoughItsTimestampIsLater() {
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            ledger.attestAt(LATE, p.attestation(0)).sendAt(EARLY, p.program.epochClose(0));

            List<String> out = outputs(ledger);
            assertThat(out).noneMatch(s -> s.startsWith("rejection"));
            assertThat(out).filteredOn(s -> s.startsWith("event")).first().asString().contains("JobAttestation");
            assertThat(out).filteredOn(s -> s.startsWith("summary")).anyMatch(s -> s.contains("\"jobs\": 1"));
        }
    }

    @Test
    void anAttestationSeesAStakeExactlyWhenTheStakeIsEarlierInTheLog() {
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            ledger.sendAt(LATE, p.program.stake(p.alice, "alice", 5)).attestAt(EARLY, p.attestation(0));
            List<KeyValue<String, LedgerEvent>> events = ledger.events();
            assertThat(events).hasSize(2);
            assertThat(events.get(1).value.getCommand()).isEqualTo("JobAttestation");
            assertThat(events.get(1).value.toString()).contains("\"totalStake\": 1005");
            assertThat(events.get(1).value.getTimestamp()).as("the ledger's clock is the record's").isEqualTo(EARLY.toEpochMilli());
        }
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            ledger.attestAt(LATE, p.attestation(0)).sendAt(EARLY, p.program.stake(p.alice, "alice", 5));
            List<KeyValue<String, LedgerEvent>> events = ledger.events();
            assertThat(events).hasSize(2);
            assertThat(events.get(0).value.getCommand()).isEqualTo("JobAttestation");
            assertThat(events.get(0).value.toString()).contains("\"totalStake\": 1000");
        }
    }

    @Test
    void aForwardedAttestationIsRefusedUnderItsOriginalSource() {
        try (LedgerDriver ledger = new LedgerDriver()) {
            new Pools(ledger);
            byte[] key = "alice".getBytes(StandardCharsets.UTF_8);
            byte[] garbage = {1, 2, 3};
            ledger.attestRaw(key, garbage);

            Rejection r = ledger.rejections().get(0).value;
            assertThat(r.getReason()).isEqualTo(RejectReason.UNDECODABLE);
            assertThat(r.getSourceTopic()).as("the attestations topic, not the commands log").isEqualTo("stakestream.attestations");
            assertThat(r.getPartition()).isZero();
            assertThat(r.getOffset()).as("its offset in the attestations topic").isZero();
            assertThat(r.getTimestamp()).isEqualTo(ledger.clock().toEpochMilli());
            assertThat(r.getRawKey()).isEqualTo(ByteBuffer.wrap(key));
            assertThat(r.getRawValue()).isEqualTo(ByteBuffer.wrap(garbage));
            assertThat(ledger.metrics().consumedCount()).isEqualTo(ledger.metrics().acceptedCount() + ledger.metrics().rejectedCount());
        }
    }

    @Test
    void aCommandIsRefusedUnderItsOwnOffset() {
        try (LedgerDriver ledger = new LedgerDriver()) {
            Pools p = new Pools(ledger);
            ledger.attest(p.attestation(0)).drain();
            ledger.sendRaw("alice".getBytes(StandardCharsets.UTF_8), new byte[] {9});

            Rejection r = ledger.rejections().get(0).value;
            assertThat(r.getSourceTopic()).isEqualTo("stakestream.commands");
            assertThat(r.getOffset()).as("setup commands, then the forwarded attestation, then this").isEqualTo(p.commandsSent + 1);
        }
    }

    private static List<String> outputs(LedgerDriver ledger) {
        List<String> out = new ArrayList<>();
        ledger.events().forEach(kv -> out.add("event " + kv.key + " " + kv.value));
        ledger.rejections().forEach(kv -> out.add("rejection " + kv.key + " " + kv.value));
        ledger.summaries().forEach(kv -> out.add("summary " + kv.key + " " + kv.value));
        return out;
    }

    /** A network with alice's pool, outputs drained. */
    private static final class Pools {
        final Program program = new Program();
        final Actor alice = Actor.named("alice-operator");
        final long commandsSent;
        private long attestationNonce;

        Pools(LedgerDriver ledger) {
            List<SignedCommand> setup = new ArrayList<>(program.init());
            setup.add(program.createPool(alice, "alice", 1_000));
            ledger.send(setup).drain();
            // the driver's indexer deposited the initial stake ahead of the pool: one more record in the log
            commandsSent = setup.size() + ledger.indexerEvents().size();
        }

        SignedAttestation attestation(long epoch) {
            JobResult job = JobResult.newBuilder().setEpoch(epoch).setJobId("job-" + attestationNonce).setModelId(Program.MODEL)
                    .setSuccess(true).setLatencyMs(120).setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ONE).build();
            attestationNonce++;
            return AttestationSigner.of(alice.key(), alice.payloads()).attestation("batch-" + attestationNonce, "alice", attestationNonce, List.of(job));
        }
    }
}
