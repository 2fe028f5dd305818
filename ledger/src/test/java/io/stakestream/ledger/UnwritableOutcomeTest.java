package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Stake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ledger prepares every outcome's outputs before it writes anything: an output that cannot be
 * written now leaves the command unapplied (state and nonce as they were), one that can never be
 * written turns the command into a refusal, and a store that cannot be read is never a rejection.
 */
class UnwritableOutcomeTest {
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    /** Two harnesses fed the same commands: one meets an outage at the epoch close, one does not. */
    private LedgerHarness network() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(op, "gpu-1", 1_000);
        h.pool(Account.named("operator-2"), "gpu-2", 2_000);
        h.delegate(alice, "gpu-1", 500);
        return h;
    }

    @Test
    void anOutageAtAnEpochCloseLeavesTheCloseUnappliedAndTheRetryEndsAsIfNothingHappened() {
        LedgerHarness interrupted = network();
        LedgerHarness uninterrupted = network();
        List<List<Object>> before = everything(interrupted.store);
        OutcomeWriter summariesDown = outcome -> {
            if (!outcome.summaries().isEmpty()) {
                throw new Unavailable("schema registry unreachable for the pool-epoch-summaries subject", null);
            }
        };

        assertThatThrownBy(() -> interrupted.sendRaw(interrupted.rewarder, Keys.NETWORK, 100, new EpochClose(0L), summariesDown))
                .isInstanceOf(Unavailable.class);

        assertThat(everything(interrupted.store)).as("no table changed, the nonce included").isEqualTo(before);
        assertThat(interrupted.epoch()).isZero();
        Outcome retried = interrupted.sendRaw(interrupted.rewarder, Keys.NETWORK, 100, new EpochClose(0L));
        Outcome direct = uninterrupted.sendRaw(uninterrupted.rewarder, Keys.NETWORK, 100, new EpochClose(0L));
        assertThat(retried.accepted()).isTrue();
        assertThat(retried.summaries()).as("one summary per pool plus the partition marker").hasSize(3).isEqualTo(direct.summaries());
        assertThat(retried.events()).isEqualTo(direct.events());
        assertThat(everything(interrupted.store)).isEqualTo(everything(uninterrupted.store));
    }

    @Test
    void anOutcomeThatCanNeverBeWrittenIsRefusedWithItsStateUntouchedAndItsNonceUsedUp() {
        LedgerHarness h = network();
        h.deposit(alice, "gpu-1", java.math.BigInteger.TEN); // custody credited the stake before it is sent
        List<List<Object>> before = everything(h.store);
        List<Outcome> prepared = new ArrayList<>();
        OutcomeWriter tooLarge = outcome -> {
            prepared.add(outcome);
            if (outcome.accepted()) {
                throw new Rejected(RejectReason.OUTPUT_TOO_LARGE, "the event is over the events topic's limit");
            }
        };

        Outcome o = h.sendRaw(alice, "gpu-1", 10, new Stake(BigDecimal.TEN), tooLarge);

        assertThat(o.rejection()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
        assertThat(o.events()).isEmpty();
        assertThat(prepared).as("the accepted outcome, then the refusal that replaced it").hasSize(2);
        assertThat(prepared.get(1)).isEqualTo(o);
        List<List<Object>> after = everything(h.store);
        for (Table<?> t : Table.ALL) {
            if (t != Table.NONCES) {
                assertThat(after.get(Table.ALL.indexOf(t))).as("table %s", t).isEqualTo(before.get(Table.ALL.indexOf(t)));
            }
        }
        // refused like any other refusal: the same signed command cannot apply later
        assertThat(h.sendRaw(alice, "gpu-1", 10, new Stake(BigDecimal.TEN)).rejection()).isEqualTo(RejectReason.REPLAY);
        assertThat(h.sendRaw(alice, "gpu-1", 11, new Stake(BigDecimal.TEN)).accepted()).isTrue();
    }

    @Test
    void aStoreThatCannotBeReadLeavesTheCommandUnappliedInsteadOfRejectingIt() {
        MemoryLedgerStore memory = new MemoryLedgerStore();
        boolean[] down = {false};
        LedgerStore flaky = new LedgerStore() {
            @Override
            public <V> V get(Table<V> table, String key) {
                if (down[0] && table == Table.POOLS) {
                    throw new Unavailable("state store pools unreachable", null);
                }
                return memory.get(table, key);
            }

            @Override
            public <V> void put(Table<V> table, String key, V value) {
                memory.put(table, key, value);
            }

            @Override
            public <V> void delete(Table<V> table, String key) {
                memory.delete(table, key);
            }

            @Override
            public List<String> keys(Table<?> table, String prefix) {
                return memory.keys(table, prefix);
            }
        };
        LedgerHarness setUp = new LedgerHarness().init();
        setUp.pool(op, "gpu-1", 1_000);
        setUp.deposit(op, "gpu-1", java.math.BigInteger.TEN); // the stake below spends a credited free balance
        for (Table<?> t : Table.ALL) {
            copy(setUp.store, memory, t);
        }
        Ledger ledger = new Ledger(flaky, (root, epoch, pool, tokens, usdc, proof) -> false);
        down[0] = true;
        var stake = io.stakestream.avro.CommandPayload.newBuilder().setCommandId("s1").setPoolId("gpu-1")
                .setActor(op.key()).setNonce(50).setBody(new Stake(BigDecimal.TEN)).build();

        assertThatThrownBy(() -> ledger.apply(stake, setUp.now, 0, 1)).isInstanceOf(Unavailable.class);

        down[0] = false;
        assertThat(ledger.apply(stake, setUp.now, 0, 1).accepted()).as("the same command applies once the store answers").isTrue();
    }

    private static <V> void copy(MemoryLedgerStore from, MemoryLedgerStore to, Table<V> table) {
        for (String key : from.keys(table, "")) {
            to.put(table, key, from.get(table, key));
        }
    }

    /** Every table's values in key order, with keys, the nonces included. */
    private static List<List<Object>> everything(MemoryLedgerStore store) {
        List<List<Object>> all = new ArrayList<>();
        for (Table<?> t : Table.ALL) {
            List<Object> rows = new ArrayList<>();
            for (String key : store.keys(t, "")) {
                rows.add(key + "=" + store.get(t, key));
            }
            all.add(rows);
        }
        return all;
    }
}
