package io.stakestream.app.topology;

import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.state.LedgerStores;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.serde.StakestreamSerdes;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * Builds the pool-ledger topology (DESIGN.md section 1) with the low-level API:
 *
 * <pre>
 * attestations ─> {@link AttestationGateway} (its own application) ─┐
 *                                                                  v
 *                 commands ─> ledger (8 stores) ─┬─> events
 *                                                ├─> rejections, slashes, payouts
 *                                                ├─> pool-epoch-summaries
 *                                                └─> commands (cluster-claim legs, one per pool)
 * </pre>
 *
 * The ledger reads one topic: a task has one input partition and applies it in offset order, so
 * a replay gives the same outputs as the live run. Attestations reach it through the gateway,
 * which appends them to the same partition of the commands log. The source hands raw bytes to the
 * processor, so an undecodable record becomes a rejection carrying those bytes instead of a
 * deserialization failure. Topic names, serdes and the partition count are injected.
 */
public final class PoolLedgerTopology {

    public static final String COMMANDS_SOURCE = "commands-source";
    public static final String LEDGER = "pool-ledger";
    static final String EVENTS_SINK = "events-sink";
    static final String REJECTIONS_SINK = "rejections-sink";
    static final String SLASHES_SINK = "slashes-sink";
    static final String PAYOUTS_SINK = "payouts-sink";
    static final String SUMMARIES_SINK = "pool-epoch-summaries-sink";
    /** Back into the commands log: the legs of a cluster claim, keyed by each pool. */
    static final String COMMANDS_SINK = "cluster-legs-sink";

    private final LedgerTopics topics;
    private final StakestreamSerdes serdes;
    private final int partitions;
    private final LedgerMetrics metrics;
    private final OutputLimits limits;

    public PoolLedgerTopology(LedgerTopics topics, StakestreamSerdes serdes, int partitions, LedgerMetrics metrics) {
        this(topics, serdes, partitions, metrics, OutputLimits.defaults());
    }

    /**
     * @param partitions the partition count of the commands topic, which every EpochClose reports
     *     so the reward-builder knows how many partition markers to wait for
     * @param limits the largest record each output topic takes
     */
    public PoolLedgerTopology(LedgerTopics topics, StakestreamSerdes serdes, int partitions, LedgerMetrics metrics,
                              OutputLimits limits) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.topics = topics;
        this.serdes = serdes;
        this.partitions = partitions;
        this.metrics = metrics;
        this.limits = limits;
    }

    public Topology build() {
        Topology t = new Topology();
        t.addSource(COMMANDS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.commands());
        t.addProcessor(LEDGER, () -> new LedgerProcessor(topics,
                serdes.valueSerde(SignedCommand.class).deserializer(),
                serdes.valueSerde(SignedAttestation.class).deserializer(),
                serdes.payloads(), partitions, metrics, new LedgerOutputs(topics, serdes, limits)), COMMANDS_SOURCE);
        LedgerStores.builders(serdes).forEach(store -> t.addStateStore(store, LEDGER));
        // the processor encodes every value before the ledger writes state: the sinks carry bytes
        for (LedgerOutputs.Sink sink : new LedgerOutputs(topics, serdes, limits).all()) {
            t.addSink(sink.node(), sink.topic(), new StringSerializer(), new ByteArraySerializer(), LEDGER);
        }
        // the default partitioner places each leg on its pool's partition, as it places every producer's command
        t.addSink(COMMANDS_SINK, topics.commands(), new StringSerializer(), new ByteArraySerializer(), LEDGER);
        return t;
    }
}
