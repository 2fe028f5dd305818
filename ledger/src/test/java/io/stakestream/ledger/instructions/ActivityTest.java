package io.stakestream.ledger.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reasons a pool earns nothing are the rules the epoch close applies, one code per failed rule. */
class ActivityTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");

    @Test
    void everyFailedRuleIsNamedAndTheEpochCloseAgrees() {
        h.pool(op, "gpu-1", 1_000);
        assertThat(codes()).isEmpty();
        assertThat(closedActive()).isTrue();

        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.ok(h.admin, Keys.NETWORK, new SetModel("llama-70b", BigDecimal.valueOf(5_000), false));
        assertThat(codes()).containsExactly("HALTED", "MODEL_DISABLED", "BELOW_REQUIRED_STAKE");
        assertThat(closedActive()).isFalse();

        h.ok(h.halter, "gpu-1", new SetHaltStatus(false));
        h.ok(h.admin, Keys.NETWORK, new SetModel("llama-70b", BigDecimal.valueOf(1_000), true));
        assertThat(codes()).isEmpty();
        assertThat(closedActive()).isTrue();
    }

    @Test
    void aSlashCooldownEndsAtTheInstantItNames() {
        h.pool(op, "gpu-1", 2_000);
        h.ok(h.slasher, "gpu-1", io.stakestream.avro.ProposeSlash.newBuilder().setSlashId("s1")
                .setReason(io.stakestream.avro.SlashReason.INVALID_PROOF).setEvidence("trace://s1").build());
        h.closeEpoch();
        h.closeEpoch();
        h.advanceDays(1);
        h.ok(h.slasher, "gpu-1", new io.stakestream.avro.ExecuteSlash("s1")); // invalid proof: 25% and 3 days without reward
        long until = h.pool("gpu-1").getRewardCooldownUntil();
        assertThat(until).isEqualTo(h.now + 3 * 86_400_000L);
        h.now = until - 1;
        assertThat(codes()).containsExactly("SLASH_COOLDOWN");
        h.now = until;
        assertThat(codes()).isEmpty();
        assertThat(closedActive()).isTrue();
    }

    private List<String> codes() {
        var pool = h.pool("gpu-1");
        BigInteger operatorValue = h.value("gpu-1", op);
        Network n = Network.wrap(h.store.get(Table.NETWORK, Keys.NETWORK_STATE));
        return Activity.why(pool, n, operatorValue, h.now).stream().map(Activity.Inactive::code).toList();
    }

    private boolean closedActive() {
        var summary = (PoolEpochSummary) h.ok(h.rewarder, Keys.NETWORK, new EpochClose(h.epoch())).summaries().get(0).getBody();
        assertThat(summary.getActive()).isEqualTo(Activity.why(h.pool("gpu-1"), Network.wrap(h.store.get(Table.NETWORK, Keys.NETWORK_STATE)),
                Pool.wrap(h.pool("gpu-1")).valueOf(h.shares("gpu-1", op)), h.now).isEmpty());
        return summary.getActive();
    }
}
