package io.stakestream.app.state;

import io.stakestream.ledger.LedgerStore;
import io.stakestream.app.topology.RegistryUnavailableException;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Unavailable;
import io.stakestream.protocol.serde.ConfluentAvroDeserializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The ledger's state over the task's Kafka Streams stores. Every get deserializes from the
 * store's bytes, so the ledger always holds its own copy, as {@link LedgerStore} requires.
 */
public final class StreamsLedgerStore implements LedgerStore {

    private static final StringSerializer KEYS = new StringSerializer();

    private final Map<Table<?>, KeyValueStore<String, Object>> stores = new HashMap<>();

    public StreamsLedgerStore(ProcessorContext<?, ?> context) {
        for (Table<?> table : Table.ALL) {
            stores.put(table, context.getStateStore(table.name()));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Table<V> table, String key) {
        return (V) guarded(table, "read", key, () -> store(table).get(key));
    }

    @Override
    public <V> void put(Table<V> table, String key, V value) {
        guarded(table, "write", key, () -> {
            store(table).put(key, value);
            return null;
        });
    }

    @Override
    public <V> void delete(Table<V> table, String key) {
        guarded(table, "delete", key, () -> {
            store(table).delete(key);
            return null;
        });
    }

    @Override
    public List<String> keys(Table<?> table, String prefix) {
        return guarded(table, "scan", prefix, () -> {
            List<String> keys = new ArrayList<>();
            // an empty prefix means the whole table; all() says so without relying on an empty-range scan
            try (KeyValueIterator<String, Object> it = prefix.isEmpty() ? store(table).all() : store(table).prefixScan(prefix, KEYS)) {
                while (it.hasNext()) {
                    KeyValue<String, Object> kv = it.next();
                    keys.add(kv.key);
                }
            }
            return keys;
        });
    }

    /**
     * A store that fails (its values' schema not to be had from the registry, a closed store, a
     * changelog send that failed) says nothing about the command: the ledger leaves it unapplied.
     */
    private static <T> T guarded(Table<?> table, String what, String key, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unavailable to " + what + " " + table + " '" + key + "': "
                        + e.getMessage(), e);
            }
            throw new Unavailable("state store " + table + " failed to " + what + " '" + key + "': " + e, e);
        }
    }

    private KeyValueStore<String, Object> store(Table<?> table) {
        KeyValueStore<String, Object> store = stores.get(table);
        if (store == null) {
            throw new IllegalStateException("no state store for ledger table " + table);
        }
        return store;
    }
}
