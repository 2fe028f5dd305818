package io.stakestream.app.topology;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.ledger.Outcome;
import io.stakestream.ledger.OutcomeWriter;
import io.stakestream.ledger.Rejected;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.serde.ConfluentAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The encoded outputs of one input, prepared before the ledger writes any state (as its
 * {@link OutcomeWriter}) and forwarded to the sinks only after. Encoding resolves every schema id:
 * a registry that does not answer throws {@link RegistryUnavailableException} (the input stays
 * unapplied and is retried); a record over its topic's limit throws {@link Rejected}
 * OUTPUT_TOO_LARGE (the input is refused instead). A rejection that is itself too large drops the
 * raw bytes it would carry, so every refusal can be written.
 */
final class PreparedOutputs implements OutcomeWriter {

    private record Encoded(LedgerOutputs.Sink sink, String key, byte[] value) {
    }

    private static final Header[] NO_HEADERS = new Header[0];

    private final LedgerOutputs outputs;
    private final Input in;
    private final Rejection.Builder about;
    private final String rejectionKey;
    private List<Encoded> records = List.of();
    private RejectReason rejection;

    /**
     * @param about what a rejection of this input says about it (command id, pool, actor, command)
     * @param rejectionKey the key a rejection is written under
     */
    PreparedOutputs(LedgerOutputs outputs, Input in, Rejection.Builder about, String rejectionKey) {
        this.outputs = outputs;
        this.in = in;
        this.about = about;
        this.rejectionKey = rejectionKey;
    }

    /** Pools the input must also reach: a cluster claim's legs, sent after its outputs. */
    private List<String> routes = List.of();

    @Override
    public void prepare(Outcome outcome) {
        if (!outcome.accepted()) {
            reject(outcome.rejection(), String.valueOf(outcome.message()));
            return;
        }
        List<Encoded> encoded = new ArrayList<>();
        for (LedgerEvent e : outcome.events()) {
            encoded.add(encode(outputs.events, e.getPoolId(), e));
        }
        for (SlashOutcome s : outcome.slashes()) {
            encoded.add(encode(outputs.slashes, s.getPoolId(), s));
        }
        for (Payout p : outcome.payouts()) {
            encoded.add(encode(outputs.payouts, Hex.encode(p.getAccount()), p));
        }
        for (EpochSummaryMessage m : outcome.summaries()) {
            encoded.add(encode(outputs.summaries, Long.toString(epochOf(m)), m));
        }
        records = encoded;
        routes = outcome.routes();
        rejection = null;
    }

    /** Prepares the input's one rejection instead of whatever was prepared before. */
    void reject(RejectReason reason, String message) {
        Rejection full = about.setReason(reason).setMessage(message).setSourceTopic(in.sourceTopic())
                .setPartition(in.sourcePartition()).setOffset(in.sourceOffset()).setTimestamp(in.sourceTimestamp()).build();
        Encoded encoded;
        try {
            encoded = encode(outputs.rejections, rejectionKey, full);
        } catch (Rejected tooLarge) {
            if (full.getRawKey() == null && full.getRawValue() == null) {
                throw new IllegalStateException("a rejection without raw bytes does not fit " + outputs.rejections.topic()
                        + ": raise its max.message.bytes (" + tooLarge.getMessage() + ")", tooLarge);
            }
            Rejection bare = Rejection.newBuilder(full).setRawKey(null).setRawValue(null)
                    .setMessage(message + " (raw bytes left out: " + tooLarge.getMessage() + ")").build();
            encoded = encode(outputs.rejections, rejectionKey, bare);
        }
        records = List.of(encoded);
        routes = List.of();
        rejection = reason;
    }

    /** Null when the input was accepted. */
    RejectReason rejection() {
        return rejection;
    }

    /** Sends what was prepared; a producer failure propagates and fails the task before it commits. */
    void forwardTo(ProcessorContext<String, byte[]> context) {
        for (Encoded e : records) {
            context.forward(new Record<>(e.key(), e.value(), in.timestamp()), e.sink().node());
        }
        // a cluster claim's legs: the signed bytes untouched, once per pool, keyed by it, in this transaction
        for (String pool : routes) {
            org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add(LedgerProcessor.CLUSTER_POOL_HEADER, pool.getBytes(StandardCharsets.UTF_8));
            context.forward(new Record<>(pool, in.rawValue(), in.timestamp(), headers), PoolLedgerTopology.COMMANDS_SINK);
        }
    }

    private Encoded encode(LedgerOutputs.Sink sink, String key, SpecificRecord value) {
        byte[] bytes;
        try {
            bytes = sink.values().serialize(sink.topic(), value);
        } catch (RuntimeException e) {
            if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unavailable while encoding a "
                        + value.getSchema().getName() + " for " + sink.topic() + " (input " + in.where() + "): " + e.getMessage(), e);
            }
            throw new Rejected(RejectReason.INTERNAL_ERROR, "cannot encode the " + value.getSchema().getName() + " for "
                    + sink.topic() + ": " + e.getMessage());
        }
        int size = OutputLimits.sizeOf(key == null ? null : key.getBytes(StandardCharsets.UTF_8), bytes, NO_HEADERS);
        if (!outputs.limits.fits(sink.topic(), size)) {
            throw new Rejected(RejectReason.OUTPUT_TOO_LARGE, "its " + value.getSchema().getName() + " for " + sink.topic() + " is "
                    + size + " bytes, over the " + outputs.limits.maxBytes(sink.topic())
                    + " the topic takes (max.message.bytes, max.request.size): raise the limit or split the command");
        }
        return new Encoded(sink, key, bytes);
    }

    private static long epochOf(EpochSummaryMessage m) {
        Object body = m.getBody();
        if (body instanceof PoolEpochSummary s) {
            return s.getEpoch();
        }
        return ((PartitionEpochClosed) body).getEpoch();
    }
}
