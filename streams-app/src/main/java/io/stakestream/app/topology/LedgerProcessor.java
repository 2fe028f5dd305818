package io.stakestream.app.topology;

import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.state.StreamsLedgerStore;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.ledger.Ledger;
import io.stakestream.ledger.Outcome;
import io.stakestream.protocol.crypto.AttestationVerifier;
import io.stakestream.protocol.crypto.CommandVerifier;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.crypto.SignatureCheck;
import io.stakestream.protocol.serde.ConfluentAvroDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
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
 */
final class LedgerProcessor implements Processor<byte[], byte[], String, Object> {

    /** Names the pool a cluster-claim leg is for; the record carries the claim's signed bytes untouched. */
    static final String CLUSTER_POOL_HEADER = "stakestream.cluster-pool";

    private static final Logger log = LoggerFactory.getLogger(LedgerProcessor.class);

    private final LedgerTopics topics;
    private final Deserializer<SignedCommand> commands;
    private final Deserializer<SignedAttestation> attestations;
    private final int partitions;
    private final LedgerMetrics metrics;
    private ProcessorContext<String, Object> context;
    private Ledger ledger;

    LedgerProcessor(LedgerTopics topics, Deserializer<SignedCommand> commands, Deserializer<SignedAttestation> attestations,
                    int partitions, LedgerMetrics metrics) {
        this.topics = topics;
        this.commands = commands;
        this.attestations = attestations;
        this.partitions = partitions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.ledger = new Ledger(new StreamsLedgerStore(context), new MerkleProofVerifier());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.consumed();
        // metadata is absent only for records made by a punctuation, never for a source record
        RecordMetadata md = context.recordMetadata().orElseThrow();
        Input own = new Input(false, md.topic(), md.partition(), md.offset(), record.timestamp(), record.timestamp(),
                md.partition(), record.key(), record.value());
        long start = System.nanoTime();
        try {
            String legPool = header(record.headers(), CLUSTER_POOL_HEADER);
            if (legPool != null) {
                processCommand(own, legPool);
                return;
            }
            String source = header(record.headers(), AttestationGateway.SOURCE_TOPIC_HEADER);
            if (source == null || !source.equals(topics.attestations())) {
                processCommand(own);
                return;
            }
            Input forwarded;
            try {
                forwarded = new Input(true, source,
                        Integer.parseInt(required(record.headers(), AttestationGateway.SOURCE_PARTITION_HEADER)),
                        Long.parseLong(required(record.headers(), AttestationGateway.SOURCE_OFFSET_HEADER)),
                        Long.parseLong(required(record.headers(), AttestationGateway.SOURCE_TIMESTAMP_HEADER)),
                        record.timestamp(), md.partition(), record.key(), record.value());
            } catch (IllegalArgumentException e) {
                // not the gateway's work: refused where it is, in the commands log
                undecodable(own, new IllegalArgumentException("a record naming " + source
                        + " as its source carries malformed provenance headers: " + e.getMessage(), e));
                return;
            }
            apply(forwarded);
        } finally {
            metrics.processed(System.nanoTime() - start);
        }
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

    private void apply(Input in) {
        try {
            if (in.attestation()) {
                processAttestation(in);
            } else {
                processCommand(in);
            }
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
                throw new RegistryUnavailableException("schema registry unavailable while writing outputs: " + e.getMessage(), e);
            }
            // A bug must not stop the pipeline: the record is refused loudly and the stream goes on.
            log.error("record {} failed in the topology; rejected as INTERNAL_ERROR", in.where(), e);
            reject(in, Rejection.newBuilder().setReason(RejectReason.INTERNAL_ERROR).setMessage("internal error: " + e)
                    .setRawKey(wrap(in.rawKey())).setRawValue(wrap(in.rawValue())), in.key());
        }
    }

    private void processCommand(Input in) {
        processCommand(in, null);
    }

    /**
     * Decodes, verifies and applies a command; with {@code legPool}, as the leg of a cluster claim
     * for that pool (the signer's own signed claim, applied to the pool this partition owns).
     */
    private void processCommand(Input in, String legPool) {
        SignedCommand command;
        try {
            command = Objects.requireNonNull(commands.deserialize(in.sourceTopic(), in.rawValue()), "empty record (null value)");
        } catch (RuntimeException e) {
            undecodable(in, e);
            return;
        }
        CommandPayload p = command.getPayload();
        String pool = legPool == null ? p.getPoolId() : legPool;
        Rejection.Builder about = Rejection.newBuilder().setCommandId(p.getCommandId()).setPoolId(pool)
                .setActor(p.getActor()).setCommand(commandName(p));
        SignatureCheck check = CommandVerifier.check(command);
        if (!check.isValid()) {
            reject(in, about.setReason(RejectReason.BAD_SIGNATURE).setMessage(signatureMessage(check, "command")), pool);
            return;
        }
        if (!keyMatchesPool(in, pool, about)) {
            return;
        }
        if (legPool != null) {
            emit(in, ledger.applyClusterLeg(p, pool, in.timestamp(), in.partition(), partitions), about, pool);
            return;
        }
        Outcome outcome = ledger.apply(p, in.timestamp(), in.partition(), partitions);
        emit(in, outcome, about, pool);
        if (outcome.accepted()) {
            routeLegs(in, outcome);
        }
    }

    /**
     * Writes the command, bytes untouched, back into the commands log once per pool it names,
     * keyed by that pool: in this task's transaction, so each leg exists exactly once.
     */
    private void routeLegs(Input in, Outcome outcome) {
        for (String pool : outcome.routes()) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CLUSTER_POOL_HEADER, pool.getBytes(StandardCharsets.UTF_8));
            context.forward(new Record<String, Object>(pool, in.rawValue(), in.timestamp(), headers), PoolLedgerTopology.COMMANDS_SINK);
        }
    }

    private void processAttestation(Input in) {
        SignedAttestation attestation;
        try {
            attestation = Objects.requireNonNull(attestations.deserialize(in.sourceTopic(), in.rawValue()), "empty record (null value)");
        } catch (RuntimeException e) {
            undecodable(in, e);
            return;
        }
        var a = attestation.getPayload();
        Rejection.Builder about = Rejection.newBuilder().setCommandId(a.getBatchId()).setPoolId(a.getPoolId())
                .setActor(a.getNode()).setCommand("JobAttestation");
        SignatureCheck check = AttestationVerifier.check(attestation);
        if (!check.isValid()) {
            reject(in, about.setReason(RejectReason.BAD_SIGNATURE).setMessage(signatureMessage(check, "attestation")), a.getPoolId());
            return;
        }
        if (!keyMatchesPool(in, a.getPoolId(), about)) {
            return;
        }
        emit(in, ledger.attest(a, in.timestamp(), in.partition(), partitions), about, a.getPoolId());
    }

    /** A record keyed by another pool sits on a partition that does not hold the pool's state. */
    private boolean keyMatchesPool(Input in, String poolId, Rejection.Builder about) {
        if (poolId.equals(in.key())) {
            return true;
        }
        reject(in, about.setReason(RejectReason.INVALID_ARGUMENT).setMessage("record key '" + in.key()
                + "' is not the pool id '" + poolId + "': key every record by its pool id (\"*\" for network-wide commands)"), poolId);
        return false;
    }

    private void emit(Input in, Outcome outcome, Rejection.Builder about, String poolId) {
        if (!outcome.accepted()) {
            reject(in, about.setReason(outcome.rejection()).setMessage(String.valueOf(outcome.message())), poolId);
            return;
        }
        for (LedgerEvent e : outcome.events()) {
            context.forward(new Record<>(e.getPoolId(), e, in.timestamp()), PoolLedgerTopology.EVENTS_SINK);
        }
        for (SlashOutcome s : outcome.slashes()) {
            context.forward(new Record<>(s.getPoolId(), s, in.timestamp()), PoolLedgerTopology.SLASHES_SINK);
        }
        for (Payout p : outcome.payouts()) {
            context.forward(new Record<>(Hex.encode(p.getAccount()), p, in.timestamp()), PoolLedgerTopology.PAYOUTS_SINK);
        }
        for (EpochSummaryMessage m : outcome.summaries()) {
            context.forward(new Record<>(Long.toString(epochOf(m)), m, in.timestamp()), PoolLedgerTopology.SUMMARIES_SINK);
        }
        metrics.accepted();
    }

    private void undecodable(Input in, RuntimeException e) {
        if (ConfluentAvroDeserializer.isRegistryOutage(e)) {
            throw new RegistryUnavailableException("schema registry unavailable while decoding " + in.where() + ": "
                    + e.getMessage(), e);
        }
        log.debug("undecodable record {}: {}", in.where(), e.getMessage());
        reject(in, Rejection.newBuilder().setReason(RejectReason.UNDECODABLE)
                .setMessage(String.valueOf(e.getMessage())).setRawKey(wrap(in.rawKey())).setRawValue(wrap(in.rawValue())), in.key());
    }

    private void reject(Input in, Rejection.Builder rejection, String key) {
        Rejection r = rejection.setSourceTopic(in.sourceTopic()).setPartition(in.sourcePartition()).setOffset(in.sourceOffset())
                .setTimestamp(in.sourceTimestamp()).build();
        metrics.rejected(r.getReason());
        context.forward(new Record<>(key, r, in.timestamp()), PoolLedgerTopology.REJECTIONS_SINK);
    }

    private static long epochOf(EpochSummaryMessage m) {
        Object body = m.getBody();
        if (body instanceof PoolEpochSummary s) {
            return s.getEpoch();
        }
        return ((PartitionEpochClosed) body).getEpoch();
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
