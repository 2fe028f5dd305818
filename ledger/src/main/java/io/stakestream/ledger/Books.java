package io.stakestream.ledger;

import io.stakestream.avro.Asset;
import io.stakestream.avro.AssetBooks;
import io.stakestream.avro.HeldPart;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.PartitionBooks;
import io.stakestream.avro.PoolState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition's custody books as the ledger keeps them: one {@link PartitionBooks} record that each
 * accepted command moves by the difference its writes made to the network record and the pools, so
 * the cost is the records the command wrote, never the partition's size, and a reader gets a whole
 * command's books in one get. {@link Reconciliation#of} over the whole partition is the check.
 */
public final class Books {

    private Books() {
    }

    /** Zero books, one per asset. */
    public static List<Reconciliation> empty() {
        List<Reconciliation> out = new ArrayList<>();
        for (Asset a : Asset.values()) out.add(Reconciliation.empty(a));
        return out;
    }

    /** The books a stored record holds; no record yet means nothing was ever booked. */
    public static List<Reconciliation> of(PartitionBooks state) {
        if (state == null) return empty();
        List<Reconciliation> out = new ArrayList<>();
        for (AssetBooks a : state.getAssets()) {
            Map<String, BigInteger> held = new LinkedHashMap<>();
            for (HeldPart p : a.getHeld()) held.put(p.getName(), Amounts.big(p.getAmount()));
            out.add(new Reconciliation(a.getAsset(), Amounts.big(a.getDeposited()), held,
                    Amounts.big(a.getPaidSettled()), Amounts.big(a.getPaidUnsettled())));
        }
        return out;
    }

    public static PartitionBooks state(List<Reconciliation> books) {
        List<AssetBooks> assets = new ArrayList<>();
        for (Reconciliation r : books) {
            List<HeldPart> held = new ArrayList<>();
            r.held().forEach((name, amount) -> held.add(new HeldPart(name, Amounts.dec(amount))));
            assets.add(new AssetBooks(r.asset(), Amounts.dec(r.deposited()), held, Amounts.dec(r.paidSettled()), Amounts.dec(r.paidUnsettled())));
        }
        return new PartitionBooks(assets);
    }

    /** What one stored value adds to the books: a pool's or the network record's part; nothing for any other table or none. */
    static List<Reconciliation> part(Table<?> table, Object value) {
        if (value == null) return empty();
        if (table == Table.POOLS) return Reconciliation.both(null, List.of((PoolState) value));
        if (table == Table.NETWORK) return Reconciliation.both((NetworkState) value, List.of());
        return empty();
    }

    /** books + after - before, asset by asset (all three in {@link Asset} order). */
    static List<Reconciliation> moved(List<Reconciliation> books, List<Reconciliation> before, List<Reconciliation> after) {
        List<Reconciliation> out = new ArrayList<>();
        for (int i = 0; i < books.size(); i++) out.add(books.get(i).plus(after.get(i)).minus(before.get(i)));
        return out;
    }

    static boolean isZero(List<Reconciliation> books) {
        return books.stream().allMatch(Reconciliation::isZero);
    }
}
