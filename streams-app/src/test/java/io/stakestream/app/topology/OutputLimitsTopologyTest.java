package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.topics.Topics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outputs over a topic's size limit can never be written: the input is refused as OUTPUT_TOO_LARGE
 * where it stands in the log, state untouched, and the records after it apply as usual. Both
 * writers check: the ledger for its outputs, the gateway for the attestations it forwards.
 */
class OutputLimitsTopologyTest {

    private static final OutputLimits SMALL = new OutputLimits(OutputLimits.DEFAULT_MAX_BYTES,
            Map.of(Topics.EVENTS, 2_500, Topics.COMMANDS, 2_000));

    @Test
    void aCommandWhoseEventIsTooLargeIsRefusedAndLeavesNoState() {
        Program program = new Program();
        Actor big = Actor.named("op-big");
        Actor small = Actor.named("op-small");
        try (LedgerDriver ledger = new LedgerDriver(io.stakestream.app.testkit.TestRegistry.serdes(), SMALL)) {
            ledger.send(program.init()).drain();
            ledger.send(program.createPool(big, "gpu-big", 1_000, "n".repeat(3_000)), program.createPool(small, "gpu-1", 1_000));

            List<Rejection> refused = ledger.rejections().stream().map(kv -> kv.value).toList();
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0).getReason()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
            assertThat(refused.get(0).getPoolId()).isEqualTo("gpu-big");
            assertThat(refused.get(0).getMessage()).contains(Topics.EVENTS).contains("2500");
            assertThat(ledger.pool("gpu-big")).as("no state for the refused pool").isNull();
            assertThat(ledger.pool("gpu-1")).as("the next command applies").isNotNull();
            assertThat(ledger.events()).extracting(kv -> kv.value.getPoolId()).containsExactly("gpu-1");
        }
    }

    @Test
    void anAttestationTooLargeToForwardIsRefusedAtItsPlaceInTheLog() {
        Program program = new Program();
        Actor op = Actor.named("op");
        try (LedgerDriver ledger = new LedgerDriver(io.stakestream.app.testkit.TestRegistry.serdes(), SMALL)) {
            List<SignedCommand> setUp = new ArrayList<>(program.init());
            setUp.add(program.createPool(op, "gpu-1", 1_000));
            ledger.send(setUp).drain();

            ledger.attest(attestation(op, 1, 60)).attest(attestation(op, 2, 1));

            List<Rejection> refused = ledger.rejections().stream().map(kv -> kv.value).toList();
            assertThat(refused).hasSize(1);
            Rejection r = refused.get(0);
            assertThat(r.getReason()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
            assertThat(r.getSourceTopic()).as("named by its original record").isEqualTo(Topics.ATTESTATIONS);
            assertThat(r.getOffset()).isZero();
            assertThat(r.getMessage()).contains(Topics.COMMANDS);
            assertThat(ledger.events()).as("the small attestation after it applies").hasSize(1)
                    .allMatch(kv -> "JobAttestation".equals(kv.value.getCommand()));
            assertThat(ledger.metrics().consumedCount()).isEqualTo(ledger.metrics().acceptedCount() + ledger.metrics().rejectedCount());
        }
    }

    private static SignedAttestation attestation(Actor node, long nonce, int jobs) {
        List<JobResult> results = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            results.add(JobResult.newBuilder().setEpoch(0).setJobId("job-" + nonce + "-" + i).setModelId(Program.MODEL)
                    .setSuccess(true).setLatencyMs(120).setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ONE).build());
        }
        return AttestationSigner.of(node.key(), io.stakestream.app.testkit.TestRegistry.payloads()).attestation("batch-" + nonce, "gpu-1", nonce, results);
    }
}
