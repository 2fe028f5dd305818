package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.ClusterLeaf;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree;
import io.stakestream.ledger.testkit.RewardTree.Leaf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 5's accrual rules, each refused and accepted at its edge (issue 9, point 6). */
class AccrualRulesTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account op2 = Account.named("operator-2");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");
    final Account keeper = Account.named("keeper");

    static PartitionBudget budget(int partition, long tokens, long usdc) {
        return new PartitionBudget(partition, BigDecimal.valueOf(tokens), BigDecimal.valueOf(usdc));
    }

    static AccrueRewardEmergencyBypass emergency(long epoch, long tokens) {
        return new AccrueRewardEmergencyBypass(epoch, BigDecimal.valueOf(tokens), BigDecimal.ZERO, "left out");
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void aPartitionNeverAccruesMoreThanItsBudgetAndTheBudgetsAddUpToTheTotals() {
        h.partitions = 2; // this ledger is partition 0 of 2
        h.pool(op, "gpu-1", 1_000);
        h.pool(op2, "gpu-2", 1_000);
        h.closeEpoch();
        RewardTree tree = new RewardTree(0, List.of(Leaf.of("gpu-1", 600, 0), Leaf.of("gpu-2", 400, 0)));
        h.trees.put(0L, tree);
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, LedgerHarness.recordOf(tree, List.of(budget(0, 600, 0))));
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, LedgerHarness.recordOf(tree, List.of(budget(0, 600, 0), budget(0, 400, 0))));
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, LedgerHarness.recordOf(tree, List.of(budget(0, 600, 0), budget(2, 400, 0))));
        h.ok(h.rewarder, Keys.NETWORK, LedgerHarness.recordOf(tree, List.of(budget(0, 600, 0), budget(1, 400, 0))));
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 0)); // exactly the budget
        // gpu-2's leaf is in the root, but the record gave its 400 to partition 1: this partition has nothing left
        h.no(BUDGET_EXCEEDED, keeper, "gpu-2", h.leafOf("gpu-2", 0));
        var record = h.store.get(Table.REWARD_RECORDS, Keys.epoch(0));
        assertThat(record.getAccruedTokens()).isEqualByComparingTo(record.getBudgetTokens()).isEqualByComparingTo("600");
    }

    @Test
    void theUsdcBudgetIsSpentLikeTheTokenBudget() {
        h.partitions = 2;
        h.pool(op, "gpu-1", 1_000);
        h.pool(op2, "gpu-2", 1_000);
        h.closeEpoch();
        RewardTree tree = new RewardTree(0, List.of(Leaf.of("gpu-1", 0, 60), Leaf.of("gpu-2", 0, 40)));
        h.trees.put(0L, tree);
        h.fundRewards(BigInteger.ZERO, big(200));
        h.ok(h.rewarder, Keys.NETWORK, LedgerHarness.recordOf(tree, List.of(budget(0, 0, 60), budget(1, 0, 40))));
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 0));
        h.no(BUDGET_EXCEEDED, keeper, "gpu-2", h.leafOf("gpu-2", 0));
        var record = h.store.get(Table.REWARD_RECORDS, Keys.epoch(0));
        assertThat(record.getAccruedUsdc()).isEqualByComparingTo("60");
        assertThat(record.getAccruedTokens()).isEqualByComparingTo("0");
    }

    @Test
    void aNegativeEpochIsRefusedAsSuch() {
        h.pool(op, "gpu-1", 1_000);
        h.closeEpoch();
        h.no(INVALID_ARGUMENT, h.rewarder, "gpu-1", emergency(-1, 50));
    }

    @Test
    void stakeEnteringAfterTheCloseEarnsNothingFromThatEpoch() {
        // the review's case: 2,000 staked through epoch 0, 98,000 arrives between its close and its accrual
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 1_000);
        h.closeEpoch();
        h.delegate(bob, "gpu-1", 98_000);
        assertThat(h.shares("gpu-1", bob)).isZero();
        assertThat(h.entryTokens("gpu-1", bob)).isEqualTo(big(98_000));
        assertThat(h.pool("gpu-1").getTotalStake()).isEqualByComparingTo("2000");
        h.commitRecord(0, Leaf.of("gpu-1", 10_000, 0));
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 0));
        // 20% commission; 8,000 to the 2,000 at stake in epoch 0 (before the fix bob took 7,840 of it)
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("2000");
        assertThat(h.value("gpu-1", alice)).isEqualTo(big(5_000));
        assertThat(h.value("gpu-1", op)).isEqualTo(big(5_000));
        // bob's 98,000 became 19,600 shares at the price epoch 0's reward left (5 per share): worth 98,000
        assertThat(h.value("gpu-1", bob)).isEqualTo(big(98_000));
        // from epoch 1 on bob is at stake like everyone: 8,640 of a 10,800 reward over 108,000 staked
        h.payEpoch(Leaf.of("gpu-1", 10_800, 0));
        assertThat(h.value("gpu-1", bob)).isEqualTo(big(98_000 + 7_840));
        assertThat(h.value("gpu-1", alice)).isEqualTo(big(5_000 + 400));
        h.ok(bob, "gpu-1", new Unstake(null, BigDecimal.valueOf(105_840)));
        assertThat(h.shares("gpu-1", bob)).isZero();
    }

    @Test
    void aCancelledUnstakeInTheGapWaitsForTheRewardToo() {
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 1_000);
        h.ok(alice, "gpu-1", new Unstake(null, BigDecimal.valueOf(500)));
        h.closeEpoch();
        long id = h.position("gpu-1", alice).getPending().get(0).getId();
        h.ok(alice, "gpu-1", new CancelUnstake(id));
        assertThat(h.entryTokens("gpu-1", alice)).isEqualTo(big(500));
        h.commitRecord(0, Leaf.of("gpu-1", 3_000, 0));
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 0));
        // 2,400 over the 1,500 staked at the close: price 2.6; the 500 re-staked buy 192 shares (rounded down)
        assertThat(h.value("gpu-1", alice)).isEqualTo(big(1_799));
    }

    @Test
    void commissionIsTheRateInForceDuringTheEpochTheRewardWasEarned() {
        LedgerHarness g = new LedgerHarness().init(Params.defaults(h.treasury.key()).setMaxCommissionBps(9_000).build());
        var create = LedgerHarness.createPool(1_000);
        create.setTokenCommissionBps(1_000);
        g.ok(op, "gpu-1", create);
        g.delegate(alice, "gpu-1", 1_000);
        g.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setTokenCommissionBps(9_000).build()); // during epoch 0
        g.payEpoch(Leaf.of("gpu-1", 10_000, 0));   // accrues in epoch 1, when 90% is in force
        assertThat(g.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("1000"); // not 9,000
        g.payEpoch(Leaf.of("gpu-1", 10_000, 0));
        assertThat(g.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("10000");
    }

    @Test
    void commissionIsTheEpochsWhateverTheRewardDelay() {
        LedgerHarness g = new LedgerHarness().init(Params.defaults(h.treasury.key()).setMaxCommissionBps(9_000).setRewardDelayEpochs(2).build());
        var create = LedgerHarness.createPool(1_000);
        create.setTokenCommissionBps(1_000);
        g.ok(op, "gpu-1", create);
        g.delegate(alice, "gpu-1", 1_000);
        g.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setTokenCommissionBps(9_000).build()); // epoch 0: 90% from epoch 1
        g.closeEpoch();
        g.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setTokenCommissionBps(5_000).build()); // epoch 1: 50% from epoch 2
        for (int i = 0; i < 4; i++) g.closeEpoch();
        for (long e = 0; e <= 2; e++) g.commitRecord(e, Leaf.of("gpu-1", 10_000, 0));
        g.ok(keeper, "gpu-1", g.leafOf("gpu-1", 0));
        assertThat(g.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("1000");
        g.ok(keeper, "gpu-1", g.leafOf("gpu-1", 1));
        assertThat(g.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("10000");
        g.ok(keeper, "gpu-1", g.leafOf("gpu-1", 2));
        assertThat(g.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("15000");
        assertThat(g.pool("gpu-1").getPastCommissions()).as("no rate kept that no owed epoch needs").isEmpty();
    }

    @Test
    void aClosedPoolStillReceivesWhatItEarnedUpToTheEpochItClosedIn() {
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 1_000);
        h.closeEpoch();
        // epoch 1: its jobs earn USDC, then it closes
        JobResult job = JobResult.newBuilder().setEpoch(1).setJobId("j").setModelId("llama-70b").setSuccess(true).setLatencyMs(10)
                .setProofValid(true).setUsdcFee(BigDecimal.valueOf(50)).build();
        assertThat(h.ledger.attest(new AttestationPayload("b", "gpu-1", op.key(), 1L, List.of(job)), h.now, 0, 1).accepted()).isTrue();
        h.ok(op, "gpu-1", new CloseOperatorPool());
        h.closeEpoch();
        h.closeEpoch();
        h.commitRecord(0, Leaf.of("gpu-1", 1_000, 0));
        h.commitRecord(1, Leaf.of("gpu-1", 0, 50));
        h.commitRecord(2, Leaf.of("gpu-1", 10, 0));
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 0));   // earned while active (refused POOL_CLOSED before the fix)
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 1));   // the epoch it closed in
        h.no(POOL_CLOSED, keeper, "gpu-1", h.leafOf("gpu-1", 2));
        assertThat(h.value("gpu-1", alice)).isEqualTo(big(1_400));
        assertThat(h.pool("gpu-1").getUsdcIn()).isEqualByComparingTo("50");
    }

    @Test
    void accrualsApplyInEpochOrderEachOnce() {
        h.pool(op, "gpu-1", 1_000);
        h.pool(op2, "gpu-2", 100); // under the minimum stake: not active, owed nothing
        h.closeEpoch();
        h.closeEpoch();
        h.commitRecord(0, Leaf.of("gpu-1", 100, 0), Leaf.of("gpu-2", 0, 0));
        h.commitRecord(1, Leaf.of("gpu-1", 200, 0), Leaf.of("gpu-2", 7, 0));
        h.no(EARLIER_EPOCH_PENDING, keeper, "gpu-1", h.leafOf("gpu-1", 1)); // retry after epoch 0's
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 0));
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 1));
        h.no(ALREADY_ACCRUED, keeper, "gpu-1", h.leafOf("gpu-1", 1));
        h.no(ALREADY_ACCRUED, keeper, "gpu-1", h.leafOf("gpu-1", 0));
        // a pool owed nothing takes a zero leaf as a no-op and refuses a paying one
        h.ok(keeper, "gpu-2", h.leafOf("gpu-2", 0));
        h.no(NOTHING_OWED, keeper, "gpu-2", h.leafOf("gpu-2", 1));
        assertThat(h.pool("gpu-1").getOwedEpochs()).isEmpty();
    }

    @Test
    void emergencyAccrualOnlyForAPoolLeftOutOfAClosedEpochsRecord() {
        h.emptyRecordsForEmergencies = false; // the missing record is what this test is about
        h.pool(op, "gpu-1", 1_000);
        h.pool(op2, "gpu-2", 1_000);
        h.no(UNKNOWN_EPOCH, h.rewarder, "gpu-1", emergency(0, 100)); // the open epoch (accepted before the fix)
        h.no(UNKNOWN_EPOCH, h.rewarder, "gpu-1", emergency(5, 100)); // a future one
        h.closeEpoch();
        h.no(UNKNOWN_EPOCH, h.rewarder, "gpu-1", emergency(0, 100)); // closed, no record yet
        h.commitRecord(0, Leaf.of("gpu-2", 300, 0));                  // gpu-1 left out
        // gpu-2's leaf has not landed, so the ledger cannot know gpu-1 has none
        h.no(LEAVES_PENDING, h.rewarder, "gpu-1", emergency(0, 100));
        h.ok(keeper, "gpu-2", h.leafOf("gpu-2", 0));
        h.no(NOTHING_OWED, h.rewarder, "gpu-2", emergency(0, 100));   // it had its leaf
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.no(HALTED, h.rewarder, "gpu-1", emergency(0, 100));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(false));
        h.ok(h.rewarder, "gpu-1", emergency(0, 100));
        h.no(NOTHING_OWED, h.rewarder, "gpu-1", emergency(0, 100));
        assertThat(h.pool("gpu-1").getTokensIn()).isEqualByComparingTo("1100");
    }

    @Test
    void theRewardDelayHoldsForEveryPath() {
        LedgerHarness g = new LedgerHarness().init(Params.defaults(h.treasury.key()).setRewardDelayEpochs(1).build());
        g.pool(op, "gpu-1", 1_000);
        g.pool(op, "gpu-2", 1_000);
        g.closeEpoch();
        g.commitRecord(0, Leaf.of("gpu-1", 100, 0)); // gpu-2 left out
        g.no(COOLDOWN_NOT_OVER, keeper, "gpu-1", g.leafOf("gpu-1", 0));
        g.no(COOLDOWN_NOT_OVER, op, "gpu-1", cluster(g, 0, 0, "gpu-1"));
        g.no(COOLDOWN_NOT_OVER, g.rewarder, "gpu-2", emergency(0, 50)); // before the fix the emergency path ignored the delay
        g.closeEpoch();
        assertThat(g.ok(op, "gpu-1", cluster(g, 0, 0, "gpu-1")).routes()).containsExactly("gpu-1");
        g.ok(keeper, "gpu-1", g.leafOf("gpu-1", 0));
        g.ok(g.rewarder, "gpu-2", emergency(0, 50));
    }

    @Test
    void aClusterClaimRoutesOneLegPerPoolAndEachPoolAccruesItsOwnOnce() {
        h.pool(op, "gpu-1", 1_000);
        h.pool(op, "gpu-2", 1_000);
        h.pool(op2, "gpu-3", 1_000);
        h.closeEpoch();
        h.closeEpoch();
        h.commitRecord(0, Leaf.of("gpu-1", 100, 1), Leaf.of("gpu-2", 200, 2), Leaf.of("gpu-3", 300, 3));
        h.commitRecord(1, Leaf.of("gpu-1", 10, 0), Leaf.of("gpu-2", 20, 0), Leaf.of("gpu-3", 30, 0));
        ClaimRewardsCluster claim = cluster(h, 0, 1, "gpu-1", "gpu-2");
        h.no(UNAUTHORIZED, alice, "gpu-1", claim);
        h.no(INVALID_ARGUMENT, op, "gpu-1", new ClaimRewardsCluster(1L, 0L, claim.getLeaves()));
        h.no(INVALID_ARGUMENT, op, "gpu-1", new ClaimRewardsCluster(1L, 1L, claim.getLeaves())); // leaves of epoch 0 outside the range
        Outcome routed = h.ok(op, "gpu-1", claim);
        assertThat(routed.routes()).containsExactly("gpu-1", "gpu-2");
        assertThat(h.pool("gpu-1").getTokensIn()).as("nothing accrues where the claim lands").isEqualByComparingTo("1000");
        var signed = h.last;
        h.ok(keeper, "gpu-1", h.leafOf("gpu-1", 0)); // the builder got there first for one epoch
        Outcome leg1 = h.clusterLeg(signed, "gpu-1");
        assertThat(leg1.accepted()).isTrue();
        assertThat(leg1.events()).extracting(e -> e.getNote()).last().asString().contains(": 1 of 2 epoch(s) accrued");
        Outcome leg2 = h.clusterLeg(signed, "gpu-2");
        assertThat(leg2.events()).hasSize(3);
        assertThat(leg2.events()).extracting(e -> e.getNote()).last().asString().contains(": 2 of 2 epoch(s) accrued");
        assertThat(h.pool("gpu-1").getTokensIn()).isEqualByComparingTo("1110");
        assertThat(h.pool("gpu-2").getTokensIn()).isEqualByComparingTo("1220");
        assertThat(h.pool("gpu-2").getUsdcIn()).isEqualByComparingTo("2");
        assertThat(h.clusterLeg(signed, "gpu-2").rejection()).isEqualTo(REPLAY);
        // a leg for a pool the signer does not operate is refused for that pool alone
        assertThat(h.clusterLeg(signed, "gpu-3").rejection()).isEqualTo(UNAUTHORIZED);
        assertThat(h.pool("gpu-3").getTokensIn()).isEqualByComparingTo("1000");
    }

    /** A cluster claim by op over [from, to] carrying these pools' leaves of the harness's trees. */
    static ClaimRewardsCluster cluster(LedgerHarness g, long from, long to, String... pools) {
        List<ClusterLeaf> leaves = new ArrayList<>();
        for (String pool : pools) {
            for (long e = from; e <= to; e++) {
                RewardTree tree = g.trees.get(e);
                if (tree == null || tree.leaf(pool) == null) continue;
                leaves.add(new ClusterLeaf(pool, e, new BigDecimal(tree.leaf(pool).tokens()), new BigDecimal(tree.leaf(pool).usdc()),
                        new ArrayList<>(tree.proof(pool))));
            }
        }
        return new ClaimRewardsCluster(from, to, leaves);
    }
}
