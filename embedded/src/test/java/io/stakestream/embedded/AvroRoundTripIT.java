package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.protocol.serde.ConfluentWireFormat;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.serde.TopicSerdes;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed commands through the Confluent-wire serde, a transactional producer and a read_committed
 * consumer: what the ledger's inputs go through, end to end on a real broker and registry.
 */
class AvroRoundTripIT {

    private static final Logger log = LoggerFactory.getLogger(AvroRoundTripIT.class);

    @OnEveryKafkaBackend
    void committedCommandsArriveIntactAndAbortedOnesNever(KafkaBackend backend) throws Exception {
        long t0 = System.nanoTime();
        String run = UUID.randomUUID().toString();
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        TopicSerdes<String, SignedCommand> commands = serdes.commands();

        List<SignedCommand> committed = new ArrayList<>();
        try (KafkaProducer<String, SignedCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "round-trip-" + run,
                ProducerConfig.ACKS_CONFIG, "all"),
                commands.keySerde().serializer(), commands.valueSerde().serializer())) {
            producer.initTransactions();

            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                SignedCommand c = stake(serdes, run, "pool-" + (i % 3), i, "1" + "0".repeat(18 + i));
                producer.send(new ProducerRecord<>(commands.name(), serdes.payloads().command(c).getPoolId(), c));
                committed.add(c);
            }
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(commands.name(), "pool-0", stake(serdes, run, "pool-0", 99, "666")));
            producer.flush(); // written to the log, then thrown away
            producer.abortTransaction();

            producer.beginTransaction();
            SignedCommand last = stake(serdes, run, "pool-1", 5, "7");
            producer.send(new ProducerRecord<>(commands.name(), "pool-1", last));
            committed.add(last);
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, SignedCommand>> seen = new ArrayList<>();
        try (KafkaConsumer<String, SignedCommand> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + run,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                commands.keySerde().deserializer(), commands.valueSerde().deserializer())) {
            consumer.subscribe(List.of(commands.name()));
            long deadline = System.currentTimeMillis() + 60_000;
            while (seen.size() < committed.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, SignedCommand> r : consumer.poll(Duration.ofMillis(200))) {
                    if (serdes.payloads().command(r.value()).getCommandId().startsWith(run)) {
                        seen.add(r);
                    }
                }
            }
            // a little longer: an aborted record would show up now if read_committed leaked it
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (serdes.payloads().command(r.value()).getCommandId().startsWith(run)) {
                    seen.add(r);
                }
            });
        }

        assertThat(seen).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(seen).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(serdes.payloads().command(r.value()).getPoolId());
            // topics.json: the broker stamps commands
            assertThat(r.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        });
        assertThat(((Stake) serdes.payloads().command(seen.stream().filter(r -> serdes.payloads().command(r.value()).getNonce() == 4)
                .findFirst().orElseThrow().value()).getBody()).getAmount()).isEqualTo(new BigDecimal("1" + "0".repeat(22)));
        log.info("[{}] transactional Avro round trip of {} commands: {} ms", backend.name(), committed.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    @OnEveryKafkaBackend
    void bytesOnTheTopicAreConfluentFramed(KafkaBackend backend) throws Exception {
        String run = UUID.randomUUID().toString();
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        TopicSerdes<String, SignedCommand> commands = serdes.commands();
        SignedCommand command = stake(serdes, run, "pool-framed", 1, "42");
        int id;
        try (KafkaProducer<String, SignedCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers()),
                commands.keySerde().serializer(), commands.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(commands.name(), "pool-framed", command)).get();
            id = serdes.registry().idOf(commands.name() + "-value", SignedCommand.getClassSchema());
        }
        try (KafkaConsumer<String, byte[]> raw = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "raw-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            raw.subscribe(List.of(commands.name()));
            byte[] value = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (value == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : raw.poll(Duration.ofMillis(200))) {
                    if ("pool-framed".equals(r.key())
                            && commands.valueSerde().deserializer().deserialize(r.topic(), r.value()).equals(command)) {
                        value = r.value();
                    }
                }
            }
            assertThat(value).isNotNull();
            assertThat(value[0]).isEqualTo((byte) 0);
            assertThat(ConfluentWireFormat.schemaId(value)).isEqualTo(id);
        }
    }

    /** An unsigned stake (the broker does not care): payload bytes as the envelope carries them. */
    private static SignedCommand stake(StakestreamSerdes serdes, String run, String pool, long nonce, String amount) {
        CommandPayload payload = CommandPayload.newBuilder()
                .setCommandId(run + "-" + nonce)
                .setPoolId(pool)
                .setActor(ByteBuffer.wrap(new byte[] {(byte) nonce, 1, 2}))
                .setNonce(nonce)
                .setBody(new Stake(new BigDecimal(amount)))
                .build();
        return SignedCommand.newBuilder()
                .setPayload(ByteBuffer.wrap(serdes.payloads().write(payload)))
                .setSignature(ByteBuffer.wrap(new byte[64]))
                .build();
    }
}
