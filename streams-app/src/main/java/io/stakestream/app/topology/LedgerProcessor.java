package io.stakestream.app.topology;

import io.stakestream.app.StreamsConfigs;
import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.state.StreamsLedgerStore;
import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Ledger;
import io.stakestream.ledger.Unavailable;
import io.stakestream.protocol.clients.KeyPartitioner;
import io.stakestream.protocol.crypto.AttestationVerifier;
import io.stakestream.protocol.crypto.CommandVerifier;
import io.stakestream.protocol.crypto.SignatureCheck;
import io.stakestream.protocol.serde.ConfluentAvroDeserializer;
import io.stakestream.protocol.serde.SignedPayloads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes, verifies and applies one record of the commands log, and forwards every outcome to its
 * sink. The log holds commands and, forwarded by the {@link AttestationGateway}, attestations
 * (recognised by the gateway's source-topic header): a task has one input partition, so records
 * are applied in offset order, the same in a live run and in a replay. Each input yields at least
 * one event or exactly one rejection: bytes that do not decode, bad signatures and even bugs become
 * rejections, never silence or a dead thread. Outputs carry the commands log's timestamp; a
 * rejection names the record producers wrote (for an attestation, the attestations topic's).
 *
 * <p>Every output is encoded ({@link PreparedOutputs}) before the ledger writes state, and sent
 * after. A registry that does not answer, a store or a producer that fails leaves the input
 * unapplied: the exception fails the task, exactly-once aborts its transaction (outputs, offsets
 * and changelog writes) and wipes its local state, and the input is retried; nothing is
 * dead-lettered. An output that can never be written refuses the input as OUTPUT_TOO_LARGE.
 */
final class LedgerProcessor implements Processor<byte[], byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(LedgerProcessor.class);

    /** Names the pool a cluster-claim leg is for; the record carries the claim's signed bytes untouched. */
    static final String CLUSTER_POOL_HEADER = "stakestream.cluster-pool";

    private final LedgerTopics topics;
    private final Deserializer<SignedCommand> commands;
    private final Deserializer<SignedAttestation> attestations;
    private final SignedPayloads payloads;
    private final int partitions;
    private final LedgerMetrics metrics;
    private final LedgerOutputs outputs;
    private ProcessorContext<String, byte[]> context;
    private Ledger ledger;

    LedgerProcessor(LedgerTopics topics, Deserializer<SignedCommand> commands, Deserializer<SignedAttestation> attestations,
                    SignedPayloads payloads, int partitions, LedgerMetrics metrics, LedgerOutputs outputs) {
        this.topics = topics;
        this.commands = commands;
        this.attestations = attestations;
        this.payloads = payloads;
        this.partitions = partitions;
        this.metrics = metrics;
        this.outputs = outputs;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.ledger = new Ledger(new StreamsLedgerStore(context), new MerkleProofVerifier());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        // metadata is absent only for records made by a punctuation, never for a source record
        RecordMetadata md = context.recordMetadata().orElseThrow();
        Input own = new Input(false, md.topic(), md.partition(), md.offset(), record.timestamp(), record.timestamp(),
                md.partition(), record.key(), record.value(), null);
        long start = System.nanoTime();
        try {
            PreparedOutputs out = decide(own, record.headers());
            send(out, own);
            // counted once it is done: an input retried after a failure is one input
            metrics.consumed();
            if (out.rejection() == null) {
                metrics.accepted();
            } else {
                metrics.rejected(out.rejection());
            }
        } finally {
            long took = System.nanoTime() - start;
            metrics.processed(took);
            if (StreamsConfigs.nearTransactionTimeout(took)) {
                log.warn("{} took {} ms, over half the transaction timeout ({} ms): if it runs past it, its transaction is aborted"
                        + " and it runs again. Raise TRANSACTION_TIMEOUT_MS or spread the pools over more partitions",
                        own.where(), took / 1_000_000, StreamsConfigs.TRANSACTION_TIMEOUT_MS);
            }
        }
    }

    /**
     * The ledger may have written the input's state by now: whatever fails here fails the task (its
     * transaction aborts, the state is restored), never a rejection or a dead letter. Kafka's own
     * exceptions pass as they are, so Kafka Streams can handle a migrated or corrupted task its way.
     */
    private void send(PreparedOutputs out, Input in) {
        try {
            out.forwardTo(context);
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Unavailable("writing the outputs of " + in.where() + " failed: " + e, e);
        }
    }

    /** Applies or refuses the record; its outputs are encoded, nothing is sent yet. */
    private PreparedOutputs decide(Input own, Headers headers) {
        String legPool = header(headers, CLUSTER_POOL_HEADER);
        if (legPool != null) {
            return processCommand(own, legPool);
        }
        String source = header(headers, AttestationGateway.SOURCE_TOPIC_HEADER);
        if (source == null || !(source.equals(topics.attestations()) || source.equals(topics.deposits()))) {
            return apply(own);
        }
        Input forwarded;
        try {
            forwarded = new Input(source.equals(topics.attestations()), source,
                    Integer.parseInt(required(headers, AttestationGateway.SOURCE_PARTITION_HEADER)),
                    Long.parseLong(required(headers, AttestationGateway.SOURCE_OFFSET_HEADER)),
                    Long.parseLong(required(headers, AttestationGateway.SOURCE_TIMESTAMP_HEADER)),
                    own.timestamp(), own.partition(), own.rawKey(), own.rawValue(),
                    header(headers, DepositGateway.DUPLICATE_OF_HEADER));
        } catch (IllegalArgumentException e) {
            // not the gateway's work: refused where it is, in the commands log
            return undecodable(own, new IllegalArgumentException("a record naming " + source
                    + " as its source carries malformed provenance headers: " + e.getMessage(), e));
        }
        String refused = header(headers, AttestationGateway.REFUSED_HEADER);
        if (refused != null) {
            PreparedOutputs out = raw(forwarded);
            out.reject(RejectReason.OUTPUT_TOO_LARGE, refused);
            return out;
        }
        return apply(forwarded);
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String v = header(headers, name);
        if (v == null) {
            throw new IllegalArgumentException("header " + name + " is missing");
        }
        return v;
    }

    private PreparedOutputs apply(Input in) {
        try {
            return in.attestation() ? processAttestation(in) : processCommand(in);
        } catch (Unavailable e) {
            throw e; // not the record's fault: unapplied, retried once the cause is gone
        } catch (RuntimeException e) {
            if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unavailable while processing " + in.where() + ": "
                        + e.getMessage(), e);
            }
            // A bug must not stop the pipeline: the record is refused loudly and the stream goes on.
            log.error("record {} failed in the topology; rejected as INTERNAL_ERROR", in.where(), e);
            PreparedOutputs out = raw(in);
            out.reject(RejectReason.INTERNAL_ERROR, "internal error: " + e);
            return out;
        }
    }

    private PreparedOutputs processCommand(Input in) {
        return processCommand(in, null);
    }

    /**
     * Decodes, verifies and applies a command; with {@code legPool}, as the leg of a cluster claim
     * for that pool (the signer's own signed claim, applied to the pool this partition owns).
     */
    private PreparedOutputs processCommand(Input in, String legPool) {
        SignedCommand command;
        CommandPayload p;
        try {
            command = Objects.requireNonNull(commands.deserialize(in.sourceTopic(), in.rawValue()), "empty record (null value)");
            p = payloads.command(command);
        } catch (RuntimeException e) {
            return undecodable(in, e);
        }
        String pool = legPool == null ? p.getPoolId() : legPool;
        PreparedOutputs out = new PreparedOutputs(outputs, in, Rejection.newBuilder().setCommandId(p.getCommandId())
                .setPoolId(pool).setActor(p.getActor()).setCommand(commandName(p)), pool);
        SignatureCheck check = CommandVerifier.check(command, p);
        if (!check.isValid()) {
            out.reject(RejectReason.BAD_SIGNATURE, signatureMessage(check, "command"));
        } else if (placedByPool(in, pool, out) && custodyRoute(in, p, out)) {
            if (legPool == null) ledger.apply(p, in.timestamp(), in.partition(), partitions, out);
            else ledger.applyClusterLeg(p, pool, in.timestamp(), in.partition(), partitions, out);
        }
        return out;
    }

    /**
     * Deposits come through the deposit gateway only, which sees every copy of a chain transfer
     * whatever pool it names; a copy it marked as a duplicate is refused here, in the log's order.
     */
    private boolean custodyRoute(Input in, CommandPayload p, PreparedOutputs out) {
        boolean viaGateway = in.sourceTopic().equals(topics.deposits());
        if (p.getBody() instanceof Deposit != viaGateway) {
            out.reject(RejectReason.INVALID_ARGUMENT, viaGateway ? "the deposits topic takes Deposit commands only: send this to " + topics.commands()
                    : "a Deposit must come through " + topics.deposits() + " (keyed by its chain reference) so each chain transfer is credited once: send it there");
            return false;
        }
        if (viaGateway && in.duplicateOf() != null) {
            out.reject(RejectReason.DUPLICATE_DEPOSIT, "chain transfer " + io.stakestream.ledger.Keys.chainRef(((Deposit) p.getBody()).getChainRef())
                    + " was credited already (" + in.duplicateOf() + "): a transfer is credited once, to one pool");
            return false;
        }
        return true;
    }

    private PreparedOutputs processAttestation(Input in) {
        SignedAttestation attestation;
        AttestationPayload a;
        try {
            attestation = Objects.requireNonNull(attestations.deserialize(in.sourceTopic(), in.rawValue()), "empty record (null value)");
            a = payloads.attestation(attestation);
        } catch (RuntimeException e) {
            return undecodable(in, e);
        }
        PreparedOutputs out = new PreparedOutputs(outputs, in, Rejection.newBuilder().setCommandId(a.getBatchId())
                .setPoolId(a.getPoolId()).setActor(a.getNode()).setCommand("JobAttestation"), a.getPoolId());
        SignatureCheck check = AttestationVerifier.check(attestation, a);
        if (!check.isValid()) {
            out.reject(RejectReason.BAD_SIGNATURE, signatureMessage(check, "attestation"));
        } else if (placedByPool(in, a.getPoolId(), out)) {
            ledger.attest(a, in.timestamp(), in.partition(), partitions, out);
        }
        return out;
    }

    /**
     * A record must be keyed by its pool and sit on the partition that key maps to: only that
     * partition holds the pool's state, so anywhere else it would act on a copy no one else sees
     * (a second pool of the same name, or a stake told the pool is unknown). Network-wide commands
     * (key "*") are written to every partition on purpose.
     */
    private boolean placedByPool(Input in, String poolId, PreparedOutputs out) {
        byte[] poolKey = poolId.getBytes(StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(poolKey, in.rawKey())) {
            out.reject(RejectReason.INVALID_ARGUMENT, "record key '" + in.key() + "' is not the pool id '" + poolId
                    + "': key every record by its pool id (\"*\" for network-wide commands)");
            return false;
        }
        if (Keys.NETWORK.equals(poolId)) {
            return true;
        }
        int home = KeyPartitioner.partitionOf(poolKey, partitions);
        if (home == in.partition()) {
            return true;
        }
        out.reject(RejectReason.WRONG_PARTITION, "pool '" + poolId + "' belongs on partition " + home
                + " of " + partitions + " but the record sits on partition " + in.partition() + ": let the producer's default"
                + " partitioner place it (murmur2 of the key; librdkafka clients must set partitioner=murmur2_random)");
        return false;
    }

    private PreparedOutputs undecodable(Input in, RuntimeException e) {
        if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
            throw new RegistryUnavailableException("schema registry unavailable while decoding " + in.where() + ": "
                    + e.getMessage(), e);
        }
        log.debug("undecodable record {}: {}", in.where(), e.getMessage());
        PreparedOutputs out = raw(in);
        out.reject(RejectReason.UNDECODABLE, String.valueOf(e.getMessage()));
        return out;
    }

    /** Outputs of a record refused as it is: the rejection carries its raw bytes. */
    private PreparedOutputs raw(Input in) {
        return new PreparedOutputs(outputs, in, Rejection.newBuilder().setRawKey(wrap(in.rawKey())).setRawValue(wrap(in.rawValue())),
                in.key());
    }

    private static String commandName(CommandPayload p) {
        return p.getBody() == null ? null : p.getBody().getClass().getSimpleName();
    }

    private static String signatureMessage(SignatureCheck check, String what) {
        return "the " + what + "'s Ed25519 signature does not verify (" + check
                + "): sign the canonical payload bytes with the actor's key";
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
