package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.UNAUTHORIZED;
import static io.stakestream.avro.RejectReason.WRONG_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Authorities;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The key lists that say who holds authority: every role's list at initialization and on
 * replacement (at most 8 keys of 32 bytes, none twice, the admin never empty), and a pool's
 * operator auth keys (at most 5). A replaced role answers to its new keys only.
 */
class AuthorityListsTest {
    static final Account OPERATOR = Account.named("operator");

    static ArrayList<ByteBuffer> keys(int n) {
        return IntStream.range(0, n).mapToObj(i -> Account.named("key-" + i).key()).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    static ArrayList<ByteBuffer> with(List<ByteBuffer> keys, ByteBuffer extra) {
        ArrayList<ByteBuffer> list = new ArrayList<>(keys);
        list.add(extra);
        return list;
    }

    static final ByteBuffer SHORT_KEY = ByteBuffer.wrap(new byte[31]);

    /** Bad lists, each refused INVALID_ARGUMENT wherever an authority list is given. */
    static List<ArrayList<ByteBuffer>> badLists() {
        return List.of(keys(9), with(keys(2), SHORT_KEY), with(keys(2), Account.named("key-0").key()));
    }

    /** The harness's authorities with one role's list replaced. */
    static Authorities authorities(LedgerHarness h, AuthorityRole role, List<ByteBuffer> keys) {
        Authorities a = Params.authorities(h.admin, h.slasher, h.halter, h.rewarder);
        ArrayList<ByteBuffer> list = new ArrayList<>(keys);
        switch (role) {
            case ADMIN -> a.setAdmin(list);
            case SLASHING -> a.setSlashing(list);
            case HALT -> a.setHalt(list);
            case REWARD -> a.setReward(list);
            case CUSTODY -> a.setCustody(list);
        }
        return a;
    }

    @TestFactory
    Stream<DynamicTest> initializationChecksEveryRolesList() {
        return Stream.of(AuthorityRole.values()).flatMap(role -> badLists().stream().map(bad -> DynamicTest.dynamicTest(
                role + " with " + bad.size() + " keys, one of them bad", () -> {
                    LedgerHarness h = new LedgerHarness();
                    List<ByteBuffer> list = role == AuthorityRole.ADMIN ? with(bad, h.admin.key()) : bad;
                    h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new CreatePoolOverview(Params.defaults(h.treasury.key()).build(),
                            authorities(h, role, list)));
                    assertThat(h.store.get(Table.NETWORK, Keys.NETWORK_STATE)).isNull();
                })));
    }

    @Test
    void initializationChecksTheParametersAndTakesEightKeysARole() {
        LedgerHarness h = new LedgerHarness();
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new CreatePoolOverview(Params.defaults(h.treasury.key()).setMaxPendingUnstakes(0).build(),
                Params.authorities(h.admin, h.slasher, h.halter, h.rewarder)));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new CreatePoolOverview(Params.defaults(h.treasury.key()).build(),
                authorities(h, AuthorityRole.ADMIN, List.of())));
        Authorities eight = authorities(h, AuthorityRole.SLASHING, with(keys(7), h.slasher.key()));
        eight.setAdmin(with(keys(7), h.admin.key()));
        h.ok(h.admin, Keys.NETWORK, new CreatePoolOverview(Params.defaults(h.treasury.key()).build(), eight));
        NetworkState n = h.store.get(Table.NETWORK, Keys.NETWORK_STATE);
        assertThat(n.getAuthorities().getSlashing()).hasSize(8);
        assertThat(n.getAuthorities().getAdmin()).hasSize(8);
    }

    @TestFactory
    Stream<DynamicTest> aReplacementListIsCheckedLikeTheFirst() {
        return Stream.of(AuthorityRole.values()).flatMap(role -> badLists().stream().map(bad -> DynamicTest.dynamicTest(
                role + " replaced by " + bad.size() + " keys, one of them bad", () -> {
                    LedgerHarness h = new LedgerHarness().init();
                    NetworkState before = NetworkState.newBuilder(h.store.get(Table.NETWORK, Keys.NETWORK_STATE)).build();
                    h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(role, bad));
                    assertThat(h.store.get(Table.NETWORK, Keys.NETWORK_STATE)).isEqualTo(before);
                })));
    }

    @Test
    void theAdminRoleNeverEmptiesButOthersMay() {
        LedgerHarness h = new LedgerHarness().init();
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.ADMIN, new ArrayList<>()));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.HALT, new ArrayList<>()));
        h.pool(OPERATOR, "gpu-1", 1_000);
        h.no(UNAUTHORIZED, h.halter, "gpu-1", new SetHaltStatus(true));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.ADMIN, keys(8)));
    }

    /** What a key of each role can do, sent to the pool or the network as that role's command goes. */
    static final BiFunction<LedgerHarness, Account, Outcome> ACT_ADMIN =
            (h, who) -> h.send(who, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).build()));
    static final BiFunction<LedgerHarness, Account, Outcome> ACT_SLASHING = (h, who) -> h.send(who, "gpu-1",
            ProposeSlash.newBuilder().setSlashId("s-" + h.consumed).setReason(SlashReason.SLA_BREACH).setEvidence("e").build());
    static final BiFunction<LedgerHarness, Account, Outcome> ACT_HALT = (h, who) -> h.send(who, "gpu-1", new SetHaltStatus(false));
    static final BiFunction<LedgerHarness, Account, Outcome> ACT_REWARD = (h, who) -> h.send(who, Keys.NETWORK, new EpochClose(h.epoch()));
    static final BiFunction<LedgerHarness, Account, Outcome> ACT_CUSTODY = (h, who) -> h.send(who, "gpu-1",
            LedgerHarness.deposit(OPERATOR, io.stakestream.avro.Asset.TOKEN, 10, h.nextChainRef(), false));

    @TestFactory
    Stream<DynamicTest> aReplacedRoleAnswersToItsNewKeysOnly() {
        record RoleCase(AuthorityRole role, java.util.function.Function<LedgerHarness, Account> old, BiFunction<LedgerHarness, Account, Outcome> act) {}
        return Stream.of(new RoleCase(AuthorityRole.ADMIN, h -> h.admin, ACT_ADMIN),
                new RoleCase(AuthorityRole.SLASHING, h -> h.slasher, ACT_SLASHING),
                new RoleCase(AuthorityRole.HALT, h -> h.halter, ACT_HALT),
                new RoleCase(AuthorityRole.REWARD, h -> h.rewarder, ACT_REWARD),
                new RoleCase(AuthorityRole.CUSTODY, h -> h.custody, ACT_CUSTODY)).map(c -> DynamicTest.dynamicTest(c.role().name(), () -> {
            LedgerHarness h = new LedgerHarness().init();
            h.pool(OPERATOR, "gpu-1", 1_000);
            Account next = Account.named("new-" + c.role());
            h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(c.role(), new ArrayList<>(List.of(next.key()))));
            assertThat(c.act().apply(h, c.old().apply(h)).rejection()).as("the old key").isEqualTo(UNAUTHORIZED);
            assertThat(c.act().apply(h, next).rejection()).as("the new key").isNull();
        }));
    }

    @Test
    void aPoolTakesFiveOperatorAuthKeysOfThirtyTwoBytesEachListedOnce() {
        LedgerHarness h = new LedgerHarness().init();
        CreateOperatorPool six = LedgerHarness.createPool(1_000);
        six.setOperatorAuthKeys(keys(6));
        h.no(INVALID_ARGUMENT, OPERATOR, "gpu-1", six);
        CreateOperatorPool shortKey = LedgerHarness.createPool(1_000);
        shortKey.setOperatorAuthKeys(with(keys(1), SHORT_KEY));
        h.no(WRONG_KEY, OPERATOR, "gpu-1", shortKey);
        CreateOperatorPool twice = LedgerHarness.createPool(1_000);
        twice.setOperatorAuthKeys(with(keys(1), Account.named("key-0").key()));
        h.no(INVALID_ARGUMENT, OPERATOR, "gpu-1", twice);
        CreateOperatorPool five = LedgerHarness.createPool(1_000);
        five.setOperatorAuthKeys(keys(5));
        h.ok(OPERATOR, "gpu-1", five);
        assertThat(h.pool("gpu-1").getOperatorAuthKeys()).isEqualTo(keys(5));

        h.no(INVALID_ARGUMENT, OPERATOR, "gpu-1", UpdateOperatorPool.newBuilder().setOperatorAuthKeys(keys(6)).build());
        h.no(WRONG_KEY, OPERATOR, "gpu-1", UpdateOperatorPool.newBuilder().setOperatorAuthKeys(with(keys(1), SHORT_KEY)).build());
        h.ok(OPERATOR, "gpu-1", UpdateOperatorPool.newBuilder().setOperatorAuthKeys(keys(2)).build());
        assertThat(h.pool("gpu-1").getOperatorAuthKeys()).isEqualTo(keys(2));
    }
}
