package io.stakestream.ledger;

import java.util.List;

/**
 * What the ledger needs from state. The topology backs it with Kafka Streams key-value stores;
 * tests back it with maps. Values handed out must be the caller's own copies.
 */
public interface LedgerStore {
    <V> V get(Table<V> table, String key);

    <V> void put(Table<V> table, String key, V value);

    <V> void delete(Table<V> table, String key);

    /** Keys of a table that start with prefix, in key order. Epoch close walks pools with it (and the first booking of a partition older than its books). */
    List<String> keys(Table<?> table, String prefix);
}
