package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defects 7 and 11: a dispute window of whole epochs and real time, and proposals bound to their own pool. */
class DisputeWindowTest {
    final Account op = Account.named("operator");
    final Account worker = Account.named("worker");

    @Test
    void aSlashProposedJustBeforeAnEpochClosesWaitsAWholeEpochAndTheMinimumTime() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 2_000);
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.SLA_BREACH, null));
        h.closeEpoch();
        h.no(DISPUTE_WINDOW_OPEN, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.closeEpoch();
        // two epochs closed at the same instant are not a day of dispute
        h.no(DISPUTE_WINDOW_OPEN, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.now += Params.DAY_SECONDS * 1000 - 1;
        h.no(DISPUTE_WINDOW_OPEN, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.now += 1;
        h.ok(h.slasher, "gpu-1", new ExecuteSlash("s1"));
    }

    @Test
    void aDayOfDisputeIsNotEnoughWithoutTheWholeEpochs() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 2_000);
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.SLA_BREACH, null));
        assertThat(h.store.get(Table.SLASHES, Keys.slash("gpu-1", "s1")).getExecutableEpoch())
                .as("the epoch of the proposal, then the window's one whole epoch").isEqualTo(2L);
        h.advanceDays(2);
        h.no(DISPUTE_WINDOW_OPEN, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.closeEpoch();
        h.no(DISPUTE_WINDOW_OPEN, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.closeEpoch();
        h.ok(h.slasher, "gpu-1", new ExecuteSlash("s1"));
    }

    @Test
    void theMinimumIsAParameterWithABound() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        var params = Params.defaults(h.treasury.key()).setSlashPolicy(SlashPolicy.PRO_RATA);
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(params.setMinDisputeWindowSeconds(-1).build()));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(params.setMinDisputeWindowSeconds(Long.MAX_VALUE / 1000).build()));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(params.setMinDisputeWindowSeconds(0).build()));
        h.pool(op, "gpu-1", 2_000);
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.SLA_BREACH, null));
        h.closeEpoch();
        h.closeEpoch();
        h.ok(h.slasher, "gpu-1", new ExecuteSlash("s1"));
    }

    @Test
    void theOraclesProposalsWaitTheSameWayAndAreAnnounced() {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setAutoProposeSlashes(true).build());
        var create = LedgerHarness.createPool(2_000);
        create.getOperatorAuthKeys().add(worker.key());
        h.ok(op, "gpu-1", create);
        JobResult failed = JobResult.newBuilder().setEpoch(0).setJobId("j1").setModelId("llama-70b").setSuccess(false)
                .setLatencyMs(10).setProofValid(true).setUsdcFee(java.math.BigDecimal.ZERO).build();
        assertThat(h.ledger.attest(new AttestationPayload("b", "gpu-1", worker.key(), 1L, List.of(failed)), h.now, 0, 1).accepted()).isTrue();
        Outcome close = h.ok(h.rewarder, Keys.NETWORK, new io.stakestream.avro.EpochClose(0L));
        assertThat(close.events()).extracting(LedgerEvent::getPoolId).contains("gpu-1");
        assertThat(close.events()).filteredOn(e -> "gpu-1".equals(e.getPoolId())).singleElement()
                .satisfies(e -> assertThat(e.getNote()).contains("auto-sla_breach-0").contains("proposed"));
        assertThat(h.pool("gpu-1").getProposedSlashes()).isEqualTo(1);
        h.closeEpoch();
        h.no(DISPUTE_WINDOW_OPEN, h.slasher, "gpu-1", new ExecuteSlash("auto-sla_breach-0"));
        h.advanceDays(1);
        h.ok(h.slasher, "gpu-1", new ExecuteSlash("auto-sla_breach-0"));
        assertThat(h.pool("gpu-1").getProposedSlashes()).isZero();
    }

    @Test
    void theOraclesSlashIdsAreItsOwn() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 2_000);
        h.no(INVALID_ARGUMENT, h.slasher, "gpu-1", SlashingTest.propose("auto-sla_breach-0", SlashReason.SLA_BREACH, null));
    }

    @Test
    void aProposalAppliesOnlyToItsOwnPoolWhateverThePoolIdsLookLike() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        h.pool(op, "a", 2_000);
        h.pool(op, "a/b", 2_000);
        h.ok(h.slasher, "a/b", SlashingTest.propose("s1", SlashReason.OTHER, 500_000));
        SlashingTest.waitOutWindow(h);
        h.no(UNKNOWN_SLASH, h.slasher, "a", new ExecuteSlash("b/s1"));
        h.no(UNKNOWN_SLASH, h.admin, "a", new CancelSlash("b/s1", "not this pool"));
        // the same id on the other pool is a different proposal
        h.ok(h.slasher, "a", SlashingTest.propose("b/s1", SlashReason.OTHER, 100_000));
        h.ok(h.slasher, "a/b", new ExecuteSlash("s1"));
        assertThat(h.pool("a").getTotalStake()).isEqualByComparingTo("2000");
        assertThat(h.pool("a/b").getTotalStake()).isEqualByComparingTo("1250");
    }
}
