package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.HALTED;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.LOCKED;
import static io.stakestream.avro.RejectReason.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The operator's side with the pool's admin and operator as different keys: only the admin
 * nominates a new operator record and never the current one; a halted operator's unstakes wait
 * whoever claims them; the operator's initial stake is locked like any stake; a tier starts at its
 * threshold.
 */
class OperatorSideRulesTest {
    static final String POOL = "gpu-1";
    final Account op = Account.named("operator");
    final Account poolAdmin = Account.named("pool-admin");
    final Account alice = Account.named("alice");

    @Test
    void onlyThePoolAdminNominatesAnotherRecord() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 1_000);
        h.delegate(alice, POOL, 1_500);
        h.ok(op, POOL, new ChangeOperatorPoolAdmin(poolAdmin.key()));
        h.no(UNAUTHORIZED, alice, POOL, new ChangeOperatorStakingRecord(alice.key()));
        h.no(UNAUTHORIZED, op, POOL, new ChangeOperatorStakingRecord(alice.key()));
        h.no(INVALID_ARGUMENT, poolAdmin, POOL, new ChangeOperatorStakingRecord(op.key()));
        assertThat(h.pool(POOL).getNominatedOperatorAccount()).isNull();
        h.ok(poolAdmin, POOL, new ChangeOperatorStakingRecord(alice.key()));
        assertThat(h.pool(POOL).getNominatedOperatorAccount()).isEqualTo(alice.key());
    }

    @Test
    void aHaltedOperatorsUnstakesWaitWhoeverClaimsThem() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 2_000);
        h.ok(op, POOL, new Unstake(null, BigDecimal.valueOf(500)));
        h.advanceDays(8);
        h.ok(h.halter, POOL, new SetHaltStatus(true));
        h.no(HALTED, alice, POOL, new ClaimUnstake(op.key()));
        h.ok(h.halter, POOL, new SetHaltStatus(false));
        Outcome claim = h.ok(alice, POOL, new ClaimUnstake(op.key()));
        assertThat(Accounts.same(claim.payouts().get(0).getAccount(), op.key())).as("paid to the owner").isTrue();
    }

    @Test
    void theOperatorsInitialStakeIsLockedLikeAnyStake() {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setMinEpochsLocked(1).build());
        h.pool(op, POOL, 2_000);
        h.ok(op, POOL, new RetireOperatorPool());
        h.no(LOCKED, op, POOL, new Unstake(null, BigDecimal.valueOf(100)));
        assertThat(h.position(POOL, op).getLockedUntilEpoch()).isEqualTo(1);
        h.closeEpoch();
        h.ok(op, POOL, new Unstake(null, BigDecimal.valueOf(100)));
    }

    @Test
    void aTierStartsAtItsThreshold() {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setMinOperatorStake(BigDecimal.ZERO).build());
        h.pool(op, POOL, 500);
        h.pool(Account.named("operator-2"), "gpu-2", 499);
        var summaries = h.ok(h.rewarder, Keys.NETWORK, new io.stakestream.avro.EpochClose(0L)).summaries();
        assertThat(((PoolEpochSummary) summaries.get(0).getBody()).getTier()).isEqualTo(1);
        assertThat(((PoolEpochSummary) summaries.get(1).getBody()).getTier()).isZero();
    }
}
