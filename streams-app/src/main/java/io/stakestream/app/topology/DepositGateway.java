package io.stakestream.app.topology;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.crypto.CommandVerifier;
import io.stakestream.protocol.serde.ConfluentAvroDeserializer;
import io.stakestream.protocol.serde.SignedPayloads;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
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
 * commands topic, with provenance headers like the {@link AttestationGateway}. A later copy (a
 * retry under a new nonce, the same transfer sent to a second pool) is appended too, marked with
 * {@link #DUPLICATE_OF_HEADER}, and the ledger refuses it DUPLICATE_DEPOSIT: every refusal lives in
 * the one log, so a replay refuses the same records. A record only claims its reference once its
 * signature verifies, so nobody can burn a reference with garbage; who may sign deposits at all is
 * the ledger's rule (CUSTODY role), and who may write to the deposits topic is the broker's (ACLs).
 *
 * <p>Runs inside the gateway application (fixed id), so a ledger replay under a fresh id re-reads
 * the commands log, forwarded deposits included, without forwarding or deduplicating anything again.
 */
public final class DepositGateway {

    static final String SOURCE = "gateway-deposits-source";
    static final String DEDUPE = "gateway-deposit-dedupe";
    static final String FORWARD_SINK = "gateway-deposits-commands-sink";
    public static final String STORE = "deposit-chain-refs";
    /** Set by the gateway on a later copy of a transfer it already forwarded: names the first. */
    public static final String DUPLICATE_OF_HEADER = "stakestream.duplicate-of";

    private final LedgerTopics topics;
    private final StakestreamSerdes serdes;

    public DepositGateway(LedgerTopics topics, StakestreamSerdes serdes) {
        this.topics = topics;
        this.serdes = serdes;
    }

    /** Adds the gateway's nodes to a topology (the attestation gateway's application, or a test driver's). */
    public Topology addTo(Topology t) {
        t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.deposits());
        t.addProcessor(DEDUPE, () -> new Dedupe(serdes.valueSerde(SignedCommand.class).deserializer(), serdes.payloads()), SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String())
                .withLoggingEnabled(java.util.Map.of()), DEDUPE);
        t.addSink(FORWARD_SINK, topics.commands(), new ByteArraySerializer(), new ByteArraySerializer(), DEDUPE);
        return t;
    }

    private static final class Dedupe implements Processor<byte[], byte[], byte[], byte[]> {
        private final Deserializer<SignedCommand> commands;
        private final SignedPayloads payloads;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<String, String> seen;

        Dedupe(Deserializer<SignedCommand> commands, SignedPayloads payloads) {
            this.commands = commands;
            this.payloads = payloads;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.seen = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata md = context.recordMetadata().orElseThrow();
            Headers headers = AttestationGateway.provenance(record.headers(), md, record.timestamp());
            headers.remove(DUPLICATE_OF_HEADER);
            byte[] key = record.key();
            SignedCommand command = decode(md, record.value());
            CommandPayload p = command == null ? null : payload(command);
            if (p != null) {
                key = p.getPoolId() == null ? key : p.getPoolId().getBytes(StandardCharsets.UTF_8);
                if (p.getBody() instanceof Deposit deposit && deposit.getChainRef() != null && deposit.getChainRef().getTxHash() != null
                        && CommandVerifier.check(command, p).isValid()) {
                    String ref = Keys.chainRef(deposit.getChainRef());
                    String first = seen.get(ref);
                    if (first == null) {
                        seen.put(ref, "command " + p.getCommandId() + " to pool '" + p.getPoolId() + "'");
                    } else {
                        headers.add(DUPLICATE_OF_HEADER, first.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            // everything goes into the log, refusals too, so a replay of the log refuses them again
            context.forward(new Record<>(key, record.value(), record.timestamp(), headers), FORWARD_SINK);
        }

        /** The signed payload, or null when it does not decode (the ledger refuses it UNDECODABLE). */
        private CommandPayload payload(SignedCommand command) {
            try {
                return payloads.command(command);
            } catch (RuntimeException e) {
                if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
                    throw new RegistryUnavailableException("schema registry unavailable while decoding a deposit: " + e.getMessage(), e);
                }
                return null;
            }
        }

        /** The command, or null when the bytes do not decode (the ledger refuses them, naming this record). */
        private SignedCommand decode(RecordMetadata md, byte[] value) {
            try {
                return Objects.requireNonNull(commands.deserialize(md.topic(), value), "empty record (null value)");
            } catch (RuntimeException e) {
                if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
                    throw new RegistryUnavailableException("schema registry unavailable while decoding a deposit: " + e.getMessage(), e);
                }
                return null;
            }
        }
    }
}
