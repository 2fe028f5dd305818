package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.DUPLICATE_DEPOSIT;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.ZERO_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.NetworkState;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Money entering through custody outside a pool: the reward vault is funded with tokens, USDC or
 * both but not nothing, by a well-formed chain transfer, once; deposits made ahead of a pool by one
 * owner add up in one record, which the pool takes over when it is created.
 */
class VaultFundingTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account alice = Account.named("alice");

    NetworkState network() {
        return h.store.get(Table.NETWORK, Keys.NETWORK_STATE);
    }

    static FundRewards funding(long tokens, long usdc, ChainRef ref) {
        return new FundRewards(BigDecimal.valueOf(tokens), BigDecimal.valueOf(usdc), ref);
    }

    @Test
    void theVaultIsFundedWithEitherAssetOrBothButNotNothingEachTransferOnce() {
        h.no(ZERO_AMOUNT, h.custody, Keys.NETWORK, funding(0, 0, h.nextChainRef()));
        h.ok(h.custody, Keys.NETWORK, funding(0, 7, h.nextChainRef()));
        h.ok(h.custody, Keys.NETWORK, funding(11, 0, h.nextChainRef()));
        ChainRef ref = h.nextChainRef();
        h.ok(h.custody, Keys.NETWORK, funding(100, 50, ref));
        assertThat(network().getVaultTokens()).isEqualByComparingTo("111");
        assertThat(network().getVaultUsdc()).isEqualByComparingTo("57");

        assertThat(h.no(DUPLICATE_DEPOSIT, h.custody, Keys.NETWORK, funding(100, 50, ref)).message()).contains("funded the reward vault already");
        h.no(INVALID_ARGUMENT, h.custody, Keys.NETWORK, funding(5, 0, new ChainRef(1L, ByteBuffer.wrap(new byte[31]), 0L)));
        h.no(INVALID_ARGUMENT, h.custody, Keys.NETWORK, funding(5, 0, new ChainRef(1L, ByteBuffer.wrap(new byte[32]), -1L)));
        assertThat(network().getVaultTokens()).isEqualByComparingTo("111");
    }

    @Test
    void depositsAheadOfThePoolByOneOwnerAddUpAndThePoolTakesThemOver() {
        h.ok(h.custody, "gpu-9", LedgerHarness.deposit(alice, Asset.TOKEN, 100, h.nextChainRef(), false));
        h.ok(h.custody, "gpu-9", LedgerHarness.deposit(alice, Asset.TOKEN, 150, h.nextChainRef(), false));
        h.ok(h.custody, "gpu-9", LedgerHarness.deposit(alice, Asset.USDC, 30, h.nextChainRef(), false));
        assertThat(h.position("gpu-9", alice).getFreeTokens()).isEqualByComparingTo("250");
        assertThat(network().getUnpooledTokens()).isEqualByComparingTo("250");

        h.pool(Account.named("operator"), "gpu-9", 1_000);
        assertThat(h.position("gpu-9", alice).getFreeTokens()).isEqualByComparingTo("250");
        assertThat(h.position("gpu-9", alice).getFreeUsdc()).isEqualByComparingTo("30");
        assertThat(h.pool("gpu-9").getTokensFree()).isEqualByComparingTo("250");
        assertThat(network().getUnpooledTokens()).isEqualByComparingTo("0");
    }
}
