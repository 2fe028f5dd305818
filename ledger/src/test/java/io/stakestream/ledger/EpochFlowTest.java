package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.BELOW_MINIMUM_STAKE;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an epoch carries from one close to the next: slashed tokens to redistribute go into exactly
 * one summary, attestation batches keep the slowest job and refuse a negative latency, and each
 * side of an unstake waits its own cooldown while the operator keeps its minimum whichever way it
 * unstakes.
 */
class EpochFlowTest {
    static final String POOL = "gpu-1";
    final Account op = Account.named("operator");
    final Account worker = Account.named("worker");
    final Account alice = Account.named("alice");

    static JobResult job(String id, long latency) {
        return JobResult.newBuilder().setEpoch(0).setJobId(id).setModelId("llama-70b").setSuccess(true).setLatencyMs(latency)
                .setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ZERO).build();
    }

    static PoolEpochSummary summaryOf(Outcome close) {
        return (PoolEpochSummary) close.summaries().get(0).getBody();
    }

    @Test
    void slashedTokensToRedistributeAreInOneEpochsSummaryOnly() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 2_000);
        SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 100_000);
        assertThat(h.pool(POOL).getRedistributable()).isEqualByComparingTo("50");
        Outcome first = h.ok(h.rewarder, Keys.NETWORK, new EpochClose(h.epoch()));
        assertThat(summaryOf(first).getRedistributable()).isEqualByComparingTo("50");
        assertThat(h.pool(POOL).getRedistributable()).as("handed to the builder once").isEqualByComparingTo("0");
        Outcome second = h.ok(h.rewarder, Keys.NETWORK, new EpochClose(h.epoch()));
        assertThat(summaryOf(second).getRedistributable()).isEqualByComparingTo("0");
    }

    @Test
    void aBatchKeepsTheSlowestJobAndRefusesANegativeLatency() {
        LedgerHarness h = new LedgerHarness().init();
        var create = LedgerHarness.createPool(2_000);
        create.getOperatorAuthKeys().add(worker.key());
        h.ok(op, POOL, create);
        Outcome ok = h.ledger.attest(new AttestationPayload("b1", POOL, worker.key(), 1L, List.of(job("a", 0), job("b", 300), job("c", 100))),
                h.now, 0, 1);
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.events()).singleElement().satisfies(e -> assertThat(e.getNote()).contains("3 job result(s)"));
        PoolEpochPerformance perf = h.store.get(Table.PERFORMANCE, Keys.performance(POOL, 0));
        assertThat(perf.getLatencyMaxMs()).isEqualTo(300);
        assertThat(perf.getLatencySumMs()).isEqualTo(400);
        Outcome negative = h.ledger.attest(new AttestationPayload("b2", POOL, worker.key(), 2L, List.of(job("d", -1))), h.now, 0, 1);
        assertThat(negative.rejection()).isEqualTo(INVALID_ARGUMENT);
        assertThat(h.store.get(Table.PERFORMANCE, Keys.performance(POOL, 0))).isEqualTo(perf);
    }

    @Test
    void eachSideWaitsItsOwnCooldown() {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key())
                .setOperatorCooldownSeconds(7 * Params.DAY_SECONDS).setDelegatorCooldownSeconds(3 * Params.DAY_SECONDS).build());
        h.pool(op, POOL, 2_000);
        h.delegate(alice, POOL, 1_000);
        h.ok(op, POOL, new Unstake(null, BigDecimal.valueOf(100)));
        h.ok(alice, POOL, new Unstake(null, BigDecimal.valueOf(100)));
        assertThat(h.position(POOL, op).getPending().get(0).getAvailableAt()).isEqualTo(h.now + 7 * Params.DAY_SECONDS * 1000);
        assertThat(h.position(POOL, alice).getPending().get(0).getAvailableAt()).isEqualTo(h.now + 3 * Params.DAY_SECONDS * 1000);
    }

    @Test
    void theOperatorKeepsItsMinimumWhenUnstakingShares() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 1_500);
        h.no(BELOW_MINIMUM_STAKE, op, POOL, new Unstake(BigDecimal.valueOf(501), null));
        h.ok(op, POOL, new Unstake(BigDecimal.valueOf(500), null));
        assertThat(h.value(POOL, op)).isEqualByComparingTo(java.math.BigInteger.valueOf(1_000));
    }
}
