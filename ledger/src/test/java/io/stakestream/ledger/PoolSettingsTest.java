package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.INVALID_METADATA;
import static io.stakestream.avro.RejectReason.POOL_CLOSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * UpdateOperatorPool changes exactly the settings it names: a change of metadata or delegation
 * announces no commission change, a cap is set or cleared but not both, a minimum self-stake that
 * does not fall applies at once and cancels a decrease still waiting, and a closed pool keeps its
 * settings.
 */
class PoolSettingsTest {
    static final String POOL = "gpu-1";
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");

    PoolSettingsTest() {
        h.pool(op, POOL, 2_000);
    }

    static UpdateOperatorPool.Builder update() {
        return UpdateOperatorPool.newBuilder();
    }

    @Test
    void settingsOtherThanCommissionAnnounceNoCommissionChange() {
        long effective = h.pool(POOL).getCommissionEffectiveEpoch();
        h.ok(op, POOL, update().setMetadataJson("{\"url\":\"https://other.example\"}").setDelegationEnabled(false).build());
        assertThat(h.pool(POOL).getMetadataJson()).isEqualTo("{\"url\":\"https://other.example\"}");
        assertThat(h.pool(POOL).getDelegationEnabled()).isFalse();
        assertThat(h.pool(POOL).getCommissionEffectiveEpoch()).isEqualTo(effective);
        assertThat(h.pool(POOL).getNextTokenCommissionBps()).isNull();
        h.no(INVALID_METADATA, op, POOL, update().setMetadataJson("{\"name\":\"no url\"}").build());
    }

    @Test
    void aCommissionChangeKeepsNoPastRateWhenNoRewardIsOwed() {
        h.ok(h.admin, POOL, new io.stakestream.avro.SetWhitelist(false)); // inactive at the close: epoch 0 owes it nothing
        h.ok(op, POOL, update().setTokenCommissionBps(1_000).build());
        h.closeEpoch();
        h.ok(op, POOL, update().setDelegationEnabled(false).build()); // the first touch in epoch 1 applies the change
        assertThat(h.pool(POOL).getTokenCommissionBps()).isEqualTo(1_000);
        assertThat(h.pool(POOL).getPastCommissions()).as("no owed epoch needs the old rate").isEmpty();
    }

    @Test
    void aDelegationCapIsSetOrClearedNotBoth() {
        h.ok(op, POOL, update().setDelegationCap(BigDecimal.valueOf(5_000)).build());
        assertThat(h.pool(POOL).getDelegationCap()).isEqualByComparingTo("5000");
        h.no(INVALID_ARGUMENT, op, POOL, update().setDelegationCap(BigDecimal.ONE).setClearDelegationCap(true).build());
        assertThat(h.pool(POOL).getDelegationCap()).isEqualByComparingTo("5000");
        h.ok(op, POOL, update().setClearDelegationCap(true).build());
        assertThat(h.pool(POOL).getDelegationCap()).isNull();
    }

    @Test
    void anUnchangedOrHigherMinimumAppliesAtOnceAndCancelsAWaitingDecrease() {
        h.ok(op, POOL, update().setMinSelfStake(BigDecimal.valueOf(1_500)).build());
        h.ok(op, POOL, update().setMinSelfStake(BigDecimal.valueOf(1_500)).build());
        assertThat(h.pool(POOL).getMinSelfStake()).isEqualByComparingTo("1500");
        assertThat(h.pool(POOL).getNextMinSelfStake()).as("the same minimum again is no decrease").isNull();
        h.ok(op, POOL, update().setMinSelfStake(BigDecimal.valueOf(1_100)).build());
        assertThat(h.pool(POOL).getNextMinSelfStake()).isEqualByComparingTo("1100");
        h.ok(op, POOL, update().setMinSelfStake(BigDecimal.valueOf(1_800)).build());
        assertThat(h.pool(POOL).getMinSelfStake()).isEqualByComparingTo("1800");
        assertThat(h.pool(POOL).getNextMinSelfStake()).as("the raise cancels the waiting decrease").isNull();
        h.advanceDays(3);
        h.ok(op, POOL, update().setDelegationEnabled(true).build());
        assertThat(h.pool(POOL).getMinSelfStake()).isEqualByComparingTo("1800");
    }

    @Test
    void aClosedPoolKeepsItsSettings() {
        h.ok(op, POOL, new CloseOperatorPool());
        h.no(POOL_CLOSED, op, POOL, update().setDelegationEnabled(false).build());
        assertThat(h.pool(POOL).getDelegationEnabled()).isTrue();
    }
}
