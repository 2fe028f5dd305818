package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SweepClosedPoolUsdcDust;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every privileged command, sent by every role that does not hold its authority, is refused
 * UNAUTHORIZED and changes nothing; then the role that does hold it gets past the authority check.
 * The second half matters as much as the first: without it a case could "pass" because the set-up
 * failed for another reason, and deleting the authority check would go unnoticed.
 */
class AuthorityMatrixTest {
    static final String POOL = "gpu-1";
    static final Account OPERATOR = Account.named("operator");
    static final Account DELEGATOR = Account.named("alice");
    static final Account STRANGER = Account.named("mallory");

    /** Who may send a command, as a function of the harness (the network's roles live there). */
    enum Role {
        ADMIN(h -> h.admin), SLASHING(h -> h.slasher), HALT(h -> h.halter), REWARD(h -> h.rewarder),
        POOL_ADMIN(h -> OPERATOR), DELEGATOR_(h -> DELEGATOR), STRANGER_(h -> STRANGER);

        final Function<LedgerHarness, Account> who;

        Role(Function<LedgerHarness, Account> who) {
            this.who = who;
        }
    }

    /**
     * A privileged command: the pool it is sent to, its body, the roles allowed, any set-up it needs,
     * and what an allowed role gets: accepted (null), or the exact rule it meets past the authority check.
     */
    record Case(String name, String pool, Function<LedgerHarness, Object> body, List<Role> allowed,
                BiConsumer<LedgerHarness, Case> setUp, RejectReason whenAllowed) {
        static Case of(String name, String pool, Function<LedgerHarness, Object> body, Role... allowed) {
            return new Case(name, pool, body, List.of(allowed), (h, c) -> {}, null);
        }

        Case after(BiConsumer<LedgerHarness, Case> setUp) {
            return new Case(name, pool, body, allowed, setUp, whenAllowed);
        }

        Case allowedGets(RejectReason reason) {
            return new Case(name, pool, body, allowed, setUp, reason);
        }
    }

    static ProposeSlash proposal(String id) {
        return ProposeSlash.newBuilder().setSlashId(id).setReason(SlashReason.SLA_BREACH).setEvidence("trace://" + id).build();
    }

    /** A proposal s1 whose dispute window is long over. */
    static void proposedAndRipe(LedgerHarness h, Case c) {
        h.ok(h.slasher, POOL, proposal("s1"));
        for (int i = 0; i < 3; i++) {
            h.advanceDays(10);
            h.closeEpoch();
        }
        h.advanceDays(10);
    }

    static List<Case> cases() {
        return List.of(
                Case.of("UpdatePoolOverview", Keys.NETWORK, h -> new UpdatePoolOverview(Params.defaults(h.treasury.key()).build()), Role.ADMIN),
                Case.of("UpdatePoolOverviewAuthorities", Keys.NETWORK,
                        h -> new UpdatePoolOverviewAuthorities(AuthorityRole.HALT, new ArrayList<>(List.of(Account.named("h2").key()))), Role.ADMIN),
                Case.of("SetModel", Keys.NETWORK, h -> new SetModel("mistral-7b", BigDecimal.ZERO, true), Role.ADMIN),
                Case.of("SetWhitelist", POOL, h -> new SetWhitelist(true), Role.ADMIN),
                Case.of("ProposeSlash", POOL, h -> proposal("s9"), Role.SLASHING),
                Case.of("ExecuteSlash", POOL, h -> new ExecuteSlash("s1"), Role.SLASHING).after(AuthorityMatrixTest::proposedAndRipe),
                Case.of("CancelSlash", POOL, h -> new CancelSlash("s1", "appeal upheld"), Role.SLASHING, Role.ADMIN)
                        .after(AuthorityMatrixTest::proposedAndRipe),
                Case.of("SetHaltStatus", POOL, h -> new SetHaltStatus(true), Role.HALT),
                Case.of("EpochClose", Keys.NETWORK, h -> new EpochClose(h.epoch()), Role.REWARD),
                Case.of("CreateRewardRecord", Keys.NETWORK, h -> CreateRewardRecord.newBuilder().setEpoch(0)
                        .setRoot(ByteBuffer.wrap(new byte[32])).setLeafCount(1).setTotalTokens(BigDecimal.ZERO)
                        .setTotalUsdc(BigDecimal.ZERO).build(), Role.REWARD)
                        .after((h, c) -> h.closeEpoch()),
                Case.of("AccrueRewardEmergencyBypass", POOL,
                        h -> new AccrueRewardEmergencyBypass(0L, BigDecimal.TEN, BigDecimal.ZERO, "left out of the root"), Role.REWARD)
                        .after((h, c) -> h.closeEpoch()),
                Case.of("UpdateOperatorPool", POOL, h -> UpdateOperatorPool.newBuilder().setTokenCommissionBps(1_000).build(), Role.POOL_ADMIN),
                Case.of("ChangeOperatorPoolAdmin", POOL, h -> new ChangeOperatorPoolAdmin(Account.named("new-admin").key()), Role.POOL_ADMIN),
                Case.of("WithdrawOperatorRewardCommission", POOL, h -> new WithdrawOperatorRewardCommission(), Role.POOL_ADMIN)
                        .allowedGets(RejectReason.NOTHING_TO_CLAIM),
                Case.of("WithdrawOperatorUsdcCommission", POOL, h -> new WithdrawOperatorUsdcCommission(), Role.POOL_ADMIN)
                        .allowedGets(RejectReason.NOTHING_TO_CLAIM),
                Case.of("RetireOperatorPool", POOL, h -> new RetireOperatorPool(), Role.POOL_ADMIN),
                Case.of("CloseOperatorPool", POOL, h -> new CloseOperatorPool(), Role.POOL_ADMIN),
                Case.of("SweepClosedPoolUsdcDust", POOL, h -> new SweepClosedPoolUsdcDust(), Role.POOL_ADMIN)
                        .after((h, c) -> h.ok(OPERATOR, POOL, new CloseOperatorPool())).allowedGets(RejectReason.POSITION_NOT_EMPTY));
    }

    @TestFactory
    Stream<DynamicTest> everyPrivilegedCommandFromEveryWrongRole() {
        return cases().stream().flatMap(c -> Stream.of(Role.values()).map(role -> DynamicTest.dynamicTest(
                c.name() + " by " + role + (c.allowed().contains(role) ? " passes the authority check" : " is UNAUTHORIZED"),
                () -> check(c, role))));
    }

    private static void check(Case c, Role role) {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(OPERATOR, POOL, 1_000);
        h.delegate(DELEGATOR, POOL, 500);
        c.setUp().accept(h, c);
        Account actor = role.who.apply(h);
        if (c.allowed().contains(role)) {
            Outcome o = h.send(actor, c.pool(), c.body().apply(h));
            assertThat(o.rejection()).as("%s by %s: %s", c.name(), role, o.message()).isEqualTo(c.whenAllowed());
        } else {
            long epoch = h.epoch();
            h.no(UNAUTHORIZED, actor, c.pool(), c.body().apply(h));
            assertThat(h.epoch()).as("a refused command does not move the epoch").isEqualTo(epoch);
        }
    }
}
