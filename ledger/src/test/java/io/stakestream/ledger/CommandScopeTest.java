package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AcceptOperatorStakingRecord;
import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.Asset;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.EndTrainingRun;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.JoinTrainingRun;
import io.stakestream.avro.StartTrainingRun;
import io.stakestream.avro.Withdraw;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CloseStakingRecord;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.SweepClosedPoolUsdcDust;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A pool command sent with the network-wide pool id "*", and a network command sent with a pool's
 * id, are refused INVALID_ARGUMENT before anything else is looked at. Each is sent by the role
 * that could otherwise do it, so without the scope check the network command would apply on one
 * partition only (and out of order with the others), and the pool command would fail for some
 * other reason than the one that tells the sender what is wrong.
 */
class CommandScopeTest {
    static final String POOL = "gpu-1";
    static final Account OPERATOR = Account.named("operator");
    static final Account ALICE = Account.named("alice");

    record Case(String name, Function<LedgerHarness, Account> actor, Function<LedgerHarness, Object> body) {}

    static Case pool(String name, Function<LedgerHarness, Account> actor, Object body) {
        return new Case(name, actor, h -> body);
    }

    static List<Case> poolCommands() {
        BigDecimal ten = BigDecimal.TEN;
        return List.of(
                pool("Stake", h -> ALICE, new Stake(ten)),
                pool("Unstake", h -> ALICE, new Unstake(null, ten)),
                pool("CancelUnstake", h -> ALICE, new CancelUnstake(0L)),
                pool("ClaimUnstake", h -> ALICE, new ClaimUnstake(ALICE.key())),
                pool("ClaimUsdcEarnings", h -> ALICE, new ClaimUsdcEarnings()),
                pool("CreateStakingRecord", h -> Account.named("bob"), new CreateStakingRecord()),
                pool("CloseStakingRecord", h -> ALICE, new CloseStakingRecord()),
                pool("AcceptOperatorStakingRecord", h -> ALICE, new AcceptOperatorStakingRecord()),
                pool("ChangeOperatorStakingRecord", h -> OPERATOR, new ChangeOperatorStakingRecord(ALICE.key())),
                pool("ChangeOperatorPoolAdmin", h -> OPERATOR, new ChangeOperatorPoolAdmin(ALICE.key())),
                pool("UpdateOperatorPool", h -> OPERATOR, UpdateOperatorPool.newBuilder().setTokenCommissionBps(1_000).build()),
                pool("WithdrawOperatorRewardCommission", h -> OPERATOR, new WithdrawOperatorRewardCommission()),
                pool("WithdrawOperatorUsdcCommission", h -> OPERATOR, new WithdrawOperatorUsdcCommission()),
                pool("RetireOperatorPool", h -> OPERATOR, new RetireOperatorPool()),
                pool("CloseOperatorPool", h -> OPERATOR, new CloseOperatorPool()),
                pool("SweepClosedPoolUsdcDust", h -> OPERATOR, new SweepClosedPoolUsdcDust()),
                new Case("SetHaltStatus", h -> h.halter, h -> new SetHaltStatus(true)),
                new Case("SetWhitelist", h -> h.admin, h -> new SetWhitelist(true)),
                new Case("ProposeSlash", h -> h.slasher, h -> ProposeSlash.newBuilder().setSlashId("s1")
                        .setReason(SlashReason.SLA_BREACH).setEvidence("trace://s1").build()),
                new Case("ExecuteSlash", h -> h.slasher, h -> new ExecuteSlash("s1")),
                new Case("CancelSlash", h -> h.slasher, h -> new CancelSlash("s1", "appeal")),
                new Case("AccrueRewardEmergencyBypass", h -> h.rewarder, h -> new AccrueRewardEmergencyBypass(0L, ten, ten, "left out")),
                pool("AccrueReward", h -> ALICE, new AccrueReward(0L, ten, ten, new ArrayList<>())),
                new Case("Deposit", h -> h.custody, h -> LedgerHarness.deposit(ALICE, Asset.TOKEN, 10, h.nextChainRef(), false)),
                pool("Withdraw", h -> ALICE, new Withdraw(Asset.TOKEN, ten)),
                pool("JoinTrainingRun", h -> OPERATOR, new JoinTrainingRun("run-1")),
                pool("ClaimRewardsCluster", h -> OPERATOR, new ClaimRewardsCluster(0L, 0L, new ArrayList<>())));
    }

    static List<Case> networkCommands() {
        return List.of(
                new Case("UpdatePoolOverview", h -> h.admin, h -> new UpdatePoolOverview(Params.defaults(h.treasury.key()).build())),
                new Case("UpdatePoolOverviewAuthorities", h -> h.admin,
                        h -> new UpdatePoolOverviewAuthorities(AuthorityRole.HALT, new ArrayList<>(List.of(ALICE.key())))),
                new Case("SetModel", h -> h.admin, h -> new SetModel("mistral-7b", BigDecimal.ZERO, true)),
                new Case("EpochClose", h -> h.rewarder, h -> new EpochClose(h.epoch())),
                new Case("CreateRewardRecord", h -> h.rewarder, h -> CreateRewardRecord.newBuilder().setEpoch(0)
                        .setRoot(ByteBuffer.wrap(new byte[32])).setLeafCount(1).setTotalTokens(BigDecimal.ZERO)
                        .setTotalUsdc(BigDecimal.ZERO).build()),
                new Case("FundRewards", h -> h.custody, h -> new FundRewards(BigDecimal.TEN, BigDecimal.TEN, h.nextChainRef())),
                new Case("StartTrainingRun", h -> h.admin, h -> new StartTrainingRun("run-1", "llama-70b", BigDecimal.ZERO)),
                new Case("EndTrainingRun", h -> h.admin, h -> new EndTrainingRun("run-1")));
    }

    /** A pool with a delegator, one closed epoch behind it, so every network command could apply. */
    static LedgerHarness network() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(OPERATOR, POOL, 1_000);
        h.delegate(ALICE, POOL, 500);
        h.closeEpoch();
        return h;
    }

    static void refusedAndNothingMoved(LedgerHarness h, Case c, String poolId) {
        h.custodyFunds = false; // the refusal comes first: nothing to deposit or fund ahead of it
        NetworkState before = h.store.get(Table.NETWORK, Keys.NETWORK_STATE);
        NetworkState copy = NetworkState.newBuilder(before).build();
        Outcome o = h.no(INVALID_ARGUMENT, c.actor().apply(h), poolId, c.body().apply(h));
        assertThat(o.message()).contains("\"*\"");
        assertThat(h.store.get(Table.NETWORK, Keys.NETWORK_STATE)).as("network state").isEqualTo(copy);
        assertThat(h.store.values(Table.REWARD_RECORDS)).as("reward records").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyPoolCommandRefusesTheNetworkPoolId() {
        return poolCommands().stream().map(c -> DynamicTest.dynamicTest(c.name() + " to \"*\"",
                () -> refusedAndNothingMoved(network(), c, Keys.NETWORK)));
    }

    @TestFactory
    Stream<DynamicTest> everyNetworkCommandRefusesAPoolId() {
        return networkCommands().stream().map(c -> DynamicTest.dynamicTest(c.name() + " to " + POOL,
                () -> refusedAndNothingMoved(network(), c, POOL)));
    }

    @Test
    void initializingThroughAPoolIdInitializesNothing() {
        LedgerHarness h = new LedgerHarness();
        CreatePoolOverview init = new CreatePoolOverview(Params.defaults(h.treasury.key()).build(),
                Params.authorities(h.admin, h.slasher, h.halter, h.rewarder));
        h.no(INVALID_ARGUMENT, h.admin, POOL, init);
        assertThat(h.store.get(Table.NETWORK, Keys.NETWORK_STATE)).isNull();
        h.ok(h.admin, Keys.NETWORK, init);
    }

    @Test
    void anAttestationBatchForTheNetworkPoolIdIsRefused() {
        LedgerHarness h = network();
        Outcome o = h.ledger.attest(new AttestationPayload("b1", Keys.NETWORK, OPERATOR.key(), 1L,
                List.of(EpochAndAttestationTest.job(1, "j1", true, 100, 5))), h.now, 0, 1);
        assertThat(o.rejection()).isEqualTo(INVALID_ARGUMENT);
        assertThat(h.store.values(Table.PERFORMANCE)).isEmpty();
    }
}
