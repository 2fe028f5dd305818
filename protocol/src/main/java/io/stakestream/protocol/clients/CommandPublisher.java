package io.stakestream.protocol.clients;

import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.serde.SignedPayloads;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes signed commands and attestations with an idempotent, transactional producer. Pool
 * commands are keyed by pool id; network-wide control commands (pool id "*") are written once to
 * EVERY partition of the commands topic, all copies in one transaction, so every partition applies
 * them or none does. Each {@link #publish} call is one transaction.
 *
 * <pre>{@code
 * try (CommandPublisher out = CommandPublisher.create(bootstrap, serdes, "stakestream-cli")) {
 *     out.publish(signedStake);                 // -> partition of the pool id
 *     out.publish(signedEpochClose);            // -> every partition, same command id and nonce
 * }
 * }</pre>
 */
public final class CommandPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<SignedCommand> commands;
    private final Serializer<SignedAttestation> attestations;
    private final SignedPayloads payloads;
    private final String commandsTopic;
    private final String attestationsTopic;
    private final int partitions;
    private long recordsWritten;

    private CommandPublisher(KafkaProducer<byte[], byte[]> producer, StakestreamSerdes serdes) {
        this.producer = producer;
        this.commands = serdes.commands().valueSerde().serializer();
        this.attestations = serdes.attestations().valueSerde().serializer();
        this.payloads = serdes.payloads();
        this.commandsTopic = serdes.commands().name();
        this.attestationsTopic = serdes.attestations().name();
        this.partitions = producer.partitionsFor(commandsTopic).size();
    }

    /**
     * @param transactionalIdPrefix a stable id fences a zombie copy of the same process (the epoch
     *     clock uses one); one-shot tools pass a prefix and get a random suffix so two runs never fence each other
     */
    public static CommandPublisher create(String bootstrapServers, StakestreamSerdes serdes, String transactionalIdPrefix,
                                          boolean uniqueSuffix) {
        String txId = uniqueSuffix ? transactionalIdPrefix + "-" + UUID.randomUUID() : transactionalIdPrefix;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
        // a CLI user should hear about an unreachable broker in seconds, not minutes
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
            return new CommandPublisher(producer, serdes);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw new PublishException("cannot start a transactional producer against " + bootstrapServers
                    + " (" + e.getMessage() + "): is the broker up and does " + Topics.COMMANDS + " exist? (stakestream topics)", e);
        }
    }

    /** Partitions of the commands topic: how many copies a control command gets. */
    public int partitions() {
        return partitions;
    }

    /** The payload writer of this publisher's registry: sign with it ({@code CommandSigner.of(key, out.payloads())}). */
    public SignedPayloads payloads() {
        return payloads;
    }

    /** Records written so far (a control command counts once per partition). */
    public long recordsWritten() {
        return recordsWritten;
    }

    public List<RecordMetadata> publish(SignedCommand command) {
        return publish(List.of(command));
    }

    /** Writes the commands, in order, in one transaction; returns where each record landed. */
    public List<RecordMetadata> publish(List<SignedCommand> batch) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (SignedCommand c : batch) {
            records.addAll(recordsOf(c));
        }
        return write(records);
    }

    /**
     * Writes the records, then the commands, in one transaction: the reward-builder's roots and
     * proofs commit together with the reward record and accruals, or not at all. The commands are
     * encoded on every core (an epoch has one accrual per pool), in order.
     */
    public List<RecordMetadata> publish(List<ProducerRecord<byte[], byte[]>> before, List<SignedCommand> batch) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(before);
        records.addAll(batch.parallelStream().flatMap(c -> recordsOf(c).stream()).toList());
        List<RecordMetadata> written = write(records);
        recordsWritten -= before.size(); // the count is of what the ledger will consume
        return written;
    }

    public List<RecordMetadata> attest(List<SignedAttestation> batch) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (SignedAttestation a : batch) {
            String pool = payloads.attestation(a).getPoolId();
            records.add(new ProducerRecord<>(attestationsTopic, utf8(pool), attestations.serialize(attestationsTopic, a)));
        }
        return write(records);
    }

    /** Raw bytes to the commands topic, e.g. to show that garbage becomes an UNDECODABLE rejection. */
    public List<RecordMetadata> publishRaw(String key, byte[] value) {
        return write(List.of(new ProducerRecord<>(commandsTopic, utf8(key), value)));
    }

    /**
     * The records one command becomes: one keyed by pool id, or one per partition for "*"; a
     * custody Deposit goes to the deposits topic keyed by its chain reference (the deposit gateway
     * credits each transfer once and forwards it to the pool's partition).
     */
    public List<ProducerRecord<byte[], byte[]>> recordsOf(SignedCommand c) {
        io.stakestream.avro.CommandPayload payload = payloads.command(c);
        if (payload.getBody() instanceof io.stakestream.avro.Deposit d) {
            return List.of(new ProducerRecord<>(Topics.DEPOSITS, utf8(Keys.chainRef(d.getChainRef())), commands.serialize(Topics.DEPOSITS, c)));
        }
        String pool = payload.getPoolId();
        byte[] value = commands.serialize(commandsTopic, c);
        if (!Keys.NETWORK.equals(pool)) {
            return List.of(new ProducerRecord<>(commandsTopic, utf8(pool), value));
        }
        List<ProducerRecord<byte[], byte[]>> copies = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            copies.add(new ProducerRecord<>(commandsTopic, p, utf8(pool), value));
        }
        return copies;
    }

    private List<RecordMetadata> write(List<ProducerRecord<byte[], byte[]>> records) {
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(producer.send(r));
            }
            producer.commitTransaction();
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get());
            }
            recordsWritten += records.size();
            return out;
        } catch (ProducerFencedException e) {
            throw new PublishException("another producer with this transactional id took over; this one stops", e);
        } catch (KafkaException e) {
            abortQuietly();
            throw new PublishException("could not write " + records.size() + " record(s): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortQuietly();
            throw new PublishException("interrupted while writing", e);
        } catch (ExecutionException e) {
            throw new PublishException("a committed record reported a failure: " + e.getCause(), e.getCause());
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.warn("could not abort the transaction: {}", e.getMessage());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Writing failed; the message says what to check. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
