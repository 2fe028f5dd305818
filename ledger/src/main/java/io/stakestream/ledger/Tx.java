package io.stakestream.ledger;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashOutcome;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command's unit of work: reads see earlier writes of the same command, and nothing reaches
 * the store unless the whole command is accepted. A rejected command leaves state untouched.
 */
public final class Tx {
    private static final Object DELETED = new Object();

    private final CommandContext ctx;
    private final LedgerStore store;
    private final Map<Table<?>, Map<String, Object>> writes = new LinkedHashMap<>();
    /** Keys written (or deleted) by this command, in order; reads are cached in writes too. */
    private final Map<Table<?>, java.util.Set<String>> dirty = new LinkedHashMap<>();
    /** The books' part of each pool and network record as the store held it before this command (see {@link Books}). */
    private final Map<String, BigInteger[]> booksBefore = new HashMap<>();
    private final List<LedgerEvent> events = new ArrayList<>();
    private final List<Payout> payouts = new ArrayList<>();
    private final List<SlashOutcome> slashes = new ArrayList<>();
    private final List<EpochSummaryMessage> summaries = new ArrayList<>();
    private final List<String> routes = new ArrayList<>();
    private Network network;

    Tx(CommandContext ctx, LedgerStore store) {
        this.ctx = ctx;
        this.store = store;
    }

    public CommandContext ctx() {
        return ctx;
    }

    public long now() {
        return ctx.timestamp();
    }

    public ByteBuffer actor() {
        return ctx.actor();
    }

    @SuppressWarnings("unchecked")
    public <V> V get(Table<V> table, String key) {
        Map<String, Object> t = writes.get(table);
        if (t != null && t.containsKey(key)) {
            Object v = t.get(key);
            return v == DELETED ? null : (V) v;
        }
        V v = store.get(table, key);
        if (v != null) writes.computeIfAbsent(table, k -> new HashMap<>()).putIfAbsent(key, v);
        // taken now: instructions change the state objects they read in place
        if (Books.booked(table)) booksBefore.putIfAbsent(booked(table, key), Books.part(table, v));
        return v;
    }

    public <V> void put(Table<V> table, String key, V value) {
        writes.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(key, value);
        dirty.computeIfAbsent(table, k -> new java.util.LinkedHashSet<>()).add(key);
    }

    public void delete(Table<?> table, String key) {
        writes.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(key, DELETED);
        dirty.computeIfAbsent(table, k -> new java.util.LinkedHashSet<>()).add(key);
    }

    public List<String> keys(Table<?> table, String prefix) {
        return store.keys(table, prefix);
    }

    // ---- typed state ----

    /** The network state of this partition; refuses when the program is not initialized. */
    public Network network() {
        if (network == null) {
            NetworkState s = get(Table.NETWORK, Keys.NETWORK_STATE);
            network = new Network(s == null ? NetworkState.newBuilder().build() : s);
        }
        return network;
    }

    public Network initializedNetwork() {
        Network n = network();
        Rejected.unless(n.initialized(), RejectReason.NOT_INITIALIZED,
                "the program is not initialized: the admin must send CreatePoolOverview first");
        return n;
    }

    public void saveNetwork() {
        put(Table.NETWORK, Keys.NETWORK_STATE, network.state());
    }

    /** The command's pool, with due commission and minimum-stake changes applied and rates under the network maximum. */
    public Pool pool() {
        return pool(ctx.poolId());
    }

    public Pool pool(String poolId) {
        PoolState s = get(Table.POOLS, poolId);
        Rejected.unless(s != null, RejectReason.UNKNOWN_POOL, "pool '" + poolId + "' does not exist: create it with CreateOperatorPool");
        Pool p = new Pool(s);
        p.applyDueChanges(network().epoch(), now());
        if (network().initialized()) p.capCommission(network().params().getMaxCommissionBps());
        return p;
    }

    public void save(Pool pool) {
        put(Table.POOLS, pool.id(), pool.state());
    }

    public Position position(Pool pool, ByteBuffer account) {
        Position p = findPosition(pool, account);
        Rejected.unless(p != null, RejectReason.UNKNOWN_POSITION,
                "account " + Accounts.short_(account) + " has no staking record in pool '" + pool.id() + "': send CreateStakingRecord first");
        return p;
    }

    public Position findPosition(Pool pool, ByteBuffer account) {
        PositionState s = get(Table.POSITIONS, Keys.position(pool.id(), account));
        return s == null ? null : new Position(s);
    }

    public void save(Position position) {
        put(Table.POSITIONS, Keys.position(position.poolId(), position.account()), position.state());
    }

    // ---- outputs ----

    public void event(Pool pool, Position position, BigInteger tokenDelta, BigInteger shareDelta, BigInteger usdcDelta, String note) {
        events.add(LedgerEvent.newBuilder()
                .setCommandId(ctx.commandId()).setPoolId(pool == null ? ctx.poolId() : pool.id()).setActor(ctx.actor()).setNonce(ctx.nonce())
                .setCommand(ctx.command()).setTimestamp(ctx.timestamp()).setEpoch(network().epoch())
                .setTokenDelta(tokenDelta == null ? null : Amounts.dec(tokenDelta.abs()))
                .setShareDelta(shareDelta == null ? null : Amounts.dec(shareDelta.abs()))
                .setUsdcDelta(usdcDelta == null ? null : Amounts.dec(usdcDelta.abs()))
                .setPool(pool == null ? null : pool.state())         // the command is done changing them: no copy
                .setPosition(position == null ? null : position.state())
                .setNote(note)
                .setPartition(ctx.partition())
                .build());
    }

    /**
     * Issues a payout for custody to send: its id is the pool's next payout number, so no signer
     * can make two payouts share an id; it stays an unsettled liability until PayoutSettled or
     * PayoutFailed. The pool's own accounting (what left T, commission, ...) is the caller's.
     */
    public void payout(ByteBuffer account, String poolId, io.stakestream.avro.Asset asset,
                       io.stakestream.avro.PayoutKind kind, BigInteger amount) {
        if (amount.signum() == 0) return;
        // the same state object the instruction holds (reads are cached per command), so its save keeps this
        PoolState s = get(Table.POOLS, poolId);
        long seq = Pool.wrap(s).issuePayout(asset, amount);
        put(Table.POOLS, poolId, s);
        Payout payout = Payout.newBuilder()
                .setPayoutId(Keys.payout(poolId, seq))
                .setAccount(account).setPoolId(poolId).setAsset(asset).setKind(kind)
                .setAmount(Amounts.dec(amount)).setCommandId(ctx.commandId()).setTimestamp(ctx.timestamp())
                .build();
        put(Table.PAYOUTS, payout.getPayoutId(), payout);
        payouts.add(payout);
    }

    public void slash(SlashOutcome outcome) {
        slashes.add(outcome);
    }

    public void summary(EpochSummaryMessage message) {
        summaries.add(message);
    }

    /** The command must also be applied on this pool's partition (written back to the commands log, in this transaction). */
    public void route(String poolId) {
        routes.add(poolId);
    }

    /** What the command produced so far; nothing is in the store until {@link #commit}. */
    Outcome outcome() {
        return new Outcome(null, null, List.copyOf(events), List.copyOf(payouts), List.copyOf(slashes), List.copyOf(summaries), List.copyOf(routes));
    }

    /** Writes the command's changes to the store; only for an accepted outcome whose outputs are prepared. */
    void commit() {
        io.stakestream.avro.PartitionBooks books = booksAfter();
        for (Map.Entry<Table<?>, java.util.Set<String>> e : dirty.entrySet()) {
            @SuppressWarnings("unchecked") Table<Object> table = (Table<Object>) e.getKey();
            Map<String, Object> t = writes.get(table);
            for (String key : e.getValue()) {
                Object v = t.get(key);
                if (v == DELETED) store.delete(table, key);
                else store.put(table, key, v);
            }
        }
        if (books != null) store.put(Table.BOOKS, Keys.BOOKS, books);
    }

    /**
     * The partition's books moved by what this command wrote to the network record, the pools and the reward records,
     * or null when they did not move. Read before any write, so a first booking counts the store as it was.
     */
    private io.stakestream.avro.PartitionBooks booksAfter() {
        BigInteger[] delta = Books.zero();
        for (Table<?> table : Books.BOOKED) {
            for (String key : dirty.getOrDefault(table, java.util.Set.of())) {
                BigInteger[] was = booksBefore.get(booked(table, key));
                Object v = writes.get(table).get(key);
                Books.move(delta, Books.part(table, v == DELETED ? null : v),
                        was != null ? was : Books.part(table, store.get(table, key)));
            }
        }
        if (Books.isZero(delta)) return null;
        io.stakestream.avro.PartitionBooks kept = store.get(Table.BOOKS, Keys.BOOKS);
        // none yet, or one naming parts this ledger does not know: counted once from the partition, then kept
        io.stakestream.avro.PartitionBooks moved = kept == null ? null : Books.moved(kept, delta);
        return moved != null ? moved : Books.moved(recount(), delta);
    }

    /** A partition whose state predates its books record: counted once from every pool, then kept. */
    private io.stakestream.avro.PartitionBooks recount() {
        return Books.state(Reconciliation.both(store.get(Table.NETWORK, Keys.NETWORK_STATE), all(Table.POOLS), all(Table.REWARD_RECORDS)));
    }

    private <V> List<V> all(Table<V> table) {
        List<V> values = new ArrayList<>();
        for (String key : store.keys(table, "")) values.add(store.get(table, key));
        return values;
    }

    private static String booked(Table<?> table, String key) {
        return table.name() + "/" + key;
    }
}
