package io.stakestream.app.topology;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Why this buffer exists: Kafka Streams hands a task's records in timestamp order, but a command
 * and an attestation of the same (LogAppendTime) millisecond come in either order, so a live run
 * and a replay could apply them differently (an attestation tying with an EpochClose would be
 * accepted in one and LATE_ATTESTATION in the other). DESIGN.md section 7 wants a replay to give
 * the same outputs, so the ledger applies a task's records in (timestamp, commands before
 * attestations, partition, offset) order: each record waits here until nothing can tie with it.
 *
 * <p>A record is released when a record with a later timestamp comes (records come in timestamp
 * order, so nothing can tie with it any more), or when it has waited {@link #HOLD_MS} of wall-clock
 * time (an idle topic). The wait is counted from when the record was held, not from its timestamp:
 * in a replay every timestamp is long past, yet a tying record of the other topic may still be one
 * record away. In steady state the store holds only the records of the latest millisecond.
 *
 * <p>Held records live in a persistent, changelogged store, so under exactly-once a crash between
 * holding a record and applying it neither loses nor doubles it. They are read from an in-memory
 * copy, loaded when the task starts: a RocksDB scan would have to skip every deleted key.
 */
final class Sequencer {

    static final String STORE = "sequencer";

    /**
     * How long a held record waits for a record of the other topic with the same timestamp: that
     * record was appended in the same broker millisecond, so it reaches us within about a fetch.
     */
    static final long HOLD_MS = 200;

    /** The wait of records found in the store at start-up: the tying record must first be fetched again. */
    static final long RESTORED_HOLD_MS = 1_000;

    /** How often the wall-clock punctuator looks at the held records: how late past HOLD_MS an idle topic's record may be. */
    static final long PUNCTUATE_MS = 50;

    private static final int RANK_COMMAND = 0;
    private static final int RANK_ATTESTATION = 1;

    private final KeyValueStore<String, byte[]> store;
    private final String attestations;
    /** The store's content, in application order. */
    private final TreeMap<String, Input> held = new TreeMap<>();
    private long releaseAt;

    /** Picks up what a previous instance of the task held and had not applied yet. */
    Sequencer(KeyValueStore<String, byte[]> store, String attestationsTopic, long now) {
        this.store = store;
        this.attestations = attestationsTopic;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> held.put(kv.key, Input.decode(kv.value)));
        }
        releaseAt = now + RESTORED_HOLD_MS;
    }

    static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
    }

    /** Applies, in order, every held record older than this one, then holds this one. */
    void offer(Input in, long now, Consumer<Input> apply) {
        releaseOlderThan(in.timestamp(), apply);
        if (held.isEmpty()) {
            releaseAt = now + HOLD_MS;
        }
        String key = key(in);
        store.put(key, in.encode());
        held.put(key, in);
    }

    /** Wall-clock punctuation: applies, in order, every held record once they have waited long enough. */
    void punctuate(long now, Consumer<Input> apply) {
        if (!held.isEmpty() && now >= releaseAt) {
            releaseOlderThan(Long.MAX_VALUE, apply);
        }
    }

    private void releaseOlderThan(long timestamp, Consumer<Input> apply) {
        while (!held.isEmpty() && held.firstEntry().getValue().timestamp() < timestamp) {
            Map.Entry<String, Input> next = held.pollFirstEntry();
            store.delete(next.getKey());
            apply.accept(next.getValue());
        }
    }

    /** Sorts as (timestamp, rank, partition, offset): fixed-width decimal fields, so string order is numeric order. */
    private String key(Input in) {
        StringBuilder k = new StringBuilder(52);
        pad(k, in.timestamp(), 19).append('-')
                .append(attestations.equals(in.topic()) ? RANK_ATTESTATION : RANK_COMMAND).append('-');
        pad(k, in.partition(), 10).append('-');
        return pad(k, in.offset(), 19).toString();
    }

    private static StringBuilder pad(StringBuilder k, long n, int width) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sequence a negative timestamp, partition or offset: " + n);
        }
        String digits = Long.toString(n);
        k.append("0".repeat(width - digits.length()));
        return k.append(digits);
    }
}
