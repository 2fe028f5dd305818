package io.stakestream.app.topology;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The ledger's output sinks: for each, its topic and the value serializer. The processor encodes
 * every output itself, before the ledger writes state, and the sinks only carry the bytes; so a
 * record that cannot be encoded (registry down) or can never be written (too large) is known while
 * the input can still be left unapplied or refused.
 */
final class LedgerOutputs {

    /** One sink: the node name in the topology, its topic, and how its values are encoded. */
    record Sink(String node, String topic, Serializer<SpecificRecord> values) {
    }

    final Sink events;
    final Sink rejections;
    final Sink slashes;
    final Sink payouts;
    final Sink summaries;
    final OutputLimits limits;

    LedgerOutputs(LedgerTopics topics, StakestreamSerdes serdes, OutputLimits limits) {
        this.events = sink(PoolLedgerTopology.EVENTS_SINK, topics.events(), LedgerEvent.class, serdes);
        this.rejections = sink(PoolLedgerTopology.REJECTIONS_SINK, topics.rejections(), Rejection.class, serdes);
        this.slashes = sink(PoolLedgerTopology.SLASHES_SINK, topics.slashes(), SlashOutcome.class, serdes);
        this.payouts = sink(PoolLedgerTopology.PAYOUTS_SINK, topics.payouts(), Payout.class, serdes);
        this.summaries = sink(PoolLedgerTopology.SUMMARIES_SINK, topics.poolEpochSummaries(), EpochSummaryMessage.class, serdes);
        this.limits = limits;
    }

    /** Every sink, in the order they are added to the topology. */
    List<Sink> all() {
        return List.of(events, rejections, slashes, payouts, summaries);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Sink sink(String node, String topic, Class<? extends SpecificRecord> type, StakestreamSerdes serdes) {
        return new Sink(node, topic, (Serializer) serdes.valueSerde(type).serializer());
    }
}
