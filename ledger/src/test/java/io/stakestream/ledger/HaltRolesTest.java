package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.HALTED;
import static io.stakestream.avro.RejectReason.NETWORK_HALTED;
import static io.stakestream.avro.RejectReason.NOTHING_TO_CLAIM;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.avro.Asset;
import io.stakestream.avro.Withdraw;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Halts with the pool's admin and its operator as two different keys: the halt binds each of them
 * on its own, and binds nobody else. A test where one key plays both roles cannot tell an "or"
 * from an "and" in the rule.
 */
class HaltRolesTest {
    static final String POOL = "gpu-1";
    final LedgerHarness h = new LedgerHarness().init();
    final Account operator = Account.named("operator");
    final Account poolAdmin = Account.named("pool-admin");
    final Account alice = Account.named("alice");

    @BeforeEach
    void poolWithSeparateAdminAndRewards() {
        h.pool(operator, POOL, 2_000);
        h.delegate(alice, POOL, 2_000);
        h.closeEpoch();
        h.ok(h.rewarder, POOL, new AccrueRewardEmergencyBypass(0L, BigDecimal.valueOf(1_000), BigDecimal.valueOf(1_000), "reward"));
        h.ok(operator, POOL, new ChangeOperatorPoolAdmin(poolAdmin.key()));
    }

    @Test
    void aHaltedPoolsAdminCannotWithdrawCommission() {
        h.ok(h.halter, POOL, new SetHaltStatus(true));
        h.no(HALTED, poolAdmin, POOL, new WithdrawOperatorUsdcCommission());
        h.no(HALTED, poolAdmin, POOL, new WithdrawOperatorRewardCommission());
        h.ok(h.halter, POOL, new SetHaltStatus(false));
        h.ok(poolAdmin, POOL, new WithdrawOperatorUsdcCommission());
        h.ok(poolAdmin, POOL, new WithdrawOperatorRewardCommission());
        // 20% of the 1,000 reward and of the 1,000 USDC, paid to the pool's admin
        assertThat(h.pool(POOL).getTokenCommission()).isEqualByComparingTo("0");
        assertThat(h.pool(POOL).getUsdcCommission()).isEqualByComparingTo("0");
        assertThat(h.pool(POOL).getTokensPaidOut()).isEqualByComparingTo("200");
        assertThat(h.pool(POOL).getUsdcPaidOut()).isEqualByComparingTo("200");
        // withdrawn once: a second withdrawal finds nothing
        h.no(NOTHING_TO_CLAIM, poolAdmin, POOL, new WithdrawOperatorUsdcCommission());
        h.no(NOTHING_TO_CLAIM, poolAdmin, POOL, new WithdrawOperatorRewardCommission());
    }

    @Test
    void aHaltedPoolsOperatorCannotLeaveButItsDelegatorsCan() {
        h.ok(h.halter, POOL, new SetHaltStatus(true));
        h.no(HALTED, operator, POOL, new Unstake(null, BigDecimal.valueOf(100)));
        h.no(HALTED, operator, POOL, new ClaimUsdcEarnings());
        h.ok(alice, POOL, new Unstake(null, BigDecimal.valueOf(100)));
        h.ok(alice, POOL, new ClaimUsdcEarnings());
        assertThat(h.position(POOL, operator).getPending()).as("the halted operator queued nothing").isEmpty();
        assertThat(h.position(POOL, alice).getPending()).as("its delegator could leave").hasSize(1);
        h.ok(h.halter, POOL, new SetHaltStatus(false));
        h.ok(operator, POOL, new Unstake(null, BigDecimal.valueOf(100)));
        h.ok(operator, POOL, new ClaimUsdcEarnings());
    }

    @Test
    void aNetworkWithdrawalHaltStopsEveryOutflowUntilItIsLifted() {
        h.ok(alice, POOL, new Unstake(null, BigDecimal.valueOf(100)));
        h.advanceDays(30);
        h.deposit(alice, POOL, BigInteger.valueOf(50));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setWithdrawalsHalted(true).build()));
        h.no(NETWORK_HALTED, alice, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(50)));
        h.no(NETWORK_HALTED, alice, POOL, new ClaimUnstake(alice.key()));
        h.no(NETWORK_HALTED, alice, POOL, new ClaimUsdcEarnings());
        h.no(NETWORK_HALTED, poolAdmin, POOL, new WithdrawOperatorUsdcCommission());
        h.no(NETWORK_HALTED, poolAdmin, POOL, new WithdrawOperatorRewardCommission());
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).build()));
        h.ok(alice, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(50)));
        h.ok(alice, POOL, new ClaimUnstake(alice.key()));
        h.ok(alice, POOL, new ClaimUsdcEarnings());
        h.ok(poolAdmin, POOL, new WithdrawOperatorUsdcCommission());
        h.ok(poolAdmin, POOL, new WithdrawOperatorRewardCommission());
    }

    @Test
    void aHaltedPoolsOperatorAndAdminCannotWithdrawTheirFreeBalanceButItsDelegatorsCan() {
        for (Account a : new Account[] {operator, poolAdmin, alice}) h.deposit(a, POOL, BigInteger.valueOf(30));
        assertThat(h.ok(h.halter, POOL, new SetHaltStatus(true)).events().get(0).getNote()).isEqualTo("halted");
        h.no(HALTED, operator, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(30)));
        h.no(HALTED, poolAdmin, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(30)));
        h.ok(alice, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(30)));
        assertThat(h.ok(h.halter, POOL, new SetHaltStatus(false)).events().get(0).getNote()).isEqualTo("resumed");
        h.ok(operator, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(30)));
        h.ok(poolAdmin, POOL, new Withdraw(Asset.TOKEN, BigDecimal.valueOf(30)));
        assertThat(h.pool(POOL).getTokensPaidOut()).isEqualByComparingTo("90");
    }
}
