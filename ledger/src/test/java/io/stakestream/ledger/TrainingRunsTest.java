package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.EndTrainingRun;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.JoinTrainingRun;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.avro.StartTrainingRun;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prime Intellect training runs (issue 9, point 7): start, join, attest, end. */
class TrainingRunsTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account small = Account.named("small-operator");
    long nonce;

    TrainingRunsTest() {
        h.pool(op, "gpu-1", 2_000);
        h.pool(small, "gpu-2", 1_200);
    }

    Outcome attest(Account node, String pool, JobResult... jobs) {
        return h.ledger.attest(new AttestationPayload("b" + nonce, pool, node.key(), ++nonce, List.of(jobs)), h.now, 0, 1);
    }

    static JobResult job(String id, String run, boolean ok) {
        return JobResult.newBuilder().setEpoch(0).setJobId(id).setModelId("llama-70b").setSuccess(ok).setLatencyMs(10)
                .setProofValid(true).setUsdcFee(BigDecimal.ZERO).setTrainingRunId(run).build();
    }

    @Test
    void whitelistedNodesWithTheStakeJoinAttestAndTheirContributionsCountInTheEpoch() {
        StartTrainingRun start = new StartTrainingRun("run-1", "llama-70b", BigDecimal.valueOf(1_500));
        h.no(UNAUTHORIZED, op, Keys.NETWORK, start);
        h.no(UNKNOWN_MODEL, h.admin, Keys.NETWORK, new StartTrainingRun("run-x", "no-such-model", BigDecimal.ONE));
        h.ok(h.admin, Keys.NETWORK, start);
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, start);

        h.no(UNKNOWN_RUN, op, "gpu-1", new JoinTrainingRun("run-9"));
        h.no(UNAUTHORIZED, small, "gpu-1", new JoinTrainingRun("run-1"));
        h.no(BELOW_MINIMUM_STAKE, small, "gpu-2", new JoinTrainingRun("run-1")); // 1,200 of the run's 1,500
        h.ok(op, "gpu-1", new JoinTrainingRun("run-1"));
        h.no(INVALID_ARGUMENT, op, "gpu-1", new JoinTrainingRun("run-1"));

        assertThat(attest(op, "gpu-1", job("t1", "run-1", true), job("t2", "run-1", true), job("t3", "run-1", false),
                job("i1", null, true)).accepted()).isTrue();
        assertThat(attest(small, "gpu-2", job("t4", "run-1", true)).rejection()).isEqualTo(NOT_IN_RUN);
        assertThat(attest(small, "gpu-2", job("i2", null, true)).accepted()).as("inference jobs need no run").isTrue();
        assertThat(attest(op, "gpu-1", job("t5", "run-2", true)).rejection()).isEqualTo(UNKNOWN_RUN);

        // below the run's stake, a node's contributions are refused
        h.ok(op, "gpu-1", new Unstake(null, BigDecimal.valueOf(600)));
        assertThat(attest(op, "gpu-1", job("t6", "run-1", true)).rejection()).isEqualTo(BELOW_MINIMUM_STAKE);

        Outcome close = h.ok(h.rewarder, Keys.NETWORK, new io.stakestream.avro.EpochClose(0L));
        PoolEpochSummary gpu1 = (PoolEpochSummary) close.summaries().get(0).getBody();
        assertThat(gpu1.getTrainingContributions()).isEqualTo(2);
        assertThat(gpu1.getSucceeded()).isEqualTo(3);
        assertThat(((PoolEpochSummary) close.summaries().get(1).getBody()).getTrainingContributions()).isZero();

        h.ok(h.admin, Keys.NETWORK, new EndTrainingRun("run-1"));
        h.no(RUN_ENDED, h.admin, Keys.NETWORK, new EndTrainingRun("run-1"));
        JobResult late = job("t7", "run-1", true);
        late.setEpoch(1);
        assertThat(attest(op, "gpu-1", late).rejection()).isEqualTo(RUN_ENDED);
        h.no(RUN_ENDED, small, "gpu-2", new JoinTrainingRun("run-1"));
    }

    @Test
    void aNodeOffTheWhitelistOrOnAnotherModelCannotJoin() {
        h.ok(h.admin, Keys.NETWORK, new SetModel("mixtral", BigDecimal.ZERO, true));
        h.ok(h.admin, Keys.NETWORK, new StartTrainingRun("run-m", "mixtral", BigDecimal.ZERO));
        h.no(INVALID_ARGUMENT, op, "gpu-1", new JoinTrainingRun("run-m"));
        h.ok(h.admin, Keys.NETWORK, new StartTrainingRun("run-l", "llama-70b", BigDecimal.ZERO));
        h.ok(h.admin, "gpu-1", new SetWhitelist(false));
        h.no(NOT_WHITELISTED, op, "gpu-1", new JoinTrainingRun("run-l"));
        h.ok(h.admin, "gpu-1", new SetWhitelist(true));
        h.ok(op, "gpu-1", new JoinTrainingRun("run-l"));
    }

    NetworkState network() {
        return h.store.get(Table.NETWORK, Keys.NETWORK_STATE);
    }

    @Test
    void aRunIdIsOneToSixtyFourCharactersOnAnEnabledModel() {
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new StartTrainingRun("", "llama-70b", BigDecimal.ZERO));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new StartTrainingRun("r".repeat(65), "llama-70b", BigDecimal.ZERO));
        h.ok(h.admin, Keys.NETWORK, new StartTrainingRun("r".repeat(64), "llama-70b", BigDecimal.ZERO));
        Outcome disabled = h.ok(h.admin, Keys.NETWORK, new SetModel("mixtral", BigDecimal.ZERO, false));
        assertThat(disabled.events().get(0).getNote()).isEqualTo("model mixtral disabled");
        h.no(MODEL_DISABLED, h.admin, Keys.NETWORK, new StartTrainingRun("run-m", "mixtral", BigDecimal.ZERO));
        Outcome enabled = h.ok(h.admin, Keys.NETWORK, new SetModel("mixtral", BigDecimal.ZERO, true));
        assertThat(enabled.events().get(0).getNote()).isEqualTo("model mixtral enabled");
        h.ok(h.admin, Keys.NETWORK, new StartTrainingRun("run-m", "mixtral", BigDecimal.ZERO));
        assertThat(network().getTrainingRuns()).containsOnlyKeys("r".repeat(64), "run-m");
    }

    @Test
    void onlyTheAdminEndsARunAndTheRunKeepsTheEpochItEnded() {
        h.ok(h.admin, Keys.NETWORK, new StartTrainingRun("run-1", "llama-70b", BigDecimal.ZERO));
        h.closeEpoch();
        h.closeEpoch();
        h.no(UNAUTHORIZED, op, Keys.NETWORK, new EndTrainingRun("run-1"));
        h.no(UNAUTHORIZED, h.rewarder, Keys.NETWORK, new EndTrainingRun("run-1"));
        assertThat(network().getTrainingRuns().get("run-1").getActive()).isTrue();
        h.ok(h.admin, Keys.NETWORK, new EndTrainingRun("run-1"));
        assertThat(network().getTrainingRuns().get("run-1").getActive()).isFalse();
        assertThat(network().getTrainingRuns().get("run-1").getEndedEpoch()).isEqualTo(2L);
        assertThat(network().getTrainingRuns().get("run-1").getStartedEpoch()).isEqualTo(0L);
    }

    @Test
    void aNodeHoldingExactlyTheRunsStakeJoinsButAHaltedNodeCannot() {
        h.ok(h.admin, Keys.NETWORK, new StartTrainingRun("run-1", "llama-70b", BigDecimal.valueOf(1_200)));
        h.ok(small, "gpu-2", new JoinTrainingRun("run-1")); // 1,200 of the run's 1,200
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.no(POOL_NOT_ACTIVE, op, "gpu-1", new JoinTrainingRun("run-1"));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(false));
        h.ok(op, "gpu-1", new JoinTrainingRun("run-1"));
    }

    @Test
    void whitelistingAnnouncesWhichWayItWent() {
        assertThat(h.ok(h.admin, "gpu-1", new SetWhitelist(false)).events().get(0).getNote()).isEqualTo("removed from whitelist");
        assertThat(h.pool("gpu-1").getWhitelisted()).isFalse();
        assertThat(h.ok(h.admin, "gpu-1", new SetWhitelist(true)).events().get(0).getNote()).isEqualTo("whitelisted");
        assertThat(h.pool("gpu-1").getWhitelisted()).isTrue();
    }
}
