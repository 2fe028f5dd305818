package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.TOO_MANY_PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.Stake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.RewardTree.Leaf;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Stake that waits for an owed reward, in one bucket per epoch: entrants of one bucket split its
 * shares pro rata as each touches its position, the last taking what rounding left; they earn USDC
 * from the conversion on, not before; one position waits in at most maxPendingUnstakes entries, and
 * staking again in the same epoch adds to its entry; a bucket the reward's price leaves worth no
 * share becomes dust, and the treasury takes it at the next close.
 */
class EntryBucketsTest {
    static final String POOL = "gpu-1";
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");
    final Account carol = Account.named("carol");
    final Account keeper = Account.named("keeper");

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    void accrue(long epoch, long tokens, long usdc) {
        h.commitRecord(epoch, Leaf.of(POOL, tokens, usdc));
        h.ok(keeper, POOL, h.leafOf(POOL, epoch));
    }

    BigInteger claimUsdc(Account who) {
        Outcome o = h.ok(who, POOL, new ClaimUsdcEarnings());
        return o.payouts().stream().filter(p -> p.getKind() == PayoutKind.USDC_EARNINGS).findFirst().orElseThrow()
                .getAmount().toBigInteger();
    }

    BigInteger convertedShares(Account who) {
        return Pool.wrap(h.pool(POOL)).entries().convertedSharesOf(h.position(POOL, who));
    }

    @Test
    void entrantsSplitTheirBucketProRataTheLastTakesTheRestAndEarnUsdcOnlyFromTheConversionOn() {
        h.pool(op, POOL, 1_000);
        h.closeEpoch();
        h.delegate(alice, POOL, 1_000);
        h.delegate(bob, POOL, 1_500);
        h.delegate(bob, POOL, 500); // the same epoch: one entry of 2,000
        h.delegate(carol, POOL, 3_001);
        assertThat(h.position(POOL, bob).getEntries()).singleElement()
                .satisfies(e -> assertThat(e.getTokens()).isEqualByComparingTo("2000"));
        assertThat(convertedShares(alice)).as("nothing converted while epoch 0 is owed").isZero();
        // epoch 0: 1,600 of 2,000 tokens raise T to 2,600 over 1,000 shares; 800 of 1,000 USDC go to those 1,000 shares
        accrue(0, 2_000, 1_000);
        // the bucket of 6,001 tokens mints floor(6,001 * 1,000 / 2,600) = 2,308 shares
        assertThat(Pool.wrap(h.pool(POOL)).entries().unclaimedShares()).isEqualTo(big(2_308));
        // before anyone touches, each is shown its pro-rata part of the whole bucket, rounded down
        assertThat(convertedShares(alice)).isEqualTo(big(384));
        assertThat(convertedShares(bob)).isEqualTo(big(769));
        assertThat(convertedShares(carol)).isEqualTo(big(1_154));
        // epoch 1: 800 USDC over the 3,308 shares now at stake
        h.closeEpoch();
        accrue(1, 0, 1_000);

        // each takes floor(its tokens * shares left / tokens left) on its first touch; the last takes the rest
        assertThat(claimUsdc(alice)).as("384 shares of 800/3,308 each, nothing of epoch 0's").isEqualTo(big(92));
        assertThat(h.shares(POOL, alice)).isEqualTo(big(384));
        assertThat(claimUsdc(bob)).isEqualTo(big(185));
        assertThat(h.shares(POOL, bob)).isEqualTo(big(769)); // floor(2,000 * 1,924 / 5,001)
        assertThat(claimUsdc(carol)).isEqualTo(big(279));
        assertThat(h.shares(POOL, carol)).as("the rest: one more than floor(3,001 * 2,308 / 6,001)").isEqualTo(big(1_155));
        assertThat(h.pool(POOL).getEntryBuckets()).isEmpty();
        assertThat(h.position(POOL, carol).getEntries()).isEmpty();
    }

    @Test
    void aBucketConvertsOnceTheEpochsBeforeItPaidAndSharesTheRewardOfItsOwnEpoch() {
        h.pool(op, POOL, 1_000);
        h.closeEpoch();
        h.delegate(alice, POOL, 1_000); // an entry of epoch 1: at stake in epoch 1, not in epoch 0
        h.closeEpoch(); // epochs 0 and 1 owed
        accrue(0, 1_250, 0); // 1,000 of it raise T to 2,000: alice's 1,000 buy 500 shares
        assertThat(h.pool(POOL).getEntryBuckets()).singleElement().satisfies(b -> assertThat(b.getConverted()).isTrue());
        assertThat(convertedShares(alice)).isEqualTo(big(500));
        accrue(1, 1_875, 0); // 1,500 of it over 1,500 shares: alice's third is 500
        assertThat(h.value(POOL, alice)).isEqualTo(big(1_500));
        assertThat(h.value(POOL, op)).isEqualTo(big(3_000));
    }

    @Test
    void aPositionWaitsInAtMostMaxPendingUnstakesEntriesAndStakingAgainInAnEpochAddsToItsEntry() {
        h.pool(op, POOL, 1_000);
        h.delegate(alice, POOL, 100);
        for (int i = 0; i < 10; i++) { // the params allow 10
            h.closeEpoch(); // owed, never paid here: every stake waits
            h.ok(alice, POOL, new Stake(BigDecimal.valueOf(100)));
        }
        assertThat(h.position(POOL, alice).getEntries()).hasSize(10);
        h.ok(alice, POOL, new Stake(BigDecimal.valueOf(5)));
        assertThat(h.position(POOL, alice).getEntries()).hasSize(10);
        assertThat(h.entryTokens(POOL, alice)).isEqualTo(big(1_005));
        h.closeEpoch();
        assertThat(h.no(TOO_MANY_PENDING, alice, POOL, new Stake(BigDecimal.valueOf(100))).message()).contains("10 entries");
    }

    @Test
    void aBucketThePriceLeavesWorthNoShareBecomesDustForTheTreasury() {
        h.pool(op, POOL, 1_000);
        h.closeEpoch();
        h.delegate(alice, POOL, 1); // one share at the entry's price of 1
        // 8,000 of 10,000 raise T to 9,000 over 1,000 shares: one token buys floor(1,000 / 9,000) = 0 shares
        accrue(0, 10_000, 0);
        assertThat(h.pool(POOL).getTokenDust()).isEqualByComparingTo("1");
        assertThat(h.value(POOL, alice)).isZero();
        Outcome close = h.ok(h.rewarder, Keys.NETWORK, new io.stakestream.avro.EpochClose(1L));
        assertThat(close.payouts()).filteredOn(p -> p.getKind() == PayoutKind.TOKEN_DUST).singleElement()
                .satisfies(p -> assertThat(p.getAmount()).isEqualByComparingTo("1"));
        assertThat(h.pool(POOL).getTokenDust()).isEqualByComparingTo("0");
    }

    @Test
    void aBucketConvertsAsSoonAsNoEpochBeforeItsOwnIsOwed() {
        h.pool(op, POOL, 1_000);
        h.closeEpoch();
        h.delegate(alice, POOL, 1_000); // an entry of epoch 1: it waits for epoch 0's reward
        h.closeEpoch();                 // epoch 1 is owed too, and alice's stake was in it
        accrue(0, 1_000, 0);
        // epoch 0 landed: T 1,800 over 1,000 shares; the bucket mints floor(1,000 * 1,000 / 1,800) = 555 while epoch 1 is still owed
        assertThat(convertedShares(alice)).isEqualTo(big(555));
        assertThat(Pool.wrap(h.pool(POOL)).entries().unclaimedShares()).isEqualTo(big(555));
    }
}
