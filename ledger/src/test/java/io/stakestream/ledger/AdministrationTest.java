package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.avro.Stake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.avro.WhitelistMode;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdministrationTest {
    final LedgerHarness h = new LedgerHarness();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    @Test
    void theProgramInitializesOnceAndTheSignerMustBeAnAdmin() {
        var params = Params.defaults(h.treasury.key()).build();
        h.no(UNAUTHORIZED, alice, Keys.NETWORK, new CreatePoolOverview(params, Params.authorities(h.admin, h.slasher, h.halter, h.rewarder)));
        h.no(INVALID_ARGUMENT, h.admin, "gpu-1", new CreatePoolOverview(params, Params.authorities(h.admin, h.slasher, h.halter, h.rewarder)));
        h.init();
        h.no(ALREADY_INITIALIZED, h.admin, Keys.NETWORK, new CreatePoolOverview(params, Params.authorities(h.admin, h.slasher, h.halter, h.rewarder)));
    }

    @Test
    void parametersAreCheckedAndOnlyTheAdminChangesThem() {
        h.init();
        h.no(UNAUTHORIZED, alice, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).build()));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setMaxSlashPpm(600_000).build()));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key())
                .setTierMultiplierBps(new ArrayList<>(List.of(0, 1))).build()));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key())
                .setSlashSplit(new io.stakestream.avro.SlashSplit(5_000, 2_500, 2_500, 1)).build()));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setDisputeWindowEpochs(3).build()));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setDefaultCommissionBps(6_000).build()));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setPoolCreationAllowed(false).build()));
        h.no(POOL_CREATION_DISABLED, op, "gpu-1", LedgerHarness.createPool(1_000));
    }

    @Test
    void authoritiesRotateAndTheAdminRoleNeverEmpties() {
        h.init();
        Account newHalter = Account.named("new-halter");
        h.no(UNAUTHORIZED, h.halter, Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.HALT, List.of(newHalter.key())));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.ADMIN, List.of()));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.HALT, List.of(newHalter.key())));
        h.pool(op, "gpu-1", 1_000);
        h.no(UNAUTHORIZED, h.halter, "gpu-1", new SetHaltStatus(true));
        h.ok(newHalter, "gpu-1", new SetHaltStatus(true));
    }

    @Test
    void modelsGovernPoolCreation() {
        h.init();
        h.no(UNAUTHORIZED, alice, Keys.NETWORK, new SetModel("m", BigDecimal.ONE, true));
        h.ok(h.admin, Keys.NETWORK, new SetModel("llama-70b", BigDecimal.valueOf(5_000), false));
        h.no(MODEL_DISABLED, op, "gpu-1", LedgerHarness.createPool(1_000));
        h.ok(h.admin, Keys.NETWORK, new SetModel("llama-70b", BigDecimal.valueOf(5_000), true));
        h.pool(op, "gpu-1", 1_000);
        // the model's required stake (5000) is above the global minimum (1000): delegation waits for it
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(BELOW_MINIMUM_STAKE, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.ok(op, "gpu-1", new Stake(BigDecimal.valueOf(4_000)));
        h.ok(alice, "gpu-1", new Stake(BigDecimal.TEN));
    }

    @Test
    void explicitWhitelistingBeforeOrAfterRegistration() {
        h.init(Params.defaults(h.treasury.key()).setWhitelistMode(WhitelistMode.EXPLICIT).build());
        h.pool(op, "late", 1_000);
        assertThat(h.pool("late").getWhitelisted()).isFalse();
        h.no(UNAUTHORIZED, op, "late", new SetWhitelist(true));
        h.ok(h.admin, "late", new SetWhitelist(true));
        assertThat(h.pool("late").getWhitelisted()).isTrue();
        h.ok(h.admin, "early", new SetWhitelist(true));
        h.pool(op, "early", 1_000);
        assertThat(h.pool("early").getWhitelisted()).isTrue();
    }

    @Test
    void adminAndOperatorRecordChangeHands() {
        h.init();
        h.pool(op, "gpu-1", 1_000);
        Account newAdmin = Account.named("new-admin");
        h.no(UNAUTHORIZED, alice, "gpu-1", new ChangeOperatorPoolAdmin(newAdmin.key()));
        h.no(WRONG_KEY, op, "gpu-1", new ChangeOperatorPoolAdmin(java.nio.ByteBuffer.wrap(new byte[5])));
        h.ok(op, "gpu-1", new ChangeOperatorPoolAdmin(newAdmin.key()));
        h.no(UNAUTHORIZED, op, "gpu-1", UpdateOperatorPool.newBuilder().setDelegationEnabled(false).build());
        h.no(UNKNOWN_POSITION, newAdmin, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        h.delegate(alice, "gpu-1", 1_000);
        h.ok(newAdmin, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        h.ok(alice, "gpu-1", new io.stakestream.avro.AcceptOperatorStakingRecord());
        assertThat(Accounts.same(h.pool("gpu-1").getOperatorAccount(), alice.key())).isTrue();
        h.no(NOTHING_TO_CLAIM, newAdmin, "gpu-1", new WithdrawOperatorUsdcCommission());
    }

    @Test
    void aLowerMinimumSelfStakeWaitsForTheDelayAHigherOneAppliesAtOnce() {
        h.init();
        h.pool(op, "gpu-1", 3_000);
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setMinSelfStake(BigDecimal.valueOf(2_500)).build());
        assertThat(h.pool("gpu-1").getMinSelfStake()).isEqualByComparingTo("2500");
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setMinSelfStake(BigDecimal.valueOf(1_500)).build());
        h.no(BELOW_MINIMUM_STAKE, op, "gpu-1", new io.stakestream.avro.Unstake(null, BigDecimal.valueOf(1_000)));
        h.advanceDays(1);
        h.ok(op, "gpu-1", new io.stakestream.avro.Unstake(null, BigDecimal.valueOf(1_000)));
        assertThat(h.pool("gpu-1").getMinSelfStake()).isEqualByComparingTo("1500");
    }
}
