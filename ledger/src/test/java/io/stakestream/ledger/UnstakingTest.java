package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Asset;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CloseStakingRecord;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UnstakingTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    UnstakingTest() {
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 300);
    }

    static Unstake shares(long n) {
        return new Unstake(BigDecimal.valueOf(n), null);
    }

    static Unstake amount(long n) {
        return new Unstake(null, BigDecimal.valueOf(n));
    }

    @Test
    void unstakeBurnsSharesAndPaysAfterTheCooldownOnTheBrokersClock() {
        h.ok(alice, "gpu-1", shares(100));
        assertThat(h.shares("gpu-1", alice)).isEqualTo(BigInteger.valueOf(200));
        assertThat(h.position("gpu-1", alice).getPending()).hasSize(1);
        h.no(COOLDOWN_NOT_OVER, alice, "gpu-1", new ClaimUnstake(alice.key()));
        h.now += 7 * Params.DAY_SECONDS * 1000 - 1;
        h.no(COOLDOWN_NOT_OVER, alice, "gpu-1", new ClaimUnstake(alice.key()));
        h.now += 1;
        Outcome paid = h.ok(alice, "gpu-1", new ClaimUnstake(alice.key()));
        assertThat(paid.payouts()).singleElement().satisfies(p -> {
            assertThat(p.getAmount()).isEqualByComparingTo("100");
            assertThat(p.getAsset()).isEqualTo(Asset.TOKEN);
            assertThat(p.getKind()).isEqualTo(PayoutKind.UNSTAKE_CLAIM);
            assertThat(Accounts.same(p.getAccount(), alice.key())).isTrue();
        });
        assertThat(h.position("gpu-1", alice).getPending()).isEmpty();
        h.no(NOTHING_TO_CLAIM, alice, "gpu-1", new ClaimUnstake(alice.key()));
    }

    @Test
    void anyoneMayClaimAFinishedUnstakeButTheOwnerIsPaid() {
        h.ok(alice, "gpu-1", amount(50));
        h.advanceDays(7);
        Outcome o = h.ok(bob, "gpu-1", new ClaimUnstake(alice.key()));
        assertThat(Accounts.same(o.payouts().get(0).getAccount(), alice.key())).isTrue();
    }

    @Test
    void byAmountBurnsTheSharesRoundedUpAndTheRemainingPriceNeverFalls() {
        // price 3/2 after a reward: 1000+300 staked, +650 reward (minus 20% commission = 520 to T)
        h.payEpoch(io.stakestream.ledger.testkit.RewardTree.Leaf.of("gpu-1", 650, 0));
        BigInteger T = h.pool("gpu-1").getTotalStake().toBigInteger();
        BigInteger S = h.pool("gpu-1").getTotalShares().toBigInteger();
        h.ok(alice, "gpu-1", amount(10));
        BigInteger burned = BigInteger.valueOf(300).subtract(h.shares("gpu-1", alice));
        assertThat(burned).isEqualTo(Amounts.mulDivUp(BigInteger.TEN, S, T));
        BigInteger T2 = h.pool("gpu-1").getTotalStake().toBigInteger();
        BigInteger S2 = h.pool("gpu-1").getTotalShares().toBigInteger();
        assertThat(T2.multiply(S)).isGreaterThanOrEqualTo(T.multiply(S2));
    }

    @Test
    void refusals() {
        h.no(INVALID_ARGUMENT, alice, "gpu-1", new Unstake(null, null));
        h.no(INVALID_ARGUMENT, alice, "gpu-1", new Unstake(BigDecimal.ONE, BigDecimal.ONE));
        h.no(INSUFFICIENT_SHARES, alice, "gpu-1", shares(301));
        h.no(INSUFFICIENT_SHARES, alice, "gpu-1", amount(301));
        h.no(ZERO_AMOUNT, alice, "gpu-1", shares(0));
        h.no(NEGATIVE_AMOUNT, alice, "gpu-1", amount(-1));
        h.no(UNKNOWN_POSITION, bob, "gpu-1", shares(1));
    }

    @Test
    void atMostTenPendingUnstakesPerPosition() {
        for (int i = 0; i < 10; i++) h.ok(alice, "gpu-1", shares(1));
        h.no(TOO_MANY_PENDING, alice, "gpu-1", shares(1));
        h.advanceDays(7);
        h.ok(alice, "gpu-1", new ClaimUnstake(alice.key()));
        h.ok(alice, "gpu-1", shares(1));
    }

    @Test
    void cancelReStakesAtTheCurrentPrice() {
        h.ok(alice, "gpu-1", shares(100));
        long id = h.position("gpu-1", alice).getPending().get(0).getId();
        h.no(UNKNOWN_UNSTAKE, alice, "gpu-1", new CancelUnstake(id + 1));
        h.ok(alice, "gpu-1", new CancelUnstake(id));
        assertThat(h.shares("gpu-1", alice)).isEqualTo(BigInteger.valueOf(300));
        assertThat(h.position("gpu-1", alice).getPending()).isEmpty();
        h.no(UNKNOWN_UNSTAKE, alice, "gpu-1", new CancelUnstake(id));
    }

    @Test
    void theOperatorKeepsItsMinimumWhileThePoolIsActive() {
        h.ok(op, "gpu-1", new io.stakestream.avro.Stake(BigDecimal.valueOf(50)));
        h.no(BELOW_MINIMUM_STAKE, op, "gpu-1", amount(51));
        h.ok(op, "gpu-1", amount(50));
        h.ok(op, "gpu-1", new CloseOperatorPool());
        h.ok(op, "gpu-1", amount(1_000));
    }

    @Test
    void aHaltedOperatorCannotLeaveButDelegatorsCan() {
        h.ok(alice, "gpu-1", shares(10));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.no(HALTED, op, "gpu-1", amount(1));
        h.ok(alice, "gpu-1", shares(10));
        h.advanceDays(7);
        h.ok(alice, "gpu-1", new ClaimUnstake(alice.key()));
        h.no(HALTED, op, "gpu-1", new io.stakestream.avro.ClaimUsdcEarnings());
    }

    @Test
    void minimumEpochsLockedHoldsNewStake() {
        LedgerHarness g = new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setMinEpochsLocked(2).build());
        g.pool(op, "gpu-1", 1_000);
        g.delegate(alice, "gpu-1", 100);
        g.no(LOCKED, alice, "gpu-1", shares(1));
        g.closeEpoch();
        g.no(LOCKED, alice, "gpu-1", shares(1));
        g.closeEpoch();
        g.ok(alice, "gpu-1", shares(1));
    }

    @Test
    void aClosedPoolStrandsNothing() {
        h.ok(op, "gpu-1", new CloseOperatorPool());
        h.ok(alice, "gpu-1", shares(300));
        h.ok(op, "gpu-1", shares(1_000));
        h.advanceDays(7);
        h.ok(alice, "gpu-1", new ClaimUnstake(alice.key()));
        h.ok(op, "gpu-1", new ClaimUnstake(op.key()));
        h.ok(alice, "gpu-1", new CloseStakingRecord());
        h.ok(op, "gpu-1", new CloseStakingRecord());
        assertThat(h.pool("gpu-1").getPositionCount()).isZero();
        assertThat(h.pool("gpu-1").getTotalShares()).isEqualByComparingTo("0");
    }

    @Test
    void recordsCloseOnlyWhenEmpty() {
        h.no(POSITION_NOT_EMPTY, alice, "gpu-1", new CloseStakingRecord());
        h.ok(alice, "gpu-1", shares(300));
        h.no(POSITION_NOT_EMPTY, alice, "gpu-1", new CloseStakingRecord());
        h.advanceDays(7);
        h.ok(bob, "gpu-1", new ClaimUnstake(alice.key()));
        h.ok(alice, "gpu-1", new CloseStakingRecord());
        h.no(INVALID_ARGUMENT, op, "gpu-1", new CloseStakingRecord());
    }
}
