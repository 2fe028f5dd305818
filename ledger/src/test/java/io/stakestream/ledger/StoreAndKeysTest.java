package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.ledger.testkit.Account;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The plain pieces under the rules: the in-memory store counts reads and writes (the constant-cost
 * checks rely on the counts) and hands out copies; every table has its own name and type; state
 * keys of different kinds and pools never collide; account keys in and out of hex.
 */
class StoreAndKeysTest {
    final ByteBuffer alice = Account.named("alice").key();

    @Test
    void theStoreCountsEveryReadAndWriteAndHandsOutCopies() {
        MemoryLedgerStore store = new MemoryLedgerStore();
        store.put(Table.MARKS, "a", 1L);
        store.put(Table.MARKS, "b", 2L);
        store.delete(Table.MARKS, "b");
        assertThat(store.get(Table.MARKS, "a")).isEqualTo(1L);
        assertThat(store.get(Table.MARKS, "b")).isNull();
        assertThat(store.writes()).isEqualTo(3);
        assertThat(store.reads()).isEqualTo(2);
        store.resetCounts();
        assertThat(store.reads() + store.writes()).isZero();
    }

    @Test
    void everyTableHasItsOwnNameAndType() {
        assertThat(new HashSet<>(Table.ALL.stream().map(Table::name).toList())).hasSameSizeAs(Table.ALL);
        assertThat(Table.POOLS.name()).isEqualTo("pools");
        assertThat(Table.POOLS.toString()).contains("pools");
        assertThat(Table.POOLS.type()).isEqualTo(io.stakestream.avro.PoolState.class);
        assertThat(Table.MARKS.type()).isEqualTo(Long.class);
    }

    @Test
    void keysOfDifferentKindsAndPoolsNeverCollide() {
        List<String> keys = List.of(Keys.nonce("gpu-1", alice), Keys.attestationNonce("gpu-1", alice), Keys.position("gpu-2", alice),
                Keys.whitelist("gpu-1"), Keys.whitelist("gpu-2"), Keys.slashes("gpu-1"), Keys.slashes("gpu-2"),
                Keys.accrued("gpu-1", 3), Keys.performance("gpu-1", 3));
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
        assertThat(Keys.slash("gpu-1", "s1")).startsWith(Keys.slashes("gpu-1"));
        assertThat(Keys.slash("gpu-1", "s1")).doesNotStartWith(Keys.slashes("gpu-"));
        assertThat(Keys.whitelist("gpu-1")).contains("gpu-1");
        assertThat(Keys.attestationNonce("gpu-1", alice)).startsWith(Keys.nonce("gpu-1", alice));
    }

    @Test
    void accountsGoInAndOutOfHex() {
        String hex = Accounts.hex(alice);
        assertThat(Accounts.ofHex(hex)).isEqualTo(alice);
        byte[] raw = Accounts.bytes(alice);
        ByteBuffer copy = Accounts.of(raw);
        raw[0] ^= 1;
        assertThat(copy).as("a copy, not a view of the array").isEqualTo(alice);
        assertThat(Accounts.short_(alice)).isEqualTo(hex.substring(0, 8)).hasSize(8);
        assertThat(Accounts.short_(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))).isEqualTo("01020304");
        assertThat(Accounts.short_(ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo("010203");
        assertThat(Accounts.same(alice, null)).isFalse();
    }

    @Test
    void aPayoutIdIsAPoolHashAndAtMostEighteenDigits() {
        assertThat(Keys.payoutPool(Keys.payout("gpu-1", 7))).isEqualTo("gpu-1");
        assertThat(Keys.payoutPool("a-long-pool-name#7")).as("a long pool id still parses").isEqualTo("a-long-pool-name");
        assertThat(Keys.payoutPool("gpu-1#123456789012345678")).as("18 digits").isEqualTo("gpu-1");
        assertThat(Keys.payoutSeq("gpu-1#123456789012345678")).isEqualTo(123_456_789_012_345_678L);
        assertThat(Keys.payoutSeq(Keys.payout("gpu-1", 42))).isEqualTo(42L);
        // not "<pool>#<digits>": no pool, no digits, a non-digit, or more digits than a sequence number has
        for (String bad : new String[] {null, "gpu-1", "#7", "gpu-1#", "gpu-1#7a", "gpu-1#1234567890123456789"}) {
            assertThat(Keys.payoutPool(bad)).as(bad).isNull();
        }
    }

    /** Epoch keys are the format's, digit for digit, so stores written with it read the same keys. */
    @Property(tries = 2000)
    void anEpochKeyIsTheNineteenDigitFormat(@ForAll long epoch) {
        assertThat(Keys.epoch(epoch)).isEqualTo(String.format("%019d", epoch));
    }

    @Test
    void epochKeysAtTheEdgesAreTheNineteenDigitFormat() {
        for (long epoch : new long[] {0, 1, 9, 10, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            assertThat(Keys.epoch(epoch)).isEqualTo(String.format("%019d", epoch));
        }
    }
}
