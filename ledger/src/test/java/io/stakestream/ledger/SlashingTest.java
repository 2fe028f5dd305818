package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashSplit;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.RewardTree;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SlashingTest {
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    static LedgerHarness network(SlashPolicy policy) {
        return new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setSlashPolicy(policy).build());
    }

    static ProposeSlash propose(String id, SlashReason reason, Integer ppm) {
        return ProposeSlash.newBuilder().setSlashId(id).setReason(reason).setFractionPpm(ppm).setEvidence("trace://" + id).build();
    }

    /** Proposes, waits out the dispute window, executes; returns the outcome record. */
    static SlashOutcome slash(LedgerHarness h, String pool, String id, SlashReason reason, Integer ppm) {
        h.ok(h.slasher, pool, propose(id, reason, ppm));
        return executeAfterWindow(h, pool, id);
    }

    /** The default window: the epoch of the proposal, one whole epoch after it, and at least a day. */
    static void waitOutWindow(LedgerHarness h) {
        h.closeEpoch();
        h.closeEpoch();
        h.advanceDays(1);
    }

    /** Waits out the window of a proposed slash, executes it and checks that its parts add up. */
    static SlashOutcome executeAfterWindow(LedgerHarness h, String pool, String id) {
        waitOutWindow(h);
        Outcome o = h.ok(h.slasher, pool, new ExecuteSlash(id));
        assertThat(o.slashes()).hasSize(1);
        SlashOutcome s = o.slashes().get(0);
        // the split adds up exactly to what was slashed
        assertThat(s.getBurned().add(s.getRedistributed()).add(s.getReturnedToDelegators()).add(s.getTreasury()))
                .isEqualByComparingTo(s.getAmount());
        assertThat(s.getFromActive().add(s.getFromPending()).add(s.getFromCommission())).isEqualByComparingTo(s.getAmount());
        return s;
    }

    @Test
    void proRataLowersEveryStakeAndEveryPendingUnstakeByTheSameFraction() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 1_000);
        h.delegate(bob, "gpu-1", 2_000);
        h.ok(bob, "gpu-1", new Unstake(null, BigDecimal.valueOf(1_000))); // pending during the slash
        SlashOutcome s = slash(h, "gpu-1", "s1", SlashReason.SLA_BREACH, null); // schedule: 10%
        assertThat(s.getFractionPpm()).isEqualTo(100_000);
        assertThat(s.getFromActive()).isEqualByComparingTo("300");
        assertThat(s.getFromPending()).isEqualByComparingTo("100");
        // a quarter of the 10% is returned to active and pending alike: everyone keeps 92.5%
        assertThat(h.value("gpu-1", alice)).isEqualTo(BigInteger.valueOf(925));
        assertThat(h.value("gpu-1", op)).isEqualTo(BigInteger.valueOf(925));
        assertThat(s.getNewScale()).isEqualByComparingTo("925000000000000000");
        // 50% burned, 25% redistributed, 25% back to the stakers
        assertThat(s.getBurned()).isEqualByComparingTo("200");
        assertThat(s.getRedistributed()).isEqualByComparingTo("100");
        assertThat(s.getReturnedToDelegators()).isEqualByComparingTo("100");
        assertThat(h.pool("gpu-1").getRedistributable()).isEqualByComparingTo("100");
        h.advanceDays(7);
        Outcome claim = h.ok(bob, "gpu-1", new ClaimUnstake(bob.key()));
        assertThat(claim.payouts().get(0).getAmount()).isEqualByComparingTo("925");
    }

    @Test
    void operatorOnlyBurnsTheOperatorsSharesAndConfiscatesItsEarnings() {
        LedgerHarness h = network(SlashPolicy.OPERATOR_ONLY);
        h.pool(op, "gpu-1", 2_000);
        h.delegate(alice, "gpu-1", 2_000);
        h.ok(alice, "gpu-1", new Unstake(null, BigDecimal.valueOf(500)));
        h.payEpoch(RewardTree.Leaf.of("gpu-1", 0, 1_000));
        BigInteger aliceBefore = h.value("gpu-1", alice);
        SlashOutcome s = slash(h, "gpu-1", "s1", SlashReason.INVALID_PROOF, null); // 25%
        assertThat(s.getOperatorSharesBurned()).isEqualByComparingTo("500");
        assertThat(s.getFromActive()).isEqualByComparingTo("500");
        assertThat(s.getFromPending()).isEqualByComparingTo("0");
        // the operator's USDC (2000 of 3500 shares of 800, plus the 200 commission) goes to the treasury
        assertThat(s.getUsdcConfiscated()).isEqualByComparingTo("657");
        assertThat(h.unsettledPayouts()).filteredOn(p -> p.getKind() == io.stakestream.avro.PayoutKind.SLASH_TREASURY
                        && p.getAsset() == io.stakestream.avro.Asset.USDC).singleElement()
                .satisfies(p -> {
                    assertThat(p.getAmount()).isEqualByComparingTo("657");
                    assertThat(Accounts.same(p.getAccount(), h.treasury.key())).isTrue();
                });
        assertThat(h.value("gpu-1", alice)).isGreaterThanOrEqualTo(aliceBefore);
        assertThat(h.value("gpu-1", op)).isEqualTo(BigInteger.valueOf(1_500 + 62)); // 1500 left + its share of the returned 125
        h.advanceDays(7);
        assertThat(h.ok(alice, "gpu-1", new ClaimUnstake(alice.key())).payouts().get(0).getAmount()).isEqualByComparingTo("500");
        // the invalid-proof rule puts the pool in a reward cooldown
        assertThat(h.pool("gpu-1").getRewardCooldownUntil()).isGreaterThan(0L);
    }

    @Test
    void repeatedSlashesDeactivateThePoolUnderTwentyPercentButUnstakeStillWorks() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA);
        h.ok(h.admin, Keys.NETWORK, new io.stakestream.avro.UpdatePoolOverview(Params.defaults(h.treasury.key())
                .setSlashPolicy(SlashPolicy.PRO_RATA)
                .setSlashSplit(new SlashSplit(10_000, 0, 0, 0)).build()));
        h.pool(op, "gpu-1", 10_000);
        h.delegate(alice, "gpu-1", 10_000);
        int n = 0;
        while (h.pool("gpu-1").getStatus() == PoolStatus.ACTIVE) {
            slash(h, "gpu-1", "s" + n, SlashReason.OTHER, 400_000);
            n++;
        }
        // 0.6^3 = 0.216 stays active, 0.6^4 = 0.1296 falls under the 20% floor
        assertThat(n).isEqualTo(4);
        assertThat(h.pool("gpu-1").getScale()).isEqualByComparingTo("129600000000000000");
        h.no(POOL_NOT_ACTIVE, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.ok(alice, "gpu-1", new Unstake(new BigDecimal(h.shares("gpu-1", alice)), null));
        h.advanceDays(7);
        assertThat(h.ok(alice, "gpu-1", new ClaimUnstake(alice.key())).payouts().get(0).getAmount()).isEqualByComparingTo("1296");
    }

    @Test
    void aForgedTraceBansThePoolForGood() {
        LedgerHarness h = network(SlashPolicy.OPERATOR_ONLY);
        h.pool(op, "gpu-1", 2_000);
        SlashOutcome s = slash(h, "gpu-1", "forged", SlashReason.FORGED_TRACE, null);
        assertThat(s.getFractionPpm()).isEqualTo(500_000);
        assertThat(s.getBanned()).isTrue();
        assertThat(s.getPoolDeactivated()).isTrue();
        assertThat(h.pool("gpu-1").getStatus()).isEqualTo(PoolStatus.DEACTIVATED);
    }

    @Test
    void theDisputeWindowHoldsExecutionAndTheAdminCanCancel() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 2_000);
        h.ok(h.slasher, "gpu-1", propose("s1", SlashReason.DROPOUT, null));
        h.no(SLASH_EXISTS, h.slasher, "gpu-1", propose("s1", SlashReason.DROPOUT, null));
        h.no(DISPUTE_WINDOW_OPEN, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.no(UNAUTHORIZED, alice, "gpu-1", new CancelSlash("s1", "disputed"));
        h.ok(h.admin, "gpu-1", new CancelSlash("s1", "dispute upheld by governance"));
        h.closeEpoch();
        h.no(UNKNOWN_SLASH, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        assertThat(h.pool("gpu-1").getTotalStake()).isEqualByComparingTo("2000");
    }

    @Test
    void limitsAndAuthority() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 2_000);
        h.no(SLASH_TOO_LARGE, h.slasher, "gpu-1", propose("big", SlashReason.OTHER, 500_001));
        h.no(INVALID_ARGUMENT, h.slasher, "gpu-1", propose("nodefault", SlashReason.OTHER, null));
        h.no(UNAUTHORIZED, op, "gpu-1", propose("self", SlashReason.OTHER, 1));
        h.no(UNKNOWN_POOL, h.slasher, "nope", propose("x", SlashReason.OTHER, 1));
        h.ok(h.slasher, "gpu-1", ProposeSlash.newBuilder().setSlashId("amt").setReason(SlashReason.OTHER)
                .setAmount(BigDecimal.valueOf(1_001)).setEvidence("e").build());
        waitOutWindow(h);
        h.no(SLASH_TOO_LARGE, h.slasher, "gpu-1", new ExecuteSlash("amt"));
    }

    @Test
    void inferenceNetsHaltGateWaitsForTheSlashingDelay() {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key())
                .setRequireHaltBeforeSlash(true).build());
        h.pool(op, "gpu-1", 2_000);
        h.ok(h.slasher, "gpu-1", propose("s1", SlashReason.SLA_BREACH, null));
        waitOutWindow(h);
        h.no(HALT_DELAY_NOT_OVER, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.now += Params.DAY_SECONDS * 1000 - 1;
        h.no(HALT_DELAY_NOT_OVER, h.slasher, "gpu-1", new ExecuteSlash("s1"));
        h.now += 1;
        Outcome o = h.ok(h.slasher, "gpu-1", new ExecuteSlash("s1"));
        assertThat(o.slashes()).singleElement().satisfies(x -> assertThat(x.getFractionPpm()).isEqualTo(100_000));
    }

    @Test
    @org.junit.jupiter.api.Tag("slow") // 100k delegators: too slow to rerun per mutant, PIT leaves it out
    void aSlashCostsTheSameStoreWorkForTenOrAHundredThousandDelegators() {
        for (SlashPolicy policy : SlashPolicy.values()) {
            long[] small = slashCost(policy, 10);
            long[] large = slashCost(policy, 100_000);
            assertThat(large).as("reads and writes of one %s slash", policy).containsExactly(small);
        }
    }

    private long[] slashCost(SlashPolicy policy, int delegators) {
        LedgerHarness h = network(policy);
        h.checkEveryCommand = false;
        h.pool(op, "gpu-1", 10_000);
        for (int i = 0; i < delegators; i++) h.delegate(Account.named("d" + i), "gpu-1", 10 + i % 7);
        h.ok(h.slasher, "gpu-1", propose("s", SlashReason.SLA_BREACH, null));
        waitOutWindow(h);
        h.store.resetCounts();
        int payouts = h.ok(h.slasher, "gpu-1", new ExecuteSlash("s")).payouts().size();
        long[] cost = {h.store.reads(), h.store.writes() - payouts}; // one record per payout, whatever rounding leaves
        h.invariants.check(h.store);
        return cost;
    }
}
