package io.stakestream.ledger;

import io.stakestream.avro.Asset;
import io.stakestream.avro.AssetBooks;
import io.stakestream.avro.HeldPart;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.PartitionBooks;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RewardRecordState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition's custody books as the ledger keeps them: one {@link PartitionBooks} record that each
 * accepted command moves by the difference its writes made to the network record, the pools and the
 * reward records, so
 * the cost is the records the command wrote, never the partition's size, and a reader gets a whole
 * command's books in one get. {@link Reconciliation#of} over the whole partition is the check.
 *
 * <p>On the command path the books are a row of amounts: for each asset, in {@link Asset} order, what
 * was deposited, each held part in {@link Reconciliation}'s order, then paid out settled and
 * unsettled. A command adds rows and converts only the stored amounts its row moved.
 */
public final class Books {

    private static final int[] OFFSET = new int[Asset.values().length];
    /** Amounts per row: every asset's deposited, held parts, settled and unsettled. */
    static final int WIDTH;

    static {
        int at = 0;
        for (Asset a : Asset.values()) {
            OFFSET[a.ordinal()] = at;
            at += parts(a).size() + 3;
        }
        WIDTH = at;
    }

    // the command path's indices, looked up once
    private static final int TOKEN_STAKE = held(Asset.TOKEN, "stake");
    private static final int TOKEN_ENTRIES = held(Asset.TOKEN, "entries");
    private static final int TOKEN_PENDING = held(Asset.TOKEN, "pending");
    private static final int TOKEN_COMMISSION = held(Asset.TOKEN, "commission");
    private static final int TOKEN_DUST = held(Asset.TOKEN, "dust");
    private static final int USDC_POSITIONS = held(Asset.USDC, "positions");
    private static final int USDC_COMMISSION = held(Asset.USDC, "commission");
    private static final int[] FREE = {held(Asset.TOKEN, "free"), held(Asset.USDC, "free")};
    private static final int[] VAULT = {held(Asset.TOKEN, "vault"), held(Asset.USDC, "vault")};

    private Books() {
    }

    private static List<String> parts(Asset a) {
        return a == Asset.TOKEN ? Reconciliation.TOKEN_PARTS : Reconciliation.USDC_PARTS;
    }

    private static int deposited(Asset a) {
        return OFFSET[a.ordinal()];
    }

    private static int held(Asset a, String part) {
        int i = parts(a).indexOf(part);
        if (i < 0) throw new IllegalArgumentException("no held part '" + part + "' for " + a);
        return OFFSET[a.ordinal()] + 1 + i;
    }

    private static int settled(Asset a) {
        return OFFSET[a.ordinal()] + 1 + parts(a).size();
    }

    private static int unsettled(Asset a) {
        return settled(a) + 1;
    }

    // ---- rows ----

    static BigInteger[] zero() {
        BigInteger[] row = new BigInteger[WIDTH];
        Arrays.fill(row, BigInteger.ZERO);
        return row;
    }

    /** The tables whose records hold a part of the books. */
    static final List<Table<?>> BOOKED = List.of(Table.NETWORK, Table.POOLS, Table.REWARD_RECORDS);

    static boolean booked(Table<?> table) {
        return BOOKED.contains(table);
    }

    /** What one stored value adds to the books: a pool's, a reward record's or the network record's part; zero for any other table or none. */
    static BigInteger[] part(Table<?> table, Object value) {
        BigInteger[] row = zero();
        if (value != null && table == Table.POOLS) addPool(row, (PoolState) value);
        if (value != null && table == Table.NETWORK) addNetwork(row, (NetworkState) value);
        if (value != null && table == Table.REWARD_RECORDS) addRecord(row, (RewardRecordState) value);
        return row;
    }

    /**
     * A partition's books counted from its network record (null before initialization), all its
     * pools and all its reward records.
     */
    static BigInteger[] count(NetworkState network, Iterable<PoolState> pools, Iterable<RewardRecordState> records) {
        BigInteger[] row = zero();
        if (network != null) addNetwork(row, network);
        for (PoolState s : pools) addPool(row, s);
        for (RewardRecordState r : records) addRecord(row, r);
        return row;
    }

    private static void addNetwork(BigInteger[] row, NetworkState s) {
        Network n = new Network(s);
        add(row, deposited(Asset.TOKEN), Amounts.big(s.getTokensDeposited()).add(Amounts.big(s.getTokensFunded())));
        add(row, deposited(Asset.USDC), Amounts.big(s.getUsdcDeposited()).add(Amounts.big(s.getUsdcFunded())));
        for (Asset a : Asset.values()) {
            add(row, FREE[a.ordinal()], n.unpooled(a));
            add(row, VAULT[a.ordinal()], n.vault(a));
        }
    }

    /** The vault's funds a reward record committed and has not accrued yet. */
    private static void addRecord(BigInteger[] row, RewardRecordState r) {
        add(row, VAULT[Asset.TOKEN.ordinal()], Amounts.big(r.getBudgetTokens()).subtract(Amounts.big(r.getAccruedTokens())));
        add(row, VAULT[Asset.USDC.ordinal()], Amounts.big(r.getBudgetUsdc()).subtract(Amounts.big(r.getAccruedUsdc())));
    }

    private static void addPool(BigInteger[] row, PoolState s) {
        Pool p = Pool.wrap(s);
        add(row, TOKEN_STAKE, p.totalStake());
        // stake that entered after a close and waits for that epoch's reward before it becomes shares
        add(row, TOKEN_ENTRIES, p.entries().heldTokens());
        add(row, TOKEN_PENDING, p.pendingValue());
        add(row, TOKEN_COMMISSION, p.tokenCommission());
        add(row, TOKEN_DUST, p.tokenDust());
        add(row, USDC_POSITIONS, p.usdcBalance());
        add(row, USDC_COMMISSION, p.usdcCommission());
        for (Asset a : Asset.values()) {
            add(row, FREE[a.ordinal()], p.free(a));
            BigInteger unsettled = p.unsettled(a);
            add(row, settled(a), p.paidOut(a).subtract(unsettled));
            add(row, unsettled(a), unsettled);
        }
    }

    private static void add(BigInteger[] row, int i, BigInteger amount) {
        if (amount.signum() != 0) row[i] = row[i].add(amount);
    }

    /** into += row - minus, amount by amount. */
    static void move(BigInteger[] into, BigInteger[] row, BigInteger[] minus) {
        for (int i = 0; i < WIDTH; i++) {
            add(into, i, row[i]);
            if (minus[i].signum() != 0) into[i] = into[i].subtract(minus[i]);
        }
    }

    static boolean isZero(BigInteger[] row) {
        for (BigInteger v : row) if (v.signum() != 0) return false;
        return true;
    }

    /** One asset's books as a row holds them. */
    static Reconciliation view(BigInteger[] row, Asset a) {
        Map<String, BigInteger> held = new LinkedHashMap<>();
        for (String part : parts(a)) held.put(part, row[held(a, part)]);
        return new Reconciliation(a, row[deposited(a)], held, row[settled(a)], row[unsettled(a)]);
    }

    /** The row of books given asset by asset (parts they do not name are zero). */
    static BigInteger[] row(List<Reconciliation> books) {
        BigInteger[] row = zero();
        for (Reconciliation r : books) {
            Asset a = r.asset();
            add(row, deposited(a), r.deposited());
            r.held().forEach((part, amount) -> add(row, held(a, part), amount));
            add(row, settled(a), r.paidSettled());
            add(row, unsettled(a), r.paidUnsettled());
        }
        return row;
    }

    static List<Reconciliation> views(BigInteger[] row) {
        List<Reconciliation> out = new ArrayList<>();
        for (Asset a : Asset.values()) out.add(view(row, a));
        return out;
    }

    /**
     * The stored books moved by a row, changed in place: only the amounts the row moves are
     * converted. A record of another shape than the ledger writes is rebuilt whole; one naming a part
     * this ledger does not know cannot be moved: null, and the caller counts the books again.
     */
    static PartitionBooks moved(PartitionBooks kept, BigInteger[] row) {
        if (!wellFormed(kept)) {
            if (!readable(kept)) return null;
            BigInteger[] all = row(of(kept));
            move(all, row, zero());
            return state(views(all));
        }
        for (AssetBooks b : kept.getAssets()) {
            Asset a = b.getAsset();
            if (moves(row, deposited(a))) b.setDeposited(plus(b.getDeposited(), row[deposited(a)]));
            List<HeldPart> held = b.getHeld();
            for (int j = 0; j < held.size(); j++) {
                int i = deposited(a) + 1 + j; // wellFormed: the parts in Reconciliation's order
                if (moves(row, i)) held.get(j).setAmount(plus(held.get(j).getAmount(), row[i]));
            }
            if (moves(row, settled(a))) b.setPaidSettled(plus(b.getPaidSettled(), row[settled(a)]));
            if (moves(row, unsettled(a))) b.setPaidUnsettled(plus(b.getPaidUnsettled(), row[unsettled(a)]));
        }
        return kept;
    }

    private static boolean moves(BigInteger[] row, int i) {
        return row[i].signum() != 0;
    }

    private static java.math.BigDecimal plus(java.math.BigDecimal stored, BigInteger by) {
        return Amounts.dec(Amounts.big(stored).add(by));
    }

    /** Whether every held part the record names is one of its asset's (not so in a newer ledger's, or a damaged one). */
    private static boolean readable(PartitionBooks kept) {
        for (AssetBooks b : kept.getAssets()) {
            for (HeldPart p : b.getHeld()) {
                if (!parts(b.getAsset()).contains(p.getName())) return false;
            }
        }
        return true;
    }

    /** Every asset once, in order, each with every held part once, in order: the shape {@link #state} writes. */
    private static boolean wellFormed(PartitionBooks kept) {
        List<AssetBooks> assets = kept.getAssets();
        if (assets.size() != Asset.values().length) return false;
        for (int i = 0; i < assets.size(); i++) {
            AssetBooks b = assets.get(i);
            if (b.getAsset().ordinal() != i) return false;
            List<String> parts = parts(b.getAsset());
            if (b.getHeld().size() != parts.size()) return false;
            for (int j = 0; j < parts.size(); j++) {
                if (!parts.get(j).equals(b.getHeld().get(j).getName())) return false;
            }
        }
        return true;
    }

    // ---- the record and its readers ----

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
}
