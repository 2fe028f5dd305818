package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.NOTHING_TO_CLAIM;
import static io.stakestream.avro.RejectReason.ZERO_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CloseStakingRecord;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashSplit;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Executing a slash: its payouts (burn and treasury, tokens and confiscated USDC) add up to what
 * left the pool; a slash by amount succeeds under either policy; a pool with nothing of the
 * operator's left is refused NOTHING_TO_CLAIM whichever form the slash takes; the deactivation
 * floor is exclusive; a reason without a cooldown leaves the pool's rewards alone.
 */
class SlashExecutionTest {
    static final String POOL = "gpu-1";
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    static LedgerHarness network(SlashPolicy policy, SlashSplit split, int deactivationPpm) {
        return new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setSlashPolicy(policy)
                .setSlashSplit(split).setDeactivationScalePpm(deactivationPpm).build());
    }

    static SlashSplit split(int burn, int redistribute, int returned, int treasury) {
        return SlashSplit.newBuilder().setBurnBps(burn).setRedistributeBps(redistribute).setReturnBps(returned).setTreasuryBps(treasury).build();
    }

    static ProposeSlash byAmount(String id, long amount) {
        return ProposeSlash.newBuilder().setSlashId(id).setReason(SlashReason.OTHER).setAmount(BigDecimal.valueOf(amount)).setEvidence("e").build();
    }

    static List<Payout> payouts(Outcome o, PayoutKind kind, Asset asset) {
        return o.payouts().stream().filter(p -> p.getKind() == kind && p.getAsset() == asset).toList();
    }

    @Test
    void theSlashPayoutsAddUpToWhatLeftThePool() {
        LedgerHarness h = network(SlashPolicy.OPERATOR_ONLY, split(4_000, 2_000, 2_000, 2_000), 200_000);
        h.pool(op, POOL, 2_000);
        h.delegate(alice, POOL, 2_000);
        h.ok(h.slasher, POOL, SlashingTest.propose("s1", SlashReason.OTHER, 250_000));
        SlashingTest.waitOutWindow(h);
        Outcome o = h.ok(h.slasher, POOL, new ExecuteSlash("s1"));
        SlashOutcome s = o.slashes().get(0);
        assertThat(s.getAmount()).isEqualByComparingTo("500");
        assertThat(payouts(o, PayoutKind.SLASH_BURN, Asset.TOKEN)).singleElement()
                .satisfies(p -> assertThat(p.getAmount()).isEqualByComparingTo("200"));
        List<Payout> treasury = payouts(o, PayoutKind.SLASH_TREASURY, Asset.TOKEN);
        assertThat(treasury).singleElement().satisfies(p -> {
            assertThat(p.getAmount()).isEqualByComparingTo("100");
            assertThat(Accounts.same(p.getAccount(), h.treasury.key())).isTrue();
        });
        assertThat(s.getRedistributed()).isEqualByComparingTo("100");
        assertThat(s.getReturnedToDelegators()).isEqualByComparingTo("100");
        assertThat(h.pool(POOL).getRewardCooldownUntil()).as("OTHER carries no reward cooldown").isZero();
    }

    @Test
    void aRuleWithoutACooldownLeavesTheRewardsFlowing() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA, split(10_000, 0, 0, 0), 200_000);
        h.pool(op, POOL, 2_000);
        SlashOutcome s = SlashingTest.slash(h, POOL, "s1", SlashReason.SLA_BREACH, null); // its rule: 10%, no cooldown
        assertThat(s.getAmount()).isEqualByComparingTo("200");
        assertThat(h.pool(POOL).getRewardCooldownUntil()).isZero();
    }

    @Test
    void afterASlashASingleShareCanBeWorthNothingAndIsNotUnstaked() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA, split(10_000, 0, 0, 0), 200_000);
        h.pool(op, POOL, 2_000);
        h.delegate(alice, POOL, 2_000);
        SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 500_000); // 2,000 tokens left for 4,000 shares
        h.no(ZERO_AMOUNT, alice, POOL, new Unstake(BigDecimal.ONE, null));
        h.ok(alice, POOL, new Unstake(BigDecimal.valueOf(2), null));
        assertThat(h.position(POOL, alice).getPending()).hasSize(1);
        assertThat(h.shares(POOL, alice)).isEqualTo(java.math.BigInteger.valueOf(1_998));
    }

    @Test
    void aDeactivatedPoolsRedistributedPartIsClearedAtTheNextClose() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA, split(5_000, 5_000, 0, 0), 600_000);
        h.pool(op, POOL, 2_000);
        SlashOutcome s = SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 500_000);
        assertThat(s.getPoolDeactivated()).isTrue();
        assertThat(h.pool(POOL).getRedistributable()).isEqualByComparingTo("500");
        h.closeEpoch(); // the pool earns nothing in it, so only the clearing writes it
        assertThat(h.pool(POOL).getRedistributable()).isEqualByComparingTo("0");
    }

    @Test
    void claimingSlashedPendingUnstakesLeavesTheirRoundingAsDust() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA, split(10_000, 0, 0, 0), 200_000);
        h.pool(op, POOL, 2_000);
        h.delegate(alice, POOL, 2_000);
        h.ok(alice, POOL, new Unstake(null, BigDecimal.ONE));
        h.ok(alice, POOL, new Unstake(null, BigDecimal.valueOf(3)));
        SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 500_000); // the pending 1 and 3 are worth 0.5 and 1.5 now
        assertThat(Pool.wrap(h.pool(POOL)).pendingValue()).isEqualTo(java.math.BigInteger.TWO);
        BigDecimal dustBefore = h.pool(POOL).getTokenDust();
        h.advanceDays(8);
        Outcome claim = h.ok(alice, POOL, new ClaimUnstake(alice.key()));
        // each rounds down: 0 + 1 paid, and the half a token each left behind is one whole token of dust
        assertThat(claim.payouts()).singleElement().satisfies(p -> assertThat(p.getAmount()).isEqualByComparingTo("1"));
        assertThat(h.pool(POOL).getTokenDust().subtract(dustBefore)).isEqualByComparingTo("1");
        assertThat(Pool.wrap(h.pool(POOL)).pendingValue()).isZero();
    }

    @Test
    void aSlashWhollyRedistributedPaysNothingOutAndStillTakesItsPart() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA, split(0, 10_000, 0, 0), 200_000);
        h.pool(op, POOL, 2_000);
        h.ok(h.slasher, POOL, SlashingTest.propose("s1", SlashReason.OTHER, 250_000));
        SlashingTest.waitOutWindow(h);
        Outcome o = h.ok(h.slasher, POOL, new ExecuteSlash("s1"));
        assertThat(o.payouts()).isEmpty();
        assertThat(o.slashes().get(0).getRedistributed()).isEqualByComparingTo("500");
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("1500");
        assertThat(h.pool(POOL).getRedistributable()).isEqualByComparingTo("500");
        assertThat(h.pool(POOL).getProposedSlashes()).isZero();
    }

    @Test
    void aSlashByAmountTakesThatAmountUnderProRata() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA, split(10_000, 0, 0, 0), 200_000);
        h.pool(op, POOL, 3_000);
        h.delegate(alice, POOL, 1_000);
        h.ok(h.slasher, POOL, byAmount("a1", 400));
        SlashOutcome s = SlashingTest.executeAfterWindow(h, POOL, "a1");
        assertThat(s.getAmount()).isEqualByComparingTo("400");
        assertThat(s.getFractionPpm()).isEqualTo(100_000);
        assertThat(h.value(POOL, alice)).isEqualByComparingTo(java.math.BigInteger.valueOf(900));
    }

    @Test
    void theDeactivationFloorItselfStillCountsAsActive() {
        LedgerHarness h = network(SlashPolicy.PRO_RATA, split(10_000, 0, 0, 0), 500_000);
        h.pool(op, POOL, 2_000);
        SlashOutcome s = SlashingTest.slash(h, POOL, "s1", SlashReason.OTHER, 500_000);
        assertThat(s.getNewScale()).isEqualByComparingTo(new BigDecimal(Amounts.SCALE.divide(java.math.BigInteger.TWO)));
        assertThat(s.getPoolDeactivated()).isFalse();
        assertThat(h.pool(POOL).getStatus()).isEqualTo(PoolStatus.ACTIVE);
    }

    @Test
    void aPoolWithNothingLeftToSlashIsRefusedInEitherForm() {
        for (SlashPolicy policy : SlashPolicy.values()) {
            LedgerHarness h = network(policy, split(5_000, 2_500, 2_500, 0), 200_000);
            h.pool(op, POOL, 1_000);
            h.ok(op, POOL, new RetireOperatorPool());
            h.ok(op, POOL, new Unstake(null, BigDecimal.valueOf(1_000)));
            h.advanceDays(8);
            h.ok(op, POOL, new ClaimUnstake(op.key()));
            h.ok(h.slasher, POOL, SlashingTest.propose("f", SlashReason.OTHER, 100_000));
            h.ok(h.slasher, POOL, byAmount("a", 10));
            SlashingTest.waitOutWindow(h);
            assertThat(h.no(NOTHING_TO_CLAIM, h.slasher, POOL, new ExecuteSlash("f")).message()).as("%s", policy).contains("nothing left to slash");
            assertThat(h.no(NOTHING_TO_CLAIM, h.slasher, POOL, new ExecuteSlash("a")).message()).as("%s", policy).contains("nothing left to slash");
        }
    }

    @Test
    void anOperatorOnlySlashFindsNothingOnceTheOperatorsRecordIsClosed() {
        LedgerHarness h = network(SlashPolicy.OPERATOR_ONLY, split(5_000, 2_500, 2_500, 0), 200_000);
        h.pool(op, POOL, 1_000);
        h.ok(op, POOL, new CloseOperatorPool());
        h.ok(op, POOL, new Unstake(null, BigDecimal.valueOf(1_000)));
        h.advanceDays(8);
        h.ok(op, POOL, new ClaimUnstake(op.key()));
        h.ok(op, POOL, new CloseStakingRecord());
        h.ok(h.slasher, POOL, SlashingTest.propose("s1", SlashReason.OTHER, 100_000));
        SlashingTest.waitOutWindow(h);
        assertThat(h.no(NOTHING_TO_CLAIM, h.slasher, POOL, new ExecuteSlash("s1")).message()).contains("staking record is closed");
    }
}
