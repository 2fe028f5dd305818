package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Rounding that shows: amounts that do not divide, with every figure worked out by hand in the
 * comments, so a division that rounds the wrong way (towards the staker) changes a number here.
 */
class RoundingTest {
    static final String POOL = "gpu-1";
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    static BigInteger n(long v) {
        return BigInteger.valueOf(v);
    }

    /** T = 1400 behind S = 1000 after a 500 reward with 20% commission: the price is 1.4. */
    void pricedPool() {
        h.pool(op, POOL, 1_000);
        h.closeEpoch();
        h.ok(h.rewarder, POOL, new AccrueRewardEmergencyBypass(0L, BigDecimal.valueOf(500), BigDecimal.ZERO, "reward"));
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("1400");
        assertThat(h.pool(POOL).getTokenCommission()).isEqualByComparingTo("100");
    }

    @Test
    void mintedSharesRoundDownAndTheStakerSeesItInTheValue() {
        pricedPool();
        h.delegate(alice, POOL, 1_000);
        // 1000 * 1000 / 1400 = 714.28 -> 714 shares
        assertThat(h.shares(POOL, alice)).isEqualTo(n(714));
        assertThat(h.pool(POOL).getTotalShares()).isEqualByComparingTo("1714");
        // 714 * 2400 / 1714 = 999.77 -> worth 999: the fraction stays in the pool
        assertThat(h.value(POOL, alice)).isEqualTo(n(999));
        assertThat(h.value(POOL, op)).isEqualTo(n(1_400)); // 1000 * 2400 / 1714 = 1400.23 -> 1400
    }

    @Test
    void unstakingAnAmountBurnsSharesRoundedUp() {
        pricedPool();
        h.delegate(alice, POOL, 1_000);
        h.ok(alice, POOL, new Unstake(null, BigDecimal.valueOf(500)));
        // 500 * 1714 / 2400 = 357.08 -> 358 shares burned, never 357
        assertThat(h.shares(POOL, alice)).isEqualTo(n(714 - 358));
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("1900");
        assertThat(h.pool(POOL).getTotalShares()).isEqualByComparingTo("1356");
        // 356 * 1900 / 1356 = 498.82 -> 498
        assertThat(h.value(POOL, alice)).isEqualTo(n(498));
    }

    @Test
    void unstakingSharesPaysTheirValueRoundedDown() {
        pricedPool();
        h.delegate(alice, POOL, 1_000);
        h.ok(alice, POOL, new Unstake(BigDecimal.valueOf(100), null));
        // 100 * 2400 / 1714 = 140.02 -> 140 tokens leave T
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("2260");
        assertThat(h.pool(POOL).getTotalShares()).isEqualByComparingTo("1614");
        assertThat(h.position(POOL, alice).getPending()).hasSize(1);
        assertThat(Pool.wrap(h.pool(POOL)).pendingValue()).isEqualTo(n(140));
    }

    @Test
    void usdcThatDoesNotDivideLeavesTrackedDust() {
        pricedPool();
        h.delegate(alice, POOL, 1_000);
        h.closeEpoch();
        h.ok(h.rewarder, POOL, new AccrueRewardEmergencyBypass(1L, BigDecimal.ZERO, BigDecimal.valueOf(1_000), "revenue"));
        // 20% commission: 200; 800 for 1714 shares: index step floor(800e36 / 1714)
        BigInteger step = n(800).multiply(Amounts.INDEX).divide(n(1_714));
        assertThat(h.pool(POOL).getUsdcIndex()).isEqualByComparingTo(new BigDecimal(step));
        assertThat(h.pool(POOL).getUsdcCommission()).isEqualByComparingTo("200");
        // the index gives back floor(step * 1714 / 1e36) = 799: one unit of dust
        assertThat(h.pool(POOL).getUsdcDust()).isEqualByComparingTo("1");
        h.ok(alice, POOL, new ClaimUsdcEarnings());
        h.ok(op, POOL, new ClaimUsdcEarnings());
        // 714 * 800 / 1714 = 333.26 -> 333, and 1000 * 800 / 1714 = 466.74 -> 466
        assertThat(h.pool(POOL).getUsdcPaidOut()).isEqualByComparingTo("799");
        assertThat(h.pool(POOL).getUsdcBalance()).isEqualByComparingTo("1"); // the dust, held and known
        assertThat(Pool.wrap(h.pool(POOL)).usdcDust()).isEqualTo(BigInteger.ONE);
    }
}
