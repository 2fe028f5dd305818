package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree;
import java.math.BigDecimal;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * DESIGN.md: every stake, unstake, accrual and slash is O(1) in the number of delegators. Measured
 * as the store reads and writes of one command in a pool of n delegators: the same for any n.
 */
class ConstantCostProperties {
    private static final Account OPERATOR = Account.named("operator");
    private static final Account ALICE = Account.named("alice");

    @Property(tries = 12)
    void stakeUnstakeAccrualAndSlashCostTheSameWhateverTheNumberOfDelegators(@ForAll @IntRange(min = 11, max = 3_000) int delegators,
                                                                           @ForAll SlashPolicy policy) {
        assertThat(costs(policy, delegators)).containsExactly(costs(policy, 10));
    }

    /** Reads and writes of a stake, an unstake, an accrual and a slash, in that order. */
    static long[] costs(SlashPolicy policy, int delegators) {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setSlashPolicy(policy).build());
        h.checkEveryCommand = false;
        h.pool(OPERATOR, "gpu", 10_000);
        for (int i = 0; i < delegators; i++) h.delegate(Account.named("d" + i), "gpu", 10 + i % 7);
        h.delegate(ALICE, "gpu", 1_000);
        h.ok(h.slasher, "gpu", ProposeSlash.newBuilder().setSlashId("s").setReason(SlashReason.SLA_BREACH).setEvidence("e").build());
        SlashingTest.waitOutWindow(h);
        h.commitRecord(0, RewardTree.Leaf.of("gpu", 500, 70));
        long[] out = new long[8];
        measure(h, out, 0, x -> h.ok(ALICE, "gpu", new Stake(BigDecimal.TEN)));
        measure(h, out, 2, x -> h.ok(ALICE, "gpu", new Unstake(null, BigDecimal.TEN)));
        measure(h, out, 4, x -> h.ok(ALICE, "gpu", h.leafOf("gpu", 0)));
        measure(h, out, 6, x -> h.ok(h.slasher, "gpu", new ExecuteSlash("s")));
        h.invariants.check(h.store);
        return out;
    }

    /**
     * Each payout issued is one record (whether a slash's treasury remainder rounds to zero depends
     * on amounts, not on the delegators), so writes are counted without those.
     */
    private static void measure(LedgerHarness h, long[] out, int at, Consumer<Void> command) {
        int before = h.unsettledPayouts().size();
        h.store.resetCounts();
        command.accept(null);
        out[at] = h.store.reads();
        out[at + 1] = h.store.writes() - (h.unsettledPayouts().size() - before);
    }
}
