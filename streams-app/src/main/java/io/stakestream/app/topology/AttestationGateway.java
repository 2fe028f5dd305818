package io.stakestream.app.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Forwards every record of the attestations topic, key and value byte for byte, to the SAME
 * partition of the commands topic, with headers naming where it came from. The ledger then reads
 * one totally ordered log per partition: the order of a command and an attestation is the order
 * of the commands log, identical in a live run, after a crash and in a replay. Nothing is decoded
 * or dropped here; the ledger verifies the attestation and names the original record in whatever
 * it emits for it.
 *
 * <p>Runs as its own Kafka Streams application with a FIXED application id (exactly-once, so an
 * attestation is forwarded once even across crashes): a ledger replay under a fresh ledger id
 * re-reads the commands topic, forwarded attestations included, without forwarding them again.
 */
public final class AttestationGateway {

    public static final String SOURCE_TOPIC_HEADER = "stakestream.source-topic";
    public static final String SOURCE_PARTITION_HEADER = "stakestream.source-partition";
    public static final String SOURCE_OFFSET_HEADER = "stakestream.source-offset";
    public static final String SOURCE_TIMESTAMP_HEADER = "stakestream.source-timestamp";
    /**
     * Set, with no value forwarded, when the attestation is too large for the commands topic: the
     * ledger refuses it (OUTPUT_TOO_LARGE) at its place in the log, with this header's text.
     */
    public static final String REFUSED_HEADER = "stakestream.refused";

    static final String SOURCE = "gateway-attestations-source";
    static final String FORWARD = "gateway-forward";
    static final String SINK = "gateway-commands-sink";

    private final LedgerTopics topics;
    private final OutputLimits limits;

    public AttestationGateway(LedgerTopics topics) {
        this(topics, OutputLimits.defaults());
    }

    /** @param limits the largest record the commands topic takes */
    public AttestationGateway(LedgerTopics topics, OutputLimits limits) {
        this.topics = topics;
        this.limits = limits;
    }

    public Topology build() {
        return addTo(new Topology());
    }

    /** Adds the gateway's nodes to a topology, e.g. next to the ledger's in a TopologyTestDriver. */
    public Topology addTo(Topology t) {
        t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.attestations());
        t.addProcessor(FORWARD, () -> new Forward(topics.commands(), limits), SOURCE);
        t.addSink(SINK, topics.commands(), new RoutedKeySerializer(), new ByteArraySerializer(), new SamePartition(), FORWARD);
        return t;
    }

    /** The raw key plus the partition it must land on: the source partition. */
    record Routed(int partition, byte[] key) {
    }

    private static final class Forward implements Processor<byte[], byte[], Routed, byte[]> {

        private final String commands;
        private final OutputLimits limits;
        private ProcessorContext<Routed, byte[]> context;

        Forward(String commands, OutputLimits limits) {
            this.commands = commands;
            this.limits = limits;
        }

        @Override
        public void init(ProcessorContext<Routed, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata md = context.recordMetadata().orElseThrow();
            Headers headers = provenance(record.headers(), md, record.timestamp());
            headers.remove(REFUSED_HEADER);
            byte[] value = record.value();
            int size = OutputLimits.sizeOf(record.key(), value, headers.toArray());
            if (!limits.fits(commands, size)) {
                // it can never be forwarded whole: forward its place in the log, for the ledger to refuse
                put(headers, REFUSED_HEADER, "the attestation is " + size + " bytes with its provenance headers, over the "
                        + limits.maxBytes(commands) + " " + commands + " takes (max.message.bytes): send smaller batches");
                value = null;
            }
            context.forward(new Record<>(new Routed(md.partition(), record.key()), value, record.timestamp(), headers));
        }
    }

    /** The record's headers with ours naming where it came from; a producer cannot pose as a gateway, ours replace any it sent. */
    static Headers provenance(Headers original, RecordMetadata md, long timestamp) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, SOURCE_TOPIC_HEADER, md.topic());
        put(headers, SOURCE_PARTITION_HEADER, Integer.toString(md.partition()));
        put(headers, SOURCE_OFFSET_HEADER, Long.toString(md.offset()));
        put(headers, SOURCE_TIMESTAMP_HEADER, Long.toString(timestamp));
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static final class RoutedKeySerializer implements Serializer<Routed> {
        @Override
        public byte[] serialize(String topic, Routed routed) {
            return routed == null ? null : routed.key();
        }
    }

    private static final class SamePartition implements StreamPartitioner<Routed, byte[]> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, Routed key, byte[] value, int numPartitions) {
            if (key.partition() >= numPartitions) {
                throw new IllegalStateException(topic + " has " + numPartitions + " partitions, fewer than the attestations topic: "
                        + "the two must be co-partitioned");
            }
            return Optional.of(Set.of(key.partition()));
        }
    }
}
