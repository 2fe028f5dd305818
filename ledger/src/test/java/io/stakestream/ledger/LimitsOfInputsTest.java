package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.INVALID_METADATA;
import static io.stakestream.avro.RejectReason.POOL_CLOSED;
import static io.stakestream.avro.RejectReason.POOL_NOT_ACTIVE;
import static io.stakestream.avro.RejectReason.ZERO_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.WhitelistMode;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The length and range limits of the smaller commands, each from both sides, and the lifecycle
 * steps that may happen once: ids of 1 to 64 characters, metadata of at most 4,096 bytes, a slash of
 * a fraction or an amount but not both and above 0 ppm, a halt that remembers when it began, a pool
 * that retires once and closes once, and whitelist marks that belong to one pool id.
 */
class LimitsOfInputsTest {
    static final String POOL = "gpu-1";
    /** The ledger's limit on pool metadata in UTF-8 bytes. */
    static final int MAX_METADATA_BYTES = 4096;
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");

    static ProposeSlash.Builder slash(String id) {
        return ProposeSlash.newBuilder().setSlashId(id).setReason(SlashReason.OTHER).setEvidence("e");
    }

    @Test
    void modelIdsAreOneToSixtyFourCharacters() {
        h.ok(h.admin, Keys.NETWORK, new SetModel("m".repeat(64), BigDecimal.ZERO, false));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new SetModel("m".repeat(65), BigDecimal.ZERO, true));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new SetModel("", BigDecimal.ZERO, true));
        NetworkState n = h.store.get(Table.NETWORK, Keys.NETWORK_STATE);
        assertThat(n.getModels()).containsOnlyKeys("llama-70b", "m".repeat(64));
        assertThat(n.getModels().get("m".repeat(64)).getEnabled()).isFalse();
    }

    @Test
    void slashIdsAreOneToSixtyFourCharactersAndASlashTakesMoreThanNothing() {
        h.pool(op, POOL, 1_000);
        h.ok(h.slasher, POOL, slash("s".repeat(64)).setFractionPpm(1).build());
        h.no(INVALID_ARGUMENT, h.slasher, POOL, slash("s".repeat(65)).setFractionPpm(1).build());
        h.no(INVALID_ARGUMENT, h.slasher, POOL, slash("").setFractionPpm(1).build());
        h.no(ZERO_AMOUNT, h.slasher, POOL, slash("zero").setFractionPpm(0).build());
        h.no(INVALID_ARGUMENT, h.slasher, POOL, slash("both").setFractionPpm(1_000).setAmount(BigDecimal.TEN).build());
        h.ok(h.slasher, POOL, slash("max").setFractionPpm(500_000).build());
        assertThat(h.pool(POOL).getProposedSlashes()).isEqualTo(2);
    }

    @Test
    void metadataIsAtMostFourKilobytes() {
        String prefix = "{\"url\":\"https://n.example\",\"x\":\"";
        String suffix = "\"}";
        String exact = prefix + "a".repeat(MAX_METADATA_BYTES - prefix.length() - suffix.length()) + suffix;
        CreateOperatorPool fits = LedgerHarness.createPool(1_000);
        fits.setMetadataJson(exact);
        h.ok(op, POOL, fits);
        CreateOperatorPool over = LedgerHarness.createPool(1_000);
        over.setMetadataJson(prefix + "a".repeat(MAX_METADATA_BYTES - prefix.length() - suffix.length() + 1) + suffix);
        h.no(INVALID_METADATA, op, "gpu-2", over);
        CreateOperatorPool array = LedgerHarness.createPool(1_000);
        array.setMetadataJson("[\"url\"]");
        h.no(INVALID_METADATA, op, "gpu-3", array);
    }

    @Test
    void aHaltRemembersWhenItBeganUntilItIsLifted() {
        h.pool(op, POOL, 1_000);
        h.ok(h.halter, POOL, new SetHaltStatus(true));
        assertThat(h.pool(POOL).getHaltedAt()).isEqualTo(h.now);
        long began = h.now;
        h.advanceDays(1);
        h.ok(h.halter, POOL, new SetHaltStatus(true));
        assertThat(h.pool(POOL).getHaltedAt()).as("halting again does not restart the delay").isEqualTo(began);
        h.ok(h.halter, POOL, new SetHaltStatus(false));
        assertThat(h.pool(POOL).getHaltedAt()).isZero();
    }

    @Test
    void aPoolRetiresOnceAndClosesOnce() {
        h.pool(op, POOL, 1_000);
        h.ok(op, POOL, new RetireOperatorPool());
        assertThat(h.pool(POOL).getStatus()).isEqualTo(PoolStatus.RETIRED);
        h.no(POOL_NOT_ACTIVE, op, POOL, new RetireOperatorPool());
        h.ok(op, POOL, new CloseOperatorPool());
        long closedEpoch = h.pool(POOL).getClosedEpoch();
        h.closeEpoch();
        h.no(POOL_CLOSED, op, POOL, new CloseOperatorPool());
        assertThat(h.pool(POOL).getClosedEpoch()).isEqualTo(closedEpoch);
    }

    @Test
    void aWhitelistMarkBelongsToItsPoolId() {
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setWhitelistMode(WhitelistMode.EXPLICIT).build()));
        h.ok(h.admin, POOL, new SetWhitelist(true));
        h.pool(op, POOL, 1_000);
        h.pool(Account.named("operator-2"), "gpu-2", 1_000);
        assertThat(h.pool(POOL).getWhitelisted()).isTrue();
        assertThat(h.pool("gpu-2").getWhitelisted()).isFalse();
        h.ok(h.admin, POOL, new SetWhitelist(false));
        assertThat(h.pool(POOL).getWhitelisted()).isFalse();
    }
}
