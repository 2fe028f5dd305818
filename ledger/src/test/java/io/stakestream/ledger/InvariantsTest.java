package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.Asset;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.Invariants;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks every other test relies on, shown to fail: each corruption of a healthy state must be
 * caught by the invariants (and, for the balance identities, by the pool's own check), or a broken
 * ledger would pass every property test.
 */
class InvariantsTest {
    static final String POOL = "gpu-1";
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    /** A pool with stake, a pending unstake, USDC in the index and token commission. */
    LedgerHarness healthy() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, POOL, 1_000);
        h.delegate(alice, POOL, 3_000);
        h.ok(alice, POOL, new Unstake(null, BigDecimal.valueOf(700)));
        h.closeEpoch();
        h.ok(h.rewarder, POOL, new AccrueRewardEmergencyBypass(0L, BigDecimal.valueOf(1_001), BigDecimal.valueOf(333), "test reward"));
        return h;
    }

    static BigDecimal plusOne(BigDecimal v) {
        return v.add(BigDecimal.ONE);
    }

    @Test
    void aHealthyStatePasses() {
        LedgerHarness h = healthy();
        assertThatCode(() -> h.invariants.check(h.store)).doesNotThrowAnyException();
        Pool pool = Pool.wrap(h.pool(POOL));
        assertThat(pool.tokensBalance()).isTrue();
        assertThat(pool.usdcBalances()).isTrue();
    }

    record Corruption(String name, Consumer<PoolState> pool, boolean breaksTokenIdentity, boolean breaksUsdcIdentity) {}

    @TestFactory
    Stream<DynamicTest> everyCorruptionOfAPoolIsCaught() {
        return Stream.of(
                new Corruption("tokens in", s -> s.setTokensIn(plusOne(s.getTokensIn())), true, false),
                new Corruption("T", s -> s.setTotalStake(plusOne(s.getTotalStake())), true, false),
                new Corruption("token dust", s -> s.setTokenDust(plusOne(s.getTokenDust())), true, false),
                new Corruption("token commission", s -> s.setTokenCommission(plusOne(s.getTokenCommission())), true, false),
                new Corruption("tokens slashed", s -> s.setTokensSlashed(plusOne(s.getTokensSlashed())), true, false),
                new Corruption("tokens paid out", s -> s.setTokensPaidOut(plusOne(s.getTokensPaidOut())), true, false),
                new Corruption("pending units", s -> s.setPendingUnits(plusOne(s.getPendingUnits())), true, false),
                new Corruption("usdc in", s -> s.setUsdcIn(plusOne(s.getUsdcIn())), false, true),
                new Corruption("usdc commission", s -> s.setUsdcCommission(plusOne(s.getUsdcCommission())), false, true),
                new Corruption("usdc paid out", s -> s.setUsdcPaidOut(plusOne(s.getUsdcPaidOut())), false, true),
                new Corruption("usdc settled above the balance",
                        s -> s.setUsdcSettled(s.getUsdcBalance().add(BigDecimal.ONE)), false, true),
                new Corruption("S", s -> s.setTotalShares(plusOne(s.getTotalShares())), false, false),
                new Corruption("position count", s -> s.setPositionCount(s.getPositionCount() + 1), false, false)
        ).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            LedgerHarness h = healthy();
            PoolState s = h.pool(POOL);
            c.pool().accept(s);
            h.store.put(Table.POOLS, POOL, s);
            assertThat(Pool.wrap(s).tokensBalance()).as("token identity").isEqualTo(!c.breaksTokenIdentity());
            assertThat(Pool.wrap(s).usdcBalances()).as("USDC identity").isEqualTo(!c.breaksUsdcIdentity());
            assertThatThrownBy(() -> h.invariants.check(h.store)).isInstanceOf(AssertionError.class).hasMessageContaining(POOL);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCorruptionOfAPositionIsCaught() {
        return Stream.<java.util.Map.Entry<String, Consumer<PositionState>>>of(
                java.util.Map.entry("shares", p -> p.setShares(plusOne(p.getShares()))),
                java.util.Map.entry("checkpoint ahead of the index", p -> p.setUsdcCheckpoint(plusOne(p.getUsdcCheckpoint()).multiply(BigDecimal.TEN.pow(40)))),
                java.util.Map.entry("owed more USDC than held", p -> p.setUsdcOwed(p.getUsdcOwed().add(BigDecimal.valueOf(1_000_000))))
        ).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            LedgerHarness h = healthy();
            PositionState p = h.position(POOL, alice);
            e.getValue().accept(p);
            h.store.put(Table.POSITIONS, Keys.position(POOL, alice.key()), p);
            assertThatThrownBy(() -> h.invariants.check(h.store)).isInstanceOf(AssertionError.class).hasMessageContaining(POOL);
        }));
    }

    /** Every record of every table as it is now, to put back later (a consistent earlier state). */
    static java.util.Map<Table<?>, java.util.Map<String, Object>> snapshot(LedgerHarness h) {
        java.util.Map<Table<?>, java.util.Map<String, Object>> copy = new java.util.LinkedHashMap<>();
        for (Table<?> t : Table.ALL) {
            java.util.Map<String, Object> rows = new java.util.TreeMap<>();
            for (String k : h.store.keys(t, "")) rows.put(k, h.store.get(t, k));
            copy.put(t, rows);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    static void restore(LedgerHarness h, java.util.Map<Table<?>, java.util.Map<String, Object>> copy) {
        copy.forEach((t, rows) -> {
            Table<Object> table = (Table<Object>) t;
            for (String k : h.store.keys(table, "")) {
                if (!rows.containsKey(k)) h.store.delete(table, k);
            }
            rows.forEach((k, v) -> h.store.put(table, k, v));
        });
    }

    /**
     * An earlier state is consistent in itself; seen after a later one it means an accumulator went
     * back, which only the monotonicity checks can tell.
     */
    void goingBackIsCaught(Consumer<LedgerHarness> step, String message) {
        LedgerHarness h = healthy();
        var before = snapshot(h);
        step.accept(h);
        Invariants watcher = new Invariants();
        watcher.check(h.store);
        restore(h, before);
        new Invariants().check(h.store); // the earlier state is fine on its own
        assertThatThrownBy(() -> watcher.check(h.store)).isInstanceOf(AssertionError.class).hasMessageContaining(message);
    }

    @Test
    void theUsdcIndexNeverGoesBack() {
        goingBackIsCaught(h -> {
                    h.closeEpoch();
                    h.ok(h.rewarder, POOL, new AccrueRewardEmergencyBypass(1L, BigDecimal.ZERO, BigDecimal.valueOf(999), "usdc"));
                },
                "USDC index decreased");
    }

    @Test
    void tokensInNeverGoBack() {
        goingBackIsCaught(h -> {
                    h.closeEpoch();
                    h.ok(h.rewarder, POOL, new AccrueRewardEmergencyBypass(1L, BigDecimal.valueOf(999), BigDecimal.ZERO, "tokens"));
                },
                "tokens in decreased");
    }

    @Test
    void tokensPaidOutNeverGoBack() {
        goingBackIsCaught(h -> {
            h.advanceDays(30);
            h.ok(alice, POOL, new io.stakestream.avro.ClaimUnstake(alice.key()));
        }, "tokens paid out decreased");
    }

    @Test
    void theSlashScaleNeverRises() {
        goingBackIsCaught(h -> {
            h.ok(h.slasher, POOL, io.stakestream.avro.ProposeSlash.newBuilder().setSlashId("s1")
                    .setReason(io.stakestream.avro.SlashReason.SLA_BREACH).setEvidence("trace://s1").build());
            for (int i = 0; i < 3; i++) {
                h.advanceDays(10);
                h.closeEpoch();
            }
            h.ok(h.slasher, POOL, new io.stakestream.avro.ExecuteSlash("s1"));
        }, "slash scale rose");
    }

    @Test
    void keptBooksThatStillBalanceButDifferFromThePoolsAreCaught() {
        LedgerHarness h = healthy();
        List<Reconciliation> kept = Books.of(h.store.get(Table.BOOKS, Keys.BOOKS));
        assertThat(kept).isEqualTo(Reconciliation.both(h.store.get(Table.NETWORK, Keys.NETWORK_STATE), h.store.values(Table.POOLS),
                h.store.values(Table.REWARD_RECORDS)));
        Reconciliation tokens = kept.get(0);
        var held = new java.util.LinkedHashMap<>(tokens.held());
        held.merge("vault", java.math.BigInteger.ONE, java.math.BigInteger::add);
        Reconciliation inflated = new Reconciliation(tokens.asset(), tokens.deposited().add(java.math.BigInteger.ONE), held,
                tokens.paidSettled(), tokens.paidUnsettled());
        assertThat(inflated.balanced()).isTrue();
        h.store.put(Table.BOOKS, Keys.BOOKS, Books.state(List.of(inflated, kept.get(1))));
        assertThatThrownBy(() -> h.invariants.check(h.store)).isInstanceOf(AssertionError.class).hasMessageContaining("the kept books");
    }

    @Test
    void aPoolChangedBehindTheLedgersBackDisagreesWithTheKeptBooks() {
        LedgerHarness h = healthy();
        // commission moved to dust: the pool's identities and the reconciliation still hold, the books' parts do not
        PoolState pool = h.pool(POOL);
        pool.setTokenCommission(pool.getTokenCommission().subtract(BigDecimal.ONE));
        pool.setTokenDust(plusOne(pool.getTokenDust()));
        h.store.put(Table.POOLS, POOL, pool);
        assertThat(Pool.wrap(pool).tokensBalance()).isTrue();
        assertThatThrownBy(() -> h.invariants.check(h.store)).isInstanceOf(AssertionError.class).hasMessageContaining("the kept books");
    }

    /** Moving a part it cannot name would refuse every booking command from then on: the books are counted again instead. */
    @Test
    void keptBooksNamingAPartThisLedgerDoesNotKnowAreCountedAgainByTheNextBooking() {
        LedgerHarness h = healthy();
        List<Reconciliation> kept = Books.of(h.store.get(Table.BOOKS, Keys.BOOKS));
        var held = new java.util.LinkedHashMap<>(kept.get(0).held());
        held.put("escrow", java.math.BigInteger.TEN);
        Reconciliation odd = new Reconciliation(Asset.TOKEN, kept.get(0).deposited().add(java.math.BigInteger.TEN), held,
                kept.get(0).paidSettled(), kept.get(0).paidUnsettled());
        h.store.put(Table.BOOKS, Keys.BOOKS, Books.state(List.of(odd, kept.get(1))));
        h.delegate(alice, POOL, 500);
        List<Reconciliation> after = Books.of(h.store.get(Table.BOOKS, Keys.BOOKS));
        assertThat(after.get(0).held()).doesNotContainKey("escrow");
        assertThat(after).isEqualTo(Reconciliation.both(h.store.get(Table.NETWORK, Keys.NETWORK_STATE), h.store.values(Table.POOLS),
                h.store.values(Table.REWARD_RECORDS)));
        assertThatCode(() -> h.invariants.check(h.store)).doesNotThrowAnyException();
    }

    @Test
    void aPartitionWithoutItsBooksCountsThemOnceAndKeepsThemFromThen() {
        LedgerHarness h = healthy();
        io.stakestream.avro.PartitionBooks was = h.store.get(Table.BOOKS, Keys.BOOKS);
        h.store.delete(Table.BOOKS, Keys.BOOKS); // a partition written before the ledger kept books
        h.delegate(alice, POOL, 500);
        assertThat(h.store.get(Table.BOOKS, Keys.BOOKS)).isNotNull().isNotEqualTo(was);
        assertThatCode(() -> h.invariants.check(h.store)).doesNotThrowAnyException();
    }
}
