package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Asset;
import io.stakestream.avro.PartitionBooks;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The partition's kept books: the record round-trips, moves by exactly what a command changed, and
 * is written only by commands that change it (the harness compares it with the counted books after
 * every command).
 */
class BooksTest {

    @Test
    void theRecordHoldsEveryPartInOrder() {
        Reconciliation tokens = Reconciliation.empty(Asset.TOKEN);
        Map<String, BigInteger> held = new java.util.LinkedHashMap<>(tokens.held());
        held.put("stake", BigInteger.valueOf(7));
        held.put("vault", BigInteger.TWO.pow(255));
        List<Reconciliation> books = List.of(new Reconciliation(Asset.TOKEN, BigInteger.TEN, held, BigInteger.ONE, BigInteger.TWO),
                Reconciliation.empty(Asset.USDC));
        PartitionBooks state = Books.state(books);
        assertThat(state.getAssets().get(0).getHeld()).extracting(p -> p.getName()).containsExactlyElementsOf(Reconciliation.TOKEN_PARTS);
        assertThat(Books.of(state)).isEqualTo(books);
        assertThat(Books.of(null)).isEqualTo(Books.empty());
        assertThat(Books.isZero(Books.row(Books.of(null)))).isTrue();
        assertThat(Books.views(Books.row(books))).isEqualTo(books);
        assertThat(Books.isZero(Books.row(books))).isFalse();
        assertThat(Books.isZero(Books.row(Books.empty()))).isTrue();
    }

    @Test
    void theBooksMoveByTheDifference() {
        Reconciliation one = Reconciliation.empty(Asset.TOKEN).plus(new Reconciliation(Asset.TOKEN, BigInteger.valueOf(5),
                Map.of("free", BigInteger.valueOf(5)), BigInteger.ZERO, BigInteger.ZERO));
        Reconciliation staked = new Reconciliation(Asset.TOKEN, BigInteger.valueOf(5), Map.of("stake", BigInteger.valueOf(5)),
                BigInteger.ZERO, BigInteger.ZERO);
        List<Reconciliation> before = List.of(one, Reconciliation.empty(Asset.USDC));
        List<Reconciliation> after = List.of(Reconciliation.empty(Asset.TOKEN).plus(staked), Reconciliation.empty(Asset.USDC));
        BigInteger[] delta = Books.zero();
        Books.move(delta, Books.row(after), Books.row(before));
        List<Reconciliation> moved = Books.of(Books.moved(Books.state(before), delta));
        assertThat(moved).isEqualTo(after);
        assertThat(moved.get(0).held()).containsEntry("free", BigInteger.ZERO).containsEntry("stake", BigInteger.valueOf(5));
        assertThat(delta[Books.WIDTH - 1]).isZero();
        BigInteger[] none = Books.zero();
        Books.move(none, Books.row(before), Books.row(before));
        assertThat(Books.isZero(none)).isTrue();
    }

    @Test
    void aRecordInTheLedgersShapeIsMovedInPlaceAndAnyOtherIsRebuilt() {
        Reconciliation tokens = new Reconciliation(Asset.TOKEN, BigInteger.TEN, Map.of("stake", BigInteger.TEN), BigInteger.ZERO, BigInteger.ZERO);
        List<Reconciliation> books = List.of(Reconciliation.empty(Asset.TOKEN).plus(tokens), Reconciliation.empty(Asset.USDC));
        BigInteger[] delta = Books.row(List.of(new Reconciliation(Asset.TOKEN, BigInteger.ONE, Map.of("dust", BigInteger.ONE),
                BigInteger.ZERO, BigInteger.ZERO)));
        PartitionBooks kept = Books.state(books);
        assertThat(Books.moved(kept, delta)).isSameAs(kept);
        assertThat(Books.of(kept).get(0).held()).containsEntry("dust", BigInteger.ONE).containsEntry("stake", BigInteger.TEN);

        // each way a record can differ from what Books.state writes: rebuilt, with the same amounts moved
        PartitionBooks swapped = Books.state(List.of(books.get(1), books.get(0)));
        PartitionBooks shortHeld = Books.state(books);
        shortHeld.getAssets().get(1).getHeld().remove(3);
        PartitionBooks reordered = Books.state(books);
        reordered.getAssets().get(0).getHeld().get(5).setName("vault");
        reordered.getAssets().get(0).getHeld().get(6).setName("free");
        for (PartitionBooks odd : List.of(swapped, shortHeld, reordered)) {
            PartitionBooks moved = Books.moved(odd, delta);
            assertThat(moved).isNotSameAs(odd);
            assertThat(moved.getAssets()).extracting(b -> b.getAsset()).containsExactly(Asset.TOKEN, Asset.USDC);
            assertThat(moved.getAssets().get(0).getHeld()).extracting(h -> h.getName()).containsExactlyElementsOf(Reconciliation.TOKEN_PARTS);
            assertThat(Books.of(moved).get(0).deposited()).isEqualTo(BigInteger.valueOf(11));
            assertThat(Books.of(moved).get(0).held()).containsEntry("dust", BigInteger.ONE);
        }
    }

    @Test
    void aRecordOfAnotherShapeIsRebuiltWhole() {
        // a record missing the USDC books and a held part: moved, it comes back in the shape the ledger writes
        Reconciliation tokens = new Reconciliation(Asset.TOKEN, BigInteger.valueOf(9), Map.of("stake", BigInteger.valueOf(9)),
                BigInteger.ZERO, BigInteger.ZERO);
        PartitionBooks partial = Books.state(List.of(tokens));
        BigInteger[] delta = Books.row(List.of(new Reconciliation(Asset.USDC, BigInteger.valueOf(3),
                Map.of("free", BigInteger.valueOf(3)), BigInteger.ZERO, BigInteger.ZERO)));
        List<Reconciliation> moved = Books.of(Books.moved(partial, delta));
        assertThat(moved).extracting(Reconciliation::asset).containsExactly(Asset.TOKEN, Asset.USDC);
        assertThat(moved.get(0)).isEqualTo(Reconciliation.empty(Asset.TOKEN).plus(tokens));
        assertThat(moved.get(1).held()).containsEntry("free", BigInteger.valueOf(3)).containsEntry("vault", BigInteger.ZERO);
        assertThat(moved).allMatch(Reconciliation::balanced);
    }

    @Test
    void aCommandThatMovesNoAmountLeavesTheRecordUnwritten() {
        LedgerHarness h = new LedgerHarness().init();
        h.pool(Account.named("operator"), "gpu-1", 1_000);
        assertThat(Books.of(h.store.get(Table.BOOKS, Keys.BOOKS)).get(0).held().get("stake")).isPositive();
        h.store.delete(Table.BOOKS, Keys.BOOKS);
        // a halt rewrites the pool but moves no amount: nothing to book, so no record (and no recount)
        h.checkEveryCommand = false;
        h.ok(h.halter, "gpu-1", new io.stakestream.avro.SetHaltStatus(true));
        assertThat(h.store.get(Table.BOOKS, Keys.BOOKS)).isNull();
    }
}
