package io.stakestream.soak;

import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.serde.SignedPayloads;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Writes workload records to a test's input topics, encoded by the project's serde, and remembers where each landed. */
final class Feed {

    /** Where one input record landed. */
    record Placed(String topic, int partition, long offset) {
    }

    private final LedgerTopics topics;
    private final Serializer<SignedCommand> commands;
    private final Serializer<SignedAttestation> attestations;
    private final SignedPayloads payloads;

    Feed(StakestreamSerdes serdes, LedgerTopics topics) {
        this.topics = topics;
        this.payloads = serdes.payloads();
        this.commands = serdes.valueSerde(SignedCommand.class).serializer();
        this.attestations = serdes.valueSerde(SignedAttestation.class).serializer();
    }

    /** The payload writer of this feed's registry: sign with it, read payloads back with it. */
    SignedPayloads payloads() {
        return payloads;
    }

    byte[] encode(Workload.Input in) {
        return in.attestation()
                ? attestations.serialize(topics.attestations(), (SignedAttestation) in.value())
                : commands.serialize(topicOf(in), (SignedCommand) in.value());
    }

    /** Deposits go to custody's topic, keyed by chain reference; everything else as before. */
    private String topicOf(Workload.Input in) {
        if (in.attestation()) return topics.attestations();
        return payloads.command((SignedCommand) in.value()).getBody() instanceof io.stakestream.avro.Deposit ? topics.deposits() : topics.commands();
    }

    ProducerRecord<byte[], byte[]> record(Workload.Input in) {
        byte[] key = in.key() == null ? null : in.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topicOf(in), in.partition(), key, encode(in));
    }

    /** A raw record to the deposits topic (custody's), keyed by chain reference. */
    ProducerRecord<byte[], byte[]> rawDeposit(String key, byte[] value) {
        return new ProducerRecord<>(topics.deposits(), null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /**
     * A whole workload as fast as it goes, its set-up first, and waits until the gateway and the
     * ledger have consumed all of it.
     */
    void sendAndAwait(String bootstrap, org.apache.kafka.clients.admin.Admin admin, List<Workload.Input> workload, String gatewayId,
                      String ledgerId) throws InterruptedException {
        Between applied = () -> Kafka.awaitLedger(admin, gatewayId, ledgerId, topics, java.time.Duration.ofSeconds(120));
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(bootstrap)) {
            send(producer, workload.stream().map(this::record).toList(), 0,
                    Workload.setupCount(workload.stream().map(Workload.Input::label).toList()), applied);
        }
        applied.await();
    }

    /**
     * {@link #send} in two phases: the first {@code setup} records, then {@code between} (waits
     * until they are applied, as an operator waits for custody's credit), then the rest.
     */
    Placed[] send(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records, int perSecond, int setup,
                  Between between) throws InterruptedException {
        return send(producer, records, perSecond, setup, between, () -> false);
    }

    /**
     * {@link #send(KafkaProducer, List, int, int, Between)} that stops early once {@code enough}
     * says so: returns where each record sent landed, the first ones of {@code records}.
     */
    Placed[] send(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records, int perSecond, int setup,
                  Between between, java.util.function.BooleanSupplier enough) throws InterruptedException {
        Placed[] first = send(producer, records.subList(0, setup), perSecond, () -> false);
        between.await();
        Placed[] rest = send(producer, records.subList(setup, records.size()), perSecond, enough);
        Placed[] all = java.util.Arrays.copyOf(first, setup + rest.length);
        System.arraycopy(rest, 0, all, setup, rest.length);
        return all;
    }

    @FunctionalInterface
    interface Between {
        void await() throws InterruptedException;
    }

    ProducerRecord<byte[], byte[]> raw(boolean attestation, Integer partition, String key, byte[] value) {
        return new ProducerRecord<>(attestation ? topics.attestations() : topics.commands(), partition,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /**
     * Sends every record, {@code perSecond} at most (0 = as fast as possible), and returns where each
     * landed, in input order. Fails on the first send error.
     */
    Placed[] send(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records, int perSecond)
            throws InterruptedException {
        return send(producer, records, perSecond, () -> false);
    }

    private Placed[] send(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records, int perSecond,
                          java.util.function.BooleanSupplier enough) throws InterruptedException {
        Placed[] placed = new Placed[records.size()];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        int sent = 0;
        for (int i = 0; i < records.size() && !enough.getAsBoolean(); i++) {
            sent++;
            final int index = i;
            producer.send(records.get(i), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    placed[index] = new Placed(md.topic(), md.partition(), md.offset());
                }
            });
            if (perSecond > 0 && i % 50 == 49) {
                long due = start + (long) ((i + 1) * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    producer.flush();
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a produce failed", failure.get());
        }
        return java.util.Arrays.copyOf(placed, sent);
    }
}
