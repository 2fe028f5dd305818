package io.stakestream.app.topology;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.crypto.CommandVerifier;
import io.stakestream.protocol.serde.ConfluentAvroDeserializer;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Credits each chain transfer once, across pools. Custody writes its signed {@link Deposit}s to
 * the deposits topic keyed by chain reference, so every copy of one transfer lands on one task
 * whatever pool it names; this stage keeps the references it has forwarded (exactly-once, in a
 * changelogged store) and appends the first copy, bytes untouched, to the pool's partition of the
 * commands topic, with provenance headers like the {@link AttestationGateway}. Any later copy
 * (a retry under a new nonce, the same transfer sent to a second pool) becomes a
 * DUPLICATE_DEPOSIT rejection here. A record only claims its reference once its signature
 * verifies, so nobody can burn a reference with garbage; who may sign deposits at all is the
 * ledger's rule (CUSTODY role), and who may write to the deposits topic is the broker's (ACLs).
 *
 * <p>Runs inside the gateway application (fixed id), so a ledger replay under a fresh id re-reads
 * the commands log, forwarded deposits included, without forwarding or deduplicating anything again.
 */
public final class DepositGateway {

    static final String SOURCE = "gateway-deposits-source";
    static final String DEDUPE = "gateway-deposit-dedupe";
    static final String FORWARD_SINK = "gateway-deposits-commands-sink";
    static final String REJECTIONS_SINK = "gateway-deposits-rejections-sink";
    public static final String STORE = "deposit-chain-refs";

    private final LedgerTopics topics;
    private final StakestreamSerdes serdes;

    public DepositGateway(LedgerTopics topics, StakestreamSerdes serdes) {
        this.topics = topics;
        this.serdes = serdes;
    }

    /** Adds the gateway's nodes to a topology (the attestation gateway's application, or a test driver's). */
    public Topology addTo(Topology t) {
        t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.deposits());
        t.addProcessor(DEDUPE, () -> new Dedupe(serdes.valueSerde(SignedCommand.class).deserializer()), SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String())
                .withLoggingEnabled(java.util.Map.of()), DEDUPE);
        t.addSink(FORWARD_SINK, topics.commands(), new ByteArraySerializer(), new ByteArraySerializer(), DEDUPE);
        t.addSink(REJECTIONS_SINK, topics.rejections(), new StringSerializer(), serdes.valueSerde(Rejection.class).serializer(), DEDUPE);
        return t;
    }

    private final class Dedupe implements Processor<byte[], byte[], Object, Object> {
        private final Deserializer<SignedCommand> commands;
        private ProcessorContext<Object, Object> context;
        private KeyValueStore<String, String> seen;

        Dedupe(Deserializer<SignedCommand> commands) {
            this.commands = commands;
        }

        @Override
        public void init(ProcessorContext<Object, Object> context) {
            this.context = context;
            this.seen = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata md = context.recordMetadata().orElseThrow();
            SignedCommand command;
            try {
                command = Objects.requireNonNull(commands.deserialize(md.topic(), record.value()), "empty record (null value)");
            } catch (RuntimeException e) {
                if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
                    throw new RegistryUnavailableException("schema registry unavailable while decoding a deposit: " + e.getMessage(), e);
                }
                reject(record, md, Rejection.newBuilder().setReason(RejectReason.UNDECODABLE).setMessage(String.valueOf(e.getMessage()))
                        .setRawKey(wrap(record.key())).setRawValue(wrap(record.value())), key(record));
                return;
            }
            CommandPayload p = command.getPayload();
            Rejection.Builder about = Rejection.newBuilder().setCommandId(p.getCommandId()).setPoolId(p.getPoolId())
                    .setActor(p.getActor()).setCommand(p.getBody() == null ? null : p.getBody().getClass().getSimpleName());
            if (!(p.getBody() instanceof Deposit deposit) || deposit.getChainRef() == null || deposit.getChainRef().getTxHash() == null) {
                reject(record, md, about.setReason(RejectReason.INVALID_ARGUMENT)
                        .setMessage("the deposits topic takes Deposit commands with a chain reference; send other commands to " + topics.commands()),
                        p.getPoolId());
                return;
            }
            if (!CommandVerifier.check(command).isValid()) {
                reject(record, md, about.setReason(RejectReason.BAD_SIGNATURE)
                        .setMessage("the deposit's Ed25519 signature does not verify: custody signs the canonical payload bytes"), p.getPoolId());
                return;
            }
            String ref = Keys.chainRef(deposit.getChainRef());
            String first = seen.get(ref);
            if (first != null) {
                reject(record, md, about.setReason(RejectReason.DUPLICATE_DEPOSIT).setMessage("chain transfer " + ref
                        + " was forwarded already (" + first + "): a transfer is credited once, to one pool"), p.getPoolId());
                return;
            }
            seen.put(ref, "command " + p.getCommandId() + " to pool '" + p.getPoolId() + "'");
            Headers headers = AttestationGateway.provenance(record.headers(), md, record.timestamp());
            // keyed by pool: the default partitioner puts it where producers put the pool's commands
            context.forward(new Record<Object, Object>(p.getPoolId().getBytes(StandardCharsets.UTF_8), record.value(),
                    record.timestamp(), headers), FORWARD_SINK);
        }

        private void reject(Record<byte[], byte[]> record, RecordMetadata md, Rejection.Builder rejection, String key) {
            Rejection r = rejection.setSourceTopic(md.topic()).setPartition(md.partition()).setOffset(md.offset())
                    .setTimestamp(record.timestamp()).build();
            context.forward(new Record<Object, Object>(key, r, record.timestamp()), REJECTIONS_SINK);
        }

        private String key(Record<byte[], byte[]> record) {
            return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        }
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
