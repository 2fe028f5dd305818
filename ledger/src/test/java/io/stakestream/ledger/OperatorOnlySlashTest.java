package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Defects 3 and 5: an OPERATOR_ONLY slash reaches the operator's pending unstakes until they are
 * claimed, and takes at most its fraction of everything the operator has at stake.
 */
class OperatorOnlySlashTest {
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    static LedgerHarness network() {
        return SlashingTest.network(SlashPolicy.OPERATOR_ONLY);
    }

    static Unstake amount(long n) {
        return new Unstake(null, BigDecimal.valueOf(n));
    }

    @Test
    void unstakingAfterTheProposalDoesNotEscapeTheSlash() {
        LedgerHarness h = network();
        h.pool(op, "gpu-1", 10_000);
        h.delegate(alice, "gpu-1", 1_000);
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.OTHER, 500_000));
        h.ok(op, "gpu-1", amount(9_000));
        SlashOutcome s = SlashingTest.executeAfterWindow(h, "gpu-1", "s1");
        assertThat(s.getFromActive()).isEqualByComparingTo("500");
        assertThat(s.getFromPending()).isEqualByComparingTo("4500");
        assertThat(s.getAmount()).isEqualByComparingTo("5000");
        assertThat(h.value("gpu-1", alice)).isGreaterThanOrEqualTo(java.math.BigInteger.valueOf(1_000));
        h.advanceDays(7);
        assertThat(h.ok(op, "gpu-1", new ClaimUnstake(op.key())).payouts().get(0).getAmount()).isEqualByComparingTo("4500");
    }

    @Test
    void closingThePoolAndUnstakingEverythingDoesNotEscapeEither() {
        LedgerHarness h = network();
        h.pool(op, "gpu-1", 10_000);
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.OTHER, 500_000));
        h.ok(op, "gpu-1", new CloseOperatorPool());
        h.ok(op, "gpu-1", amount(10_000));
        h.advanceDays(7);
        h.no(SLASH_PROPOSED, op, "gpu-1", new ClaimUnstake(op.key()));
        h.no(SLASH_PROPOSED, alice, "gpu-1", new ClaimUnstake(op.key()));
        SlashOutcome s = SlashingTest.executeAfterWindow(h, "gpu-1", "s1");
        assertThat(s.getFromPending()).isEqualByComparingTo("5000");
        assertThat(h.ok(op, "gpu-1", new ClaimUnstake(op.key())).payouts().get(0).getAmount()).isEqualByComparingTo("5000");
    }

    @Test
    void aRequiredHaltDoesNotLetTheQueuedUnstakeThroughAfterResume() {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setRequireHaltBeforeSlash(true).build());
        h.pool(op, "gpu-1", 10_000);
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.OTHER, 500_000));
        h.ok(op, "gpu-1", amount(9_000));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.advanceDays(7);
        h.ok(h.halter, "gpu-1", new SetHaltStatus(false));
        h.no(SLASH_PROPOSED, op, "gpu-1", new ClaimUnstake(op.key()));
        // a delegator's claim is not held up by the operator's slash
        h.delegate(alice, "gpu-1", 100);
        h.ok(alice, "gpu-1", amount(100));
        h.advanceDays(7);
        h.ok(alice, "gpu-1", new ClaimUnstake(alice.key()));
    }

    /** A pool whose operator stakes this much and holds 10,000 of unwithdrawn commission, slashed 50%. */
    SlashOutcome halfOfAnOperatorWithCommission(LedgerHarness h, long stake) {
        // no minimum stake, so a pool with no stake is active and earns; with no shares the whole
        // reward is the operator's unwithdrawn commission
        h.ok(h.admin, Keys.NETWORK, new io.stakestream.avro.UpdatePoolOverview(Params.defaults(Account.named("treasury").key())
                .setSlashPolicy(SlashPolicy.OPERATOR_ONLY).setMinOperatorStake(BigDecimal.ZERO).build()));
        h.pool(op, "gpu-1", 0);
        h.payEpoch(RewardTree.Leaf.of("gpu-1", 10_000, 0));
        h.ok(op, "gpu-1", new Stake(BigDecimal.valueOf(stake)));
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.OTHER, 500_000));
        return SlashingTest.executeAfterWindow(h, "gpu-1", "s1");
    }

    @Test
    void oneSlashTakesAtMostItsFractionOfWhatTheOperatorHasAtStake() {
        LedgerHarness h = network();
        SlashOutcome s = halfOfAnOperatorWithCommission(h, 5_000);
        // 50% of 5,000 staked and 10,000 commission: 7,500 of 15,000, not 12,500
        assertThat(s.getFromActive()).isEqualByComparingTo("2500");
        assertThat(s.getFromCommission()).isEqualByComparingTo("5000");
        assertThat(s.getAmount()).isEqualByComparingTo("7500");
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("5000");
    }

    @Test
    void theReturnedShareOfSeizedCommissionNeverRaisesTheSlashScale() {
        LedgerHarness h = network();
        SlashOutcome s = halfOfAnOperatorWithCommission(h, 1_000);
        // 500 of the stake and 5,000 of the commission leave; a quarter of all 5,500 comes back to the stake
        assertThat(h.pool("gpu-1").getTotalStake()).isEqualByComparingTo("1875");
        assertThat(s.getNewScale()).isEqualByComparingTo(Amounts.dec(Amounts.SCALE));
    }

    @Test
    void aFixedAmountIsMeasuredAgainstEverythingAtStake() {
        LedgerHarness h = network();
        h.pool(op, "gpu-1", 4_000);
        h.ok(op, "gpu-1", amount(2_000));
        h.ok(h.slasher, "gpu-1", io.stakestream.avro.ProposeSlash.newBuilder().setSlashId("amt").setReason(SlashReason.OTHER)
                .setAmount(BigDecimal.valueOf(2_001)).setEvidence("e").build());
        SlashingTest.waitOutWindow(h);
        h.no(SLASH_TOO_LARGE, h.slasher, "gpu-1", new ExecuteSlash("amt"));
        h.ok(h.slasher, "gpu-1", io.stakestream.avro.ProposeSlash.newBuilder().setSlashId("amt2").setReason(SlashReason.OTHER)
                .setAmount(BigDecimal.valueOf(2_000)).setEvidence("e").build());
        SlashOutcome s = SlashingTest.executeAfterWindow(h, "gpu-1", "amt2");
        assertThat(s.getAmount()).isEqualByComparingTo("2000");
        assertThat(s.getFromPending()).isEqualByComparingTo("1000");
    }
}
