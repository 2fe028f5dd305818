package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutFailed;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Withdraw;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Payouts custody could not send, of either asset and to a payee with or without a staking record
 * in the pool: the amount comes back as the payee's free balance, counted as returned, and can be
 * withdrawn again; the harness checks both balance identities and the reconciliation after each step.
 */
class FailedPayoutsTest {
    static final String POOL = "gpu-1";
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    @Test
    void aFailedUsdcWithdrawalComesBackAsFreeUsdcAndIsWithdrawnAgain() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 1_000);
        h.ok(h.custody, POOL, LedgerHarness.deposit(alice, Asset.USDC, 300, h.nextChainRef(), false));
        Payout p = h.ok(alice, POOL, new Withdraw(Asset.USDC, BigDecimal.valueOf(120))).payouts().get(0);
        assertThat(h.position(POOL, alice).getFreeUsdc()).isEqualByComparingTo("180");

        Outcome failed = h.ok(h.custody, POOL, new PayoutFailed(p.getPayoutId(), "blocked address"));
        assertThat(failed.events().get(0).getUsdcDelta()).isEqualByComparingTo("120");
        assertThat(failed.events().get(0).getTokenDelta()).isNull();
        assertThat(h.position(POOL, alice).getFreeUsdc()).isEqualByComparingTo("300");
        assertThat(h.pool(POOL).getUsdcReturned()).isEqualByComparingTo("120");
        assertThat(h.pool(POOL).getUsdcFree()).isEqualByComparingTo("300");
        assertThat(h.pool(POOL).getUsdcUnsettled()).isEqualByComparingTo("0");
        Payout again = h.ok(alice, POOL, new Withdraw(Asset.USDC, BigDecimal.valueOf(300))).payouts().get(0);
        assertThat(again.getAmount()).isEqualByComparingTo("300");
        assertThat(h.pool(POOL).getUsdcFree()).isEqualByComparingTo("0");
    }

    @Test
    void aFailedPayoutToAnAccountWithoutARecordOpensOneHoldingTheAmount() {
        LedgerHarness h = SlashExecutionTest.network(SlashPolicy.OPERATOR_ONLY, SlashExecutionTest.split(5_000, 0, 0, 5_000), 200_000);
        h.pool(op, POOL, 2_000);
        h.ok(h.slasher, POOL, SlashingTest.propose("s1", SlashReason.OTHER, 100_000));
        SlashingTest.waitOutWindow(h);
        Outcome slash = h.ok(h.slasher, POOL, new ExecuteSlash("s1"));
        Payout toTreasury = SlashExecutionTest.payouts(slash, PayoutKind.SLASH_TREASURY, Asset.TOKEN).get(0);
        assertThat(toTreasury.getAmount()).isEqualByComparingTo("100");
        assertThat(h.position(POOL, h.treasury)).isNull();
        long records = h.pool(POOL).getPositionCount();

        Outcome failed = h.ok(h.custody, POOL, new PayoutFailed(toTreasury.getPayoutId(), "treasury multisig rejected it"));
        assertThat(failed.events().get(0).getTokenDelta()).isEqualByComparingTo("100");
        assertThat(failed.events().get(0).getUsdcDelta()).isNull();
        assertThat(h.position(POOL, h.treasury).getFreeTokens()).isEqualByComparingTo("100");
        assertThat(h.position(POOL, h.treasury).getShares()).isEqualByComparingTo("0");
        assertThat(h.pool(POOL).getPositionCount()).isEqualTo(records + 1);
        assertThat(h.pool(POOL).getTokensReturned()).isEqualByComparingTo("100");
        Payout again = h.ok(h.treasury, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(100))).payouts().get(0);
        assertThat(again.getAccount()).isEqualTo(h.treasury.key());
        assertThat(h.position(POOL, h.treasury).getFreeTokens().toBigInteger()).isEqualTo(BigInteger.ZERO);
    }
}
