package io.stakestream.ledger;

import io.stakestream.avro.NetworkState;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.avro.SlashProposal;

/**
 * One kind of ledger state. Each table is a state store in the topology and a map in tests; keys
 * are strings that start with the pool id, so every table of a pool lives on the pool's partition.
 */
public final class Table<V> {
    public static final Table<NetworkState> NETWORK = new Table<>("network", NetworkState.class);
    public static final Table<PoolState> POOLS = new Table<>("pools", PoolState.class);
    public static final Table<PositionState> POSITIONS = new Table<>("positions", PositionState.class);
    public static final Table<Long> NONCES = new Table<>("nonces", Long.class);
    public static final Table<SlashProposal> SLASHES = new Table<>("slashes", SlashProposal.class);
    public static final Table<PoolEpochPerformance> PERFORMANCE = new Table<>("performance", PoolEpochPerformance.class);
    public static final Table<RewardRecordState> REWARD_RECORDS = new Table<>("reward-records", RewardRecordState.class);
    /** Small facts: whitelist entries, (pool, epoch) accruals done. */
    public static final Table<Long> MARKS = new Table<>("marks", Long.class);
    /** Payouts custody has not settled or failed yet, by payout id ("<pool>#<seq>"). */
    public static final Table<Payout> PAYOUTS = new Table<>("payouts", Payout.class);

    /** The partition's custody books, one record ({@link Keys#BOOKS}) kept by {@link Books} as commands apply. */
    public static final Table<io.stakestream.avro.PartitionBooks> BOOKS = new Table<>("books", io.stakestream.avro.PartitionBooks.class);

    public static final java.util.List<Table<?>> ALL =
            java.util.List.of(NETWORK, POOLS, POSITIONS, NONCES, SLASHES, PERFORMANCE, REWARD_RECORDS, MARKS, PAYOUTS, BOOKS);

    private final String name;
    private final Class<V> type;

    private Table(String name, Class<V> type) {
        this.name = name;
        this.type = type;
    }

    public String name() {
        return name;
    }

    public Class<V> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
