package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Defects 4 and 6: under PRO_RATA every stake and every pending unstake keeps the same fraction,
 * the returned part included, and deactivation measures what is left after the returned part.
 * The split is the default 50% burned, 25% redistributed, 25% returned.
 */
class ProRataSlashTest {
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    @Test
    void activeAndPendingKeepTheSameFraction() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 1_000);
        h.delegate(bob, "gpu-1", 1_000);
        h.ok(bob, "gpu-1", new Unstake(null, BigDecimal.valueOf(1_000)));
        SlashOutcome s = SlashingTest.slash(h, "gpu-1", "s1", SlashReason.OTHER, 500_000);
        // 50% slashed, a quarter of it returned: everyone keeps 62.5%
        assertThat(h.value("gpu-1", alice)).isEqualTo(BigInteger.valueOf(625));
        assertThat(h.value("gpu-1", op)).isEqualTo(BigInteger.valueOf(625));
        assertThat(s.getReturnedToDelegators()).isEqualByComparingTo("375");
        assertThat(s.getAmount()).isEqualByComparingTo("1500");
        h.advanceDays(7);
        assertThat(h.ok(bob, "gpu-1", new ClaimUnstake(bob.key())).payouts().get(0).getAmount()).isEqualByComparingTo("625");
    }

    @Test
    void aLargePendingQueueDoesNotEnrichTheActiveStakers() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 1_000);
        for (int i = 0; i < 7; i++) {
            Account d = Account.named("leaver-" + i);
            h.delegate(d, "gpu-1", 1_000);
            h.ok(d, "gpu-1", new Unstake(null, BigDecimal.valueOf(1_000)));
        }
        SlashingTest.slash(h, "gpu-1", "s1", SlashReason.OTHER, 500_000);
        // before: 1,000 became 1,875 because the returned part of 7,000 pending went to active stake
        assertThat(h.value("gpu-1", op)).isEqualTo(BigInteger.valueOf(625));
        assertThat(Pool.wrap(h.pool("gpu-1")).pendingValue()).isEqualTo(BigInteger.valueOf(7 * 625));
    }

    @Test
    void deactivationCountsWhatIsLeftAfterTheReturnedPart() {
        LedgerHarness h = SlashingTest.network(SlashPolicy.PRO_RATA);
        h.pool(op, "gpu-1", 10_000);
        h.delegate(alice, "gpu-1", 10_000);
        for (int i = 0; i < 3; i++) SlashingTest.slash(h, "gpu-1", "s" + i, SlashReason.OTHER, 500_000);
        // 0.625^3 = 24.4% of the unslashed value (T rounds up for the stakers): above the 20% floor
        assertThat(h.value("gpu-1", alice)).isEqualTo(BigInteger.valueOf(2_442));
        assertThat(h.pool("gpu-1").getStatus()).isEqualTo(PoolStatus.ACTIVE);
        SlashOutcome fourth = SlashingTest.slash(h, "gpu-1", "s3", SlashReason.OTHER, 500_000);
        assertThat(fourth.getPoolDeactivated()).isTrue();
        assertThat(h.pool("gpu-1").getStatus()).isEqualTo(PoolStatus.DEACTIVATED);
    }
}
