package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Defects 9 and 10: a lower maximum commission caps existing pools; durations are bounded and times exact. */
class ParameterBoundsTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    GlobalParameters.Builder params() {
        return Params.defaults(h.treasury.key());
    }

    @Test
    void loweringTheMaximumCommissionCapsThePoolsAlreadyAboveIt() {
        var create = LedgerHarness.createPool(1_000);
        create.setTokenCommissionBps(5_000);
        create.setUsdcCommissionBps(5_000);
        h.ok(op, "gpu-1", create);
        h.delegate(alice, "gpu-1", 1_000);
        // a raise already announced for the next epoch is capped too
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setTokenCommissionBps(4_000).build());
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(params().setMaxCommissionBps(1_000).setDefaultCommissionBps(1_000).build()));
        h.payEpoch(RewardTree.Leaf.of("gpu-1", 1_000, 1_000)); // epoch 0's rates, capped as well
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("100");
        assertThat(h.pool("gpu-1").getUsdcCommission()).isEqualByComparingTo("100");
        h.payEpoch(RewardTree.Leaf.of("gpu-1", 1_000, 0));
        assertThat(h.pool("gpu-1").getTokenCommission()).isEqualByComparingTo("200");
    }

    @Test
    void everyDurationParameterIsBounded() {
        long huge = Long.MAX_VALUE / 1000;
        List<UnaryOperator<GlobalParameters.Builder>> hugeDurations = List.of(
                b -> b.setOperatorCooldownSeconds(huge),
                b -> b.setDelegatorCooldownSeconds(huge),
                b -> b.setMinStakeDecreaseDelaySeconds(huge),
                b -> b.setSlashHaltDelaySeconds(huge),
                b -> b.setMinDisputeWindowSeconds(huge),
                b -> b.setSlashSchedule(new ArrayList<>(List.of(Params.rule(SlashReason.SLA_BREACH, 100_000, huge, false)))));
        for (UnaryOperator<GlobalParameters.Builder> change : hugeDurations) {
            h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(change.apply(params()).build()));
        }
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(params().setOperatorCooldownSeconds(10 * 365 * Params.DAY_SECONDS).build()));
    }

    @Test
    void aCooldownThatWouldRunPastTheClockIsRefusedNotWrapped() {
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 100);
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setMinSelfStake(BigDecimal.valueOf(500)).build());
        h.now = Long.MAX_VALUE - 1_000;
        h.no(OVERFLOW, alice, "gpu-1", new Unstake(null, BigDecimal.TEN));
        h.no(OVERFLOW, op, "gpu-1", UpdateOperatorPool.newBuilder().setMinSelfStake(BigDecimal.ZERO).build());
        h.no(NOTHING_TO_CLAIM, alice, "gpu-1", new ClaimUnstake(alice.key()));
    }
}
