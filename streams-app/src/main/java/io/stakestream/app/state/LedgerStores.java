package io.stakestream.app.state;

import io.stakestream.ledger.Table;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * One persistent, changelogged key-value store per ledger {@link Table}, named after the table.
 * Values go through the Confluent serde so the changelog topics are readable by any Avro tool.
 */
public final class LedgerStores {

    private LedgerStores() {
    }

    public static List<StoreBuilder<KeyValueStore<String, Object>>> builders(StakestreamSerdes serdes) {
        return Table.ALL.stream().map(t -> builder(t, serdes)).toList();
    }

    public static List<String> names() {
        return Table.ALL.stream().map(Table::name).toList();
    }

    private static StoreBuilder<KeyValueStore<String, Object>> builder(Table<?> table, StakestreamSerdes serdes) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(table.name()), Serdes.String(), valueSerde(table, serdes))
                .withCachingEnabled()
                .withLoggingEnabled(java.util.Map.of());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Serde<Object> valueSerde(Table<?> table, StakestreamSerdes serdes) {
        if (table.type() == Long.class) {
            return (Serde) Serdes.Long();
        }
        if (SpecificRecord.class.isAssignableFrom(table.type())) {
            return (Serde) serdes.valueSerde((Class<? extends SpecificRecord>) table.type());
        }
        throw new IllegalArgumentException("no serde for table " + table + " of " + table.type());
    }
}
