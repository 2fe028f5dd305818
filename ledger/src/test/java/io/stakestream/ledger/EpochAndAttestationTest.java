package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochAndAttestationTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account worker = Account.named("worker");
    final Account alice = Account.named("alice");
    long attestationNonce = 0;

    EpochAndAttestationTest() {
        var create = LedgerHarness.createPool(2_500);
        create.getOperatorAuthKeys().add(worker.key());
        h.ok(op, "gpu-1", create);
        h.pool(Account.named("op2"), "gpu-2", 100);
    }

    Outcome attest(Account node, JobResult... results) {
        return h.ledger.attest(new AttestationPayload("b" + attestationNonce, "gpu-1", node.key(), ++attestationNonce, List.of(results)),
                h.now, 0, 1);
    }

    static JobResult job(long epoch, String id, boolean ok, long latency, long usdc) {
        return JobResult.newBuilder().setEpoch(epoch).setJobId(id).setModelId("llama-70b").setSuccess(ok).setLatencyMs(latency)
                .setProofValid(ok).setCompleted(true).setUsdcFee(BigDecimal.valueOf(usdc)).build();
    }

    @Test
    void epochCloseSummarizesEveryPoolThenMarksThePartition() {
        assertThat(attest(worker, job(0, "j1", true, 100, 5), job(0, "j2", false, 300, 0)).accepted()).isTrue();
        Outcome close = h.ok(h.rewarder, Keys.NETWORK, new EpochClose(0L));
        List<EpochSummaryMessage> s = close.summaries();
        assertThat(s).hasSize(3);
        PoolEpochSummary gpu1 = (PoolEpochSummary) s.get(0).getBody();
        assertThat(gpu1.getPoolId()).isEqualTo("gpu-1");
        assertThat(gpu1.getJobs()).isEqualTo(2);
        assertThat(gpu1.getSucceeded()).isEqualTo(1);
        assertThat(gpu1.getInvalidProofs()).isEqualTo(1);
        assertThat(gpu1.getAvgLatencyMs()).isEqualTo(200);
        assertThat(gpu1.getUsdcEarned()).isEqualByComparingTo("5");
        assertThat(gpu1.getTier()).isEqualTo(2); // 2500 staked: over 500 and 2000
        assertThat(gpu1.getActive()).isTrue();
        PoolEpochSummary gpu2 = (PoolEpochSummary) s.get(1).getBody();
        assertThat(gpu2.getActive()).as("operator under its minimum stake earns nothing").isFalse();
        PartitionEpochClosed marker = (PartitionEpochClosed) s.get(2).getBody();
        assertThat(List.of(marker.getEpoch(), (long) marker.getPartition(), (long) marker.getPartitions(), marker.getPools()))
                .containsExactly(0L, 0L, 1L, 2L);
        assertThat(marker.getParams()).as("the builder's emission and weights travel with the marker")
                .isEqualTo(h.store.get(Table.NETWORK, Keys.NETWORK_STATE).getParams());
        assertThat(gpu1.getRegion()).isEqualTo("eu-west");
        assertThat(h.epoch()).isEqualTo(1);
    }

    @Test
    void uptimeIsTheShareOfTheEpochsSlotsWithAnAttestation() {
        // default slots of 60 s; gpu-1 was created at h.now, epoch 0 closes 10 slots later
        long start = h.now;
        h.now = start + 5_000;
        attest(worker, job(0, "a", true, 100, 0));
        h.now = start + 30_000;
        attest(worker, job(0, "b", true, 100, 0));         // same slot 0: counts once
        h.now = start + 61_000;
        attest(worker, job(0, "c", true, 100, 0));         // slot 1
        h.now = start + 9 * 60_000 + 1;
        attest(worker, job(0, "d", true, 100, 0));         // slot 9
        h.now = start + 10 * 60_000;
        List<EpochSummaryMessage> s = h.ok(h.rewarder, Keys.NETWORK, new EpochClose(0L)).summaries();
        assertThat(((PoolEpochSummary) s.get(0).getBody()).getUptimePpm()).isEqualTo(300_000); // 3 of 10 slots
        assertThat(((PoolEpochSummary) s.get(1).getBody()).getUptimePpm()).as("never attested").isZero();

        // epoch 1 starts at the close: 2.5 slots long rounds up to 3, attested in 2 of them
        long e1 = h.now;
        h.now = e1 + 1_000;
        attest(worker, job(1, "e", true, 100, 0));
        h.now = e1 + 121_000;
        attest(worker, job(1, "f", true, 100, 0));
        h.now = e1 + 150_000;
        s = h.ok(h.rewarder, Keys.NETWORK, new EpochClose(1L)).summaries();
        assertThat(((PoolEpochSummary) s.get(0).getBody()).getUptimePpm()).isEqualTo(666_666);
    }

    @Test
    void epochsCloseInOrderAndOnlyByTheRewardAuthority() {
        h.no(UNAUTHORIZED, alice, Keys.NETWORK, new EpochClose(0L));
        h.no(WRONG_EPOCH, h.rewarder, Keys.NETWORK, new EpochClose(1L));
        h.ok(h.rewarder, Keys.NETWORK, new EpochClose(0L));
        h.no(WRONG_EPOCH, h.rewarder, Keys.NETWORK, new EpochClose(0L));
    }

    @Test
    void aHaltedPoolIsSummarizedAsNotEarning() {
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        PoolEpochSummary gpu1 = (PoolEpochSummary) h.ok(h.rewarder, Keys.NETWORK, new EpochClose(0L)).summaries().get(0).getBody();
        assertThat(gpu1.getActive()).isFalse();
    }

    @Test
    void attestationsAreRefusedWhenLateFutureForeignOrUnauthorized() {
        h.closeEpoch();
        assertThat(attest(worker, job(0, "late", true, 1, 0)).rejection()).isEqualTo(LATE_ATTESTATION);
        assertThat(attest(worker, job(5, "future", true, 1, 0)).rejection()).isEqualTo(WRONG_EPOCH);
        assertThat(attest(alice, job(1, "who", true, 1, 0)).rejection()).isEqualTo(UNAUTHORIZED);
        JobResult otherModel = job(1, "m", true, 1, 0);
        otherModel.setModelId("other");
        assertThat(attest(worker, otherModel).rejection()).isEqualTo(INVALID_ARGUMENT);
        assertThat(attest(worker).rejection()).isEqualTo(INVALID_ARGUMENT);
        // one bad result refuses the whole batch
        assertThat(attest(worker, job(1, "ok", true, 1, 0), job(0, "late", true, 1, 0)).rejection()).isEqualTo(LATE_ATTESTATION);
        assertThat(attest(worker, job(1, "ok", true, 1, 7)).accepted()).isTrue();
        var replay = h.ledger.attest(new AttestationPayload("again", "gpu-1", worker.key(), 1L, List.of(job(1, "x", true, 1, 0))), h.now, 0, 1);
        assertThat(replay.rejection()).isEqualTo(REPLAY);
    }

    @Test
    void theOracleProposesSlashesForBreachesItSawAndTheyWaitOutTheDisputeWindow() {
        LedgerHarness g = new LedgerHarness().init(io.stakestream.ledger.testkit.Params.defaults(Account.named("treasury").key())
                .setAutoProposeSlashes(true).build());
        var create = LedgerHarness.createPool(2_000);
        create.getOperatorAuthKeys().add(worker.key());
        g.ok(op, "gpu-1", create);
        JobResult dropped = job(0, "j3", false, 50, 0);
        dropped.setProofValid(true);
        dropped.setCompleted(false);
        g.ledger.attest(new AttestationPayload("b", "gpu-1", worker.key(), 1L,
                List.of(job(0, "j1", true, 10, 0), job(0, "j2", true, 10, 0), dropped)), g.now, 0, 1);
        g.closeEpoch();
        assertThat(g.store.keys(io.stakestream.ledger.Table.SLASHES, ""))
                .containsExactly(Keys.slash("gpu-1", "auto-dropout-0"), Keys.slash("gpu-1", "auto-sla_breach-0"));
        g.no(DISPUTE_WINDOW_OPEN, g.slasher, "gpu-1", new io.stakestream.avro.ExecuteSlash("auto-sla_breach-0"));
        g.closeEpoch();
        g.advanceDays(1);
        var slash = g.ok(g.slasher, "gpu-1", new io.stakestream.avro.ExecuteSlash("auto-sla_breach-0")).slashes().get(0);
        assertThat(slash.getFractionPpm()).isEqualTo(100_000);
        assertThat(slash.getEvidence()).contains("SLA 666666 ppm over 3 jobs");
    }

    @Test
    void anSlaExactlyAtTheThresholdIsNoBreach() {
        LedgerHarness g = new LedgerHarness().init(io.stakestream.ledger.testkit.Params.defaults(Account.named("treasury").key())
                .setAutoProposeSlashes(true).setSlaThresholdPpm(750_000).build());
        var create = LedgerHarness.createPool(2_000);
        create.getOperatorAuthKeys().add(worker.key());
        g.ok(op, "gpu-1", create);
        // 3 of 4 jobs succeed in epoch 0 (the threshold itself), 2 of 3 in epoch 1 (under it); every proof is valid
        for (long epoch = 0; epoch < 2; epoch++) {
            JobResult failed = job(epoch, "f" + epoch, false, 10, 0);
            failed.setProofValid(true);
            List<JobResult> jobs = new java.util.ArrayList<>(List.of(job(epoch, "a" + epoch, true, 10, 0), job(epoch, "b" + epoch, true, 10, 0), failed));
            if (epoch == 0) jobs.add(job(epoch, "c" + epoch, true, 10, 0));
            assertThat(g.ledger.attest(new AttestationPayload("b" + epoch, "gpu-1", worker.key(), epoch + 1, jobs), g.now, 0, 1).accepted()).isTrue();
            g.closeEpoch();
        }
        assertThat(g.store.keys(io.stakestream.ledger.Table.SLASHES, "")).containsExactly(Keys.slash("gpu-1", "auto-sla_breach-1"));
    }

    @Test
    void attestationNoncesDoNotBlockTheSameKeysCommands() {
        // the operator signs attestations too; the broker may order them before its earlier commands
        Outcome a = h.ledger.attest(new AttestationPayload("early", "gpu-1", op.key(), 50L, List.of(job(0, "j", true, 1, 0))), h.now, 0, 1);
        assertThat(a.accepted()).isTrue();
        assertThat(h.sendRaw(op, "gpu-1", 2, new io.stakestream.avro.Stake(BigDecimal.TEN)).accepted()).isTrue();
    }
}
