package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.INSUFFICIENT_SHARES;
import static io.stakestream.avro.RejectReason.ZERO_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree.Leaf;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The corners of the pool's accounting that ordinary amounts never reach: the last shares leaving
 * tokens behind, pending units that round after a slash, a cancelled unstake worth nothing, a
 * commission too small to mint a share, a slash of a pool with no stake or no shares, and changes
 * that wait for their epoch or delay. The harness checks every invariant after every command, so
 * a rounding remainder that is not booked as dust fails the command that made it.
 */
class PoolEdgesTest {
    static final String POOL = "gpu-1";
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    static Unstake amount(long n) {
        return new Unstake(null, BigDecimal.valueOf(n));
    }

    static LedgerHarness noMinimum(SlashPolicy policy) {
        return new LedgerHarness().init(Params.defaults(Account.named("treasury").key())
                .setMinOperatorStake(BigDecimal.ZERO).setSlashPolicy(policy).build());
    }

    static BigInteger dust(LedgerHarness h) {
        return h.pool(POOL).getTokenDust().toBigInteger();
    }

    @Test
    void tokensTheLastSharesLeaveBehindAreDustNotAGiftToTheNextStaker() {
        LedgerHarness h = noMinimum(SlashPolicy.OPERATOR_ONLY);
        h.pool(op, POOL, 0);
        h.delegate(alice, POOL, 3);
        h.payEpoch(Leaf.of(POOL, 9, 0));
        // 1 of the 9 is commission: 11 tokens back 3 shares; 10 tokens take all three shares, rounded up
        h.ok(alice, POOL, amount(10));
        assertThat(h.pool(POOL).getTotalShares()).isEqualByComparingTo("0");
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("1");

        h.ok(bob, POOL, new CreateStakingRecord());
        Outcome stake = h.ok(bob, POOL, new Stake(BigDecimal.valueOf(5)));
        assertThat(stake.events().get(0).getShareDelta()).as("shares minted").isEqualByComparingTo("5");
        assertThat(h.value(POOL, bob)).as("bob gets what he staked, not the 1 left behind").isEqualTo(BigInteger.valueOf(5));
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("5");
        assertThat(dust(h)).isEqualTo(BigInteger.ONE);
    }

    @Test
    void unstakingAnAmountFromAPoolWithNoStakeIsRefused() {
        LedgerHarness h = noMinimum(SlashPolicy.OPERATOR_ONLY);
        h.pool(op, POOL, 0);
        h.ok(alice, POOL, new CreateStakingRecord());
        h.no(INSUFFICIENT_SHARES, alice, POOL, amount(1));
    }

    @Test
    void unstakesAreNumberedAndACancelledOneMintsSharesAgain() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 1_000);
        h.delegate(alice, POOL, 1_000);
        h.ok(alice, POOL, amount(100));
        h.ok(alice, POOL, amount(200));
        assertThat(h.position(POOL, alice).getPending()).extracting(PendingUnstake::getId).containsExactly(1L, 2L);
        assertThat(h.pool(POOL).getNextUnstakeId()).isEqualTo(3);

        Outcome cancel = h.ok(alice, POOL, new CancelUnstake(2L));
        assertThat(cancel.events().get(0).getShareDelta()).as("shares minted back").isEqualByComparingTo("200");
        assertThat(h.position(POOL, alice).getPending()).extracting(PendingUnstake::getId).containsExactly(1L);
        assertThat(h.shares(POOL, alice)).isEqualTo(BigInteger.valueOf(900));
    }

    @Test
    void pendingUnitsThatRoundAfterAProRataSlashLeaveTrackedDust() {
        LedgerHarness h = noMinimum(SlashPolicy.PRO_RATA);
        h.pool(op, POOL, 1_000);
        h.delegate(alice, POOL, 1_000);
        SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 333_333);
        BigInteger before = dust(h);
        h.ok(alice, POOL, amount(100));
        BigInteger queued = dust(h).subtract(before);
        PendingUnstake entry = h.position(POOL, alice).getPending().get(0);
        BigInteger entryValue = Pool.wrap(h.pool(POOL)).pendingValueOf(entry);
        assertThat(queued).as("the pending scale no longer divides 100 tokens").isPositive();
        assertThat(entryValue.add(queued)).isEqualTo(BigInteger.valueOf(100));

        h.advanceDays(8);
        Outcome claim = h.ok(alice, POOL, new ClaimUnstake(alice.key()));
        assertThat(claim.payouts().get(0).getAmount().toBigInteger()).isEqualTo(entryValue);
        assertThat(h.pool(POOL).getPendingUnits()).isEqualByComparingTo("0");
    }

    @Test
    void aCancelledUnstakeThatASlashLeftWorthNothingIsRefused() {
        LedgerHarness h = noMinimum(SlashPolicy.PRO_RATA);
        h.pool(op, POOL, 1_000);
        h.delegate(alice, POOL, 1_000);
        h.ok(alice, POOL, amount(1));
        SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 100_000);
        PendingUnstake entry = h.position(POOL, alice).getPending().get(0);
        assertThat(Pool.wrap(h.pool(POOL)).pendingValueOf(entry)).as("1 unit at a scale under 1").isZero();
        h.no(ZERO_AMOUNT, alice, POOL, new CancelUnstake(entry.getId()));
    }

    @Test
    void autoStakedCommissionTooSmallToMintAShareStaysWithdrawable() {
        LedgerHarness h = noMinimum(SlashPolicy.OPERATOR_ONLY);
        h.pool(op, POOL, 1);
        h.ok(op, POOL, UpdateOperatorPool.newBuilder().setAutoStakeCommission(true).build());
        h.payEpoch(Leaf.of(POOL, 5, 0));
        // commission 1 at a price of 5 tokens a share would mint nothing
        assertThat(h.pool(POOL).getTokenCommission()).isEqualByComparingTo("1");
        assertThat(h.shares(POOL, op)).isEqualTo(BigInteger.ONE);
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("5");
    }

    @Test
    void aSlashOfOnlyCommissionInAPoolWithNoStakeKeepsTheScale() {
        LedgerHarness h = noMinimum(SlashPolicy.OPERATOR_ONLY);
        h.pool(op, POOL, 0);
        h.payEpoch(Leaf.of(POOL, 100, 0));
        SlashOutcome s = SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 100_000);
        assertThat(s.getFromCommission()).isEqualByComparingTo("10");
        assertThat(s.getNewScale()).isEqualByComparingTo(Amounts.dec(Amounts.SCALE));
        assertThat(h.pool(POOL).getTokenCommission()).isEqualByComparingTo("90");
    }

    @Test
    void aSlashOfAnOperatorWithNoSharesLeftReturnsNothingToAnEmptyPool() {
        LedgerHarness h = noMinimum(SlashPolicy.OPERATOR_ONLY);
        h.pool(op, POOL, 1_000);
        h.ok(op, POOL, new RetireOperatorPool());
        h.ok(op, POOL, amount(1_000));
        SlashOutcome s = SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 100_000);
        assertThat(s.getFromPending()).isEqualByComparingTo("100");
        assertThat(s.getReturnedToDelegators()).as("no shares to return to").isEqualByComparingTo("0");
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("0");
    }

    @Test
    void dueChangesApplyOnceAndLeaveNothingPending() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 2_000);
        h.ok(op, POOL, UpdateOperatorPool.newBuilder().setTokenCommissionBps(1_000).setUsdcCommissionBps(1_500)
                .setMinSelfStake(BigDecimal.valueOf(1_500)).build());
        h.ok(op, POOL, UpdateOperatorPool.newBuilder().setMinSelfStake(BigDecimal.valueOf(1_200)).build());
        assertThat(h.pool(POOL).getNextTokenCommissionBps()).isEqualTo(1_000);
        assertThat(h.pool(POOL).getNextMinSelfStake()).isEqualByComparingTo("1200");
        h.closeEpoch();
        h.advanceDays(2);
        h.ok(op, POOL, new Stake(BigDecimal.ONE));
        assertThat(h.pool(POOL).getTokenCommissionBps()).isEqualTo(1_000);
        assertThat(h.pool(POOL).getUsdcCommissionBps()).isEqualTo(1_500);
        assertThat(h.pool(POOL).getMinSelfStake()).isEqualByComparingTo("1200");
        assertThat(h.pool(POOL).getNextTokenCommissionBps()).isNull();
        assertThat(h.pool(POOL).getNextUsdcCommissionBps()).isNull();
        assertThat(h.pool(POOL).getNextMinSelfStake()).isNull();
    }

    @Test
    void aLowerNetworkMaximumCapsAnnouncedRatesToo() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 2_000);
        h.ok(op, POOL, UpdateOperatorPool.newBuilder().setTokenCommissionBps(4_000).setUsdcCommissionBps(3_000).build());
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key())
                .setMaxCommissionBps(1_000).setDefaultCommissionBps(1_000).build()));
        h.ok(op, POOL, new Stake(BigDecimal.ONE));
        assertThat(h.pool(POOL).getTokenCommissionBps()).isEqualTo(1_000);
        assertThat(h.pool(POOL).getUsdcCommissionBps()).isEqualTo(1_000);
        assertThat(h.pool(POOL).getNextTokenCommissionBps()).isEqualTo(1_000);
        assertThat(h.pool(POOL).getNextUsdcCommissionBps()).isEqualTo(1_000);
    }
}
