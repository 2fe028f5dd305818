package io.stakestream.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A ledger store in memory, for tests, simulations and the benchmark. Hands out deep copies, as a
 * real store does, so a rejected command cannot leak changes through shared objects.
 */
public final class MemoryLedgerStore implements LedgerStore {
    private final Map<Table<?>, TreeMap<String, Object>> tables = new HashMap<>();
    private long reads;
    private long writes;

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Table<V> table, String key) {
        reads++;
        return (V) copy(tables.computeIfAbsent(table, t -> new TreeMap<>()).get(key));
    }

    @Override
    public <V> void put(Table<V> table, String key, V value) {
        writes++;
        tables.computeIfAbsent(table, t -> new TreeMap<>()).put(key, copy(value));
    }

    @Override
    public <V> void delete(Table<V> table, String key) {
        writes++;
        tables.computeIfAbsent(table, t -> new TreeMap<>()).remove(key);
    }

    @Override
    public List<String> keys(Table<?> table, String prefix) {
        TreeMap<String, Object> t = tables.computeIfAbsent(table, k -> new TreeMap<>());
        List<String> out = new ArrayList<>();
        for (String k : t.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) break;
            out.add(k);
        }
        return out;
    }

    /** Every value of a table, in key order (tests walk positions to check invariants). */
    @SuppressWarnings("unchecked")
    public <V> List<V> values(Table<V> table) {
        List<V> out = new ArrayList<>();
        tables.computeIfAbsent(table, t -> new TreeMap<>()).values().forEach(v -> out.add((V) copy(v)));
        return out;
    }

    public long reads() {
        return reads;
    }

    public long writes() {
        return writes;
    }

    public void resetCounts() {
        reads = 0;
        writes = 0;
    }

    private static Object copy(Object v) {
        if (v instanceof SpecificRecord r) return SpecificData.getForSchema(r.getSchema()).deepCopy(r.getSchema(), r);
        return v;
    }
}
