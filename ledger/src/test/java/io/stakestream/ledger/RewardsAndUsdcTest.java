package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.SweepClosedPoolUsdcDust;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RewardsAndUsdcTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    RewardsAndUsdcTest() {
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 3_000);
    }

    /** Closes the open epoch and accrues gpu-1's proven leaf for it. */
    long accrue(long tokens, long usdc) {
        return h.payEpoch(RewardTree.Leaf.of("gpu-1", tokens, usdc));
    }

    @Test
    void tokenRewardsCompoundEveryPositionAfterCommission() {
        accrue(1_000, 0);
        // 20% commission = 200 withdrawable; 800 raises T from 4000 to 4800, shares unchanged
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("200");
        assertThat(h.value("gpu-1", alice)).isEqualTo(BigInteger.valueOf(3_600));
        assertThat(h.value("gpu-1", op)).isEqualTo(BigInteger.valueOf(1_200));
        Outcome w = h.ok(op, "gpu-1", new WithdrawOperatorRewardCommission());
        assertThat(w.payouts().get(0).getKind()).isEqualTo(PayoutKind.TOKEN_COMMISSION);
        assertThat(w.payouts().get(0).getAmount()).isEqualByComparingTo("200");
        h.no(NOTHING_TO_CLAIM, op, "gpu-1", new WithdrawOperatorRewardCommission());
        h.no(UNAUTHORIZED, alice, "gpu-1", new WithdrawOperatorRewardCommission());
    }

    @Test
    void eachPoolEpochAccruesOnceAndEmergencyOnlyByARewardAuthority() {
        long e = accrue(10, 10);
        h.no(ALREADY_ACCRUED, alice, "gpu-1", h.leafOf("gpu-1", e));
        h.closeEpoch();
        h.commitRecord(1);
        h.no(UNAUTHORIZED, alice, "gpu-1", new AccrueRewardEmergencyBypass(1L, BigDecimal.TEN, BigDecimal.ZERO, "me"));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setAccrualsHalted(true).build()));
        h.no(NETWORK_HALTED, h.rewarder, "gpu-1", new AccrueRewardEmergencyBypass(1L, BigDecimal.TEN, BigDecimal.ZERO, "halted"));
    }

    @Test
    void usdcAccruesToAnIndexAndIsClaimedWithoutTouchingStake() {
        accrue(0, 1_000);
        // 20% USDC commission; 800 over 4000 shares: 0.2 per share
        assertThat(h.pool("gpu-1").getUsdcCommission()).isEqualByComparingTo("200");
        BigInteger sharesBefore = h.shares("gpu-1", alice);
        Outcome c = h.ok(alice, "gpu-1", new ClaimUsdcEarnings());
        assertThat(c.payouts().get(0).getAmount()).isEqualByComparingTo("600");
        assertThat(c.payouts().get(0).getKind()).isEqualTo(PayoutKind.USDC_EARNINGS);
        assertThat(h.shares("gpu-1", alice)).isEqualTo(sharesBefore);
        h.no(NOTHING_TO_CLAIM, alice, "gpu-1", new ClaimUsdcEarnings());
        assertThat(h.ok(op, "gpu-1", new WithdrawOperatorUsdcCommission()).payouts().get(0).getAmount()).isEqualByComparingTo("200");
    }

    @Test
    void usdcIsSettledBeforeSharesChangeSoLateStakersGetNoPastRevenue() {
        accrue(0, 1_000);
        h.delegate(bob, "gpu-1", 4_000);
        h.ok(alice, "gpu-1", new Unstake(BigDecimal.valueOf(1_000), null));
        accrue(0, 1_000);
        // epoch 0: 800 over alice 3000/op 1000; epoch 1: 800 over alice 2000/op 1000/bob 4000
        assertThat(h.ok(alice, "gpu-1", new ClaimUsdcEarnings()).payouts().get(0).getAmount())
                .isEqualByComparingTo(BigDecimal.valueOf(600 + 228));
        assertThat(h.ok(bob, "gpu-1", new ClaimUsdcEarnings()).payouts().get(0).getAmount())
                .isEqualByComparingTo(BigDecimal.valueOf(457));
    }

    @Test
    void divisionRemaindersAreTrackedDustSweptOnlyFromAClosedEmptyPool() {
        h.delegate(bob, "gpu-1", 1); // 4001 shares: 800/4001 per share does not divide evenly
        accrue(0, 1_000);
        assertThat(h.pool("gpu-1").getUsdcDust().signum()).isPositive();
        h.no(POOL_NOT_CLOSED, op, "gpu-1", new SweepClosedPoolUsdcDust());
        h.ok(op, "gpu-1", new CloseOperatorPool());
        h.no(POSITION_NOT_EMPTY, op, "gpu-1", new SweepClosedPoolUsdcDust());
        for (Account a : new Account[] {op, alice, bob}) {
            h.ok(a, "gpu-1", new Unstake(new BigDecimal(h.shares("gpu-1", a)), null));
            if (a != bob) h.ok(a, "gpu-1", new ClaimUsdcEarnings());
        }
        // bob's single share earned 800/4001 of a unit: rounded down to nothing, it stays as pool dust
        h.no(NOTHING_TO_CLAIM, bob, "gpu-1", new ClaimUsdcEarnings());
        Outcome sweep = h.ok(op, "gpu-1", new SweepClosedPoolUsdcDust());
        assertThat(Accounts.same(sweep.payouts().get(0).getAccount(), h.treasury.key())).isTrue();
        assertThat(h.pool("gpu-1").getUsdcBalance()).isEqualByComparingTo("0");
        assertThat(h.pool("gpu-1").getUsdcDust()).as("the swept dust is gone from the count too").isEqualByComparingTo("0");
        h.no(NOTHING_TO_CLAIM, op, "gpu-1", new SweepClosedPoolUsdcDust());
    }

    @Test
    void aUsdcCommissionChangeAloneAlsoKeepsTheOldRateForTheOwedEpoch() {
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setUsdcCommissionBps(1_000).build());
        accrue(1_000, 1_000);
        // epoch 0 was earned at the old 20% of both
        assertThat(h.pool("gpu-1").getUsdcCommission()).isEqualByComparingTo("200");
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("200");
        accrue(1_000, 1_000);
        assertThat(h.pool("gpu-1").getUsdcCommission()).isEqualByComparingTo("300");
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("400");
    }

    @Test
    void commissionChangesWaitForTheNextEpochAndRespectTheMaximum() {
        h.no(COMMISSION_TOO_HIGH, op, "gpu-1", UpdateOperatorPool.newBuilder().setTokenCommissionBps(6_000).build());
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setTokenCommissionBps(1_000).setUsdcCommissionBps(0).build());
        accrue(1_000, 1_000);
        // epoch 0 was earned at the old 20%, though it accrues in epoch 1, when 10% is in force
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("200");
        accrue(1_000, 1_000);
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("300");
        assertThat(h.pool("gpu-1").getUsdcCommission()).isEqualByComparingTo("200");
    }

    @Test
    void autoStakedCommissionGoesIntoTheOperatorsPosition() {
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setAutoStakeCommission(true).build());
        BigInteger before = h.shares("gpu-1", op);
        accrue(1_000, 0);
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("0");
        assertThat(h.shares("gpu-1", op)).isGreaterThan(before);
        assertThat(h.value("gpu-1", op)).isEqualTo(BigInteger.valueOf(1_399)); // 1200 + 200 at the new price, rounded down
    }

    @Test
    void aRewardIntoAPoolWithNoSharesIsTheOperatorsNotTheNextStakers() {
        // no minimum stake: a pool with no stake at all is active and earns
        LedgerHarness g = new LedgerHarness().init(Params.defaults(h.treasury.key()).setMinOperatorStake(BigDecimal.ZERO).build());
        g.pool(op, "empty", 0);
        g.payEpoch(RewardTree.Leaf.of("empty", 500, 70));
        assertThat(g.pool("empty").getTokenCommission()).isEqualByComparingTo("500");
        assertThat(g.pool("empty").getUsdcCommission()).isEqualByComparingTo("70");
        g.ok(op, "empty", new io.stakestream.avro.Stake(BigDecimal.valueOf(1_000)));
        assertThat(g.value("empty", op)).isEqualTo(BigInteger.valueOf(1_000));
    }
}
