package io.stakestream.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandVerifier;
import io.stakestream.protocol.crypto.Keys;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.serde.TopicSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.stakestream.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The epoch clock against a real broker: one EpochClose per partition, and resuming from the summaries. */
class EpochClockIT {

    private static final int PARTITIONS = 3;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.builder().partitions(PARTITIONS).start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void closeWritesOneSignedEpochClosePerPartitionWithTheSameCommandIdAndNonce() throws Exception {
        StakestreamSerdes serdes = stack.serdes();
        AccountKey reward = Keys.demo("clock-test-rewarder");
        try (CommandPublisher out = CommandPublisher.create(stack.bootstrapServers(), serdes, "clock-test", true);
             CommittedReader<SignedCommand> commands = new CommittedReader<>(stack.bootstrapServers(), serdes.commands())) {
            assertThat(out.partitions()).isEqualTo(PARTITIONS);
            new EpochClock(out, reward).close(7);

            List<ConsumerRecord<String, SignedCommand>> written = commands.readUntil(r -> r.size() >= PARTITIONS, Duration.ofSeconds(30));
            assertThat(written).hasSize(PARTITIONS);
            assertThat(written).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(written).extracting(ConsumerRecord::key).containsOnly("*");
            assertThat(written).extracting(r -> serdes.payloads().command(r.value()).getCommandId()).containsOnly(EpochClock.commandId(7));
            assertThat(written).extracting(r -> serdes.payloads().command(r.value()).getNonce()).containsOnly(serdes.payloads().command(written.get(0).value()).getNonce());
            assertThat(written).extracting(r -> serdes.payloads().command(r.value()).getBody()).containsOnly(new EpochClose(7L));
            assertThat(written).allSatisfy(r -> assertThat(CommandVerifier.verify(r.value(), serdes.payloads().command(r.value()))).as("signature verifies").isTrue());
            assertThat(written).extracting(r -> java.util.HexFormat.of().formatHex(serdes.payloads().command(r.value()).getActor().array()))
                    .containsOnly(reward.accountHex());
        }
    }

    @Test
    void resumesAfterTheHighestEpochAPartitionClosedOrAtTheStartValue() throws Exception {
        StakestreamSerdes serdes = stack.serdes();
        assertThat(EpochClock.resumeEpoch(stack.bootstrapServers(), serdes, 3)).as("nothing closed yet").isEqualTo(3);

        TopicSerdes<String, EpochSummaryMessage> summaries = serdes.poolEpochSummaries();
        try (KafkaProducer<String, EpochSummaryMessage> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                summaries.keySerde().serializer(), summaries.valueSerde().serializer())) {
            for (long epoch : new long[] {4, 5}) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(summaries.name(), Long.toString(epoch),
                            new EpochSummaryMessage(PartitionEpochClosed.newBuilder().setEpoch(epoch).setPartition(p).setPartitions(PARTITIONS).setPools(0L).build()))).get();
                }
            }
        }
        assertThat(EpochClock.resumeEpoch(stack.bootstrapServers(), serdes, 0)).isEqualTo(6);
        assertThat(EpochClock.resumeEpoch(stack.bootstrapServers(), serdes, 9)).as("a later start wins").isEqualTo(9);
    }

    @Test
    void theClockWaitsForTheAttestationGatewayToForwardWhatCameBeforeTheClose() throws Exception {
        String group = "gateway-under-test-" + System.nanoTime();
        try (Admin admin = stack.admin();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     stack.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(Topics.ATTESTATIONS, p, new byte[] {1}, new byte[] {2})).get();
            }
            GatewayCatchUp catchUp = new GatewayCatchUp(admin, group, Topics.ATTESTATIONS, Duration.ofMillis(800));
            long t0 = System.nanoTime();
            assertThat(catchUp.await()).as("a gateway that forwarded nothing is behind").isFalse();
            assertThat(System.nanoTime() - t0).as("the wait is bounded").isLessThan(Duration.ofSeconds(10).toNanos());

            // the gateway commits up to the end of every partition: the clock may close now
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            admin.listOffsets(Map.of(new TopicPartition(Topics.ATTESTATIONS, 0), OffsetSpec.latest(),
                            new TopicPartition(Topics.ATTESTATIONS, 1), OffsetSpec.latest(),
                            new TopicPartition(Topics.ATTESTATIONS, 2), OffsetSpec.latest()))
                    .all().get().forEach((tp, info) -> done.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, done).all().get();
            assertThat(catchUp.await()).isTrue();
        }
    }
}
