package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;

import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Defect 8: re-staking by cancelling an unstake passes the same checks as a stake. */
class CancelUnstakeRulesTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    CancelUnstakeRulesTest() {
        h.pool(op, "gpu-1", 1_000);
    }

    long unstake(Account who, long amount) {
        h.ok(who, "gpu-1", new Unstake(null, BigDecimal.valueOf(amount)));
        var pending = h.position("gpu-1", who).getPending();
        return pending.get(pending.size() - 1).getId();
    }

    @Test
    void cancelCannotGoPastTheDelegationCap() {
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setDelegationCap(BigDecimal.valueOf(1_000)).build());
        h.delegate(alice, "gpu-1", 1_000);
        long id = unstake(alice, 1_000);
        h.delegate(bob, "gpu-1", 1_000);
        h.no(DELEGATION_CAP_EXCEEDED, alice, "gpu-1", new CancelUnstake(id));
        // the operator's own stake is not capped, its cancel neither
        h.ok(op, "gpu-1", new io.stakestream.avro.Stake(BigDecimal.ONE));
        long own = unstake(op, 1);
        h.ok(op, "gpu-1", new CancelUnstake(own));
    }

    @Test
    void cancelCannotReEnterAPoolWithDelegationOff() {
        h.delegate(alice, "gpu-1", 500);
        long id = unstake(alice, 500);
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setDelegationEnabled(false).build());
        h.no(DELEGATION_DISABLED, alice, "gpu-1", new CancelUnstake(id));
    }

    @Test
    void cancelWaitsForTheOperatorsMinimumLikeAStake() {
        h.delegate(alice, "gpu-1", 500);
        long id = unstake(alice, 500);
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setMinOperatorStake(BigDecimal.valueOf(2_000)).build()));
        h.no(BELOW_MINIMUM_STAKE, alice, "gpu-1", new CancelUnstake(id));
    }

    @Test
    void haltsStillStopCancel() {
        h.delegate(alice, "gpu-1", 500);
        long id = unstake(alice, 500);
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.no(HALTED, alice, "gpu-1", new CancelUnstake(id));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(false));
        h.ok(alice, "gpu-1", new CancelUnstake(id));
    }
}
