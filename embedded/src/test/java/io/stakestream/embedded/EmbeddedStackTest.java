package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Payout;
import io.stakestream.avro.RewardRoot;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.serde.TopicSerdes;
import io.stakestream.topics.Topics;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackTest {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStackTest.class);

    @Test
    @Order(1) // first in its fresh JVM, so the time logged is a cold start
    void startsBrokerRegistryAndEveryTopic() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            log.info("embedded stack cold start (broker + registry + {} topics): {} ms",
                    Topics.ALL.size(), (System.nanoTime() - t0) / 1_000_000);

            assertThat(stack.topics().created()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            assertThat(stack.topics().hasDrift()).isFalse();
            try (Admin admin = stack.admin()) {
                assertThat(admin.describeTopics(Topics.ALL).allTopicNames().get().get(Topics.COMMANDS).partitions())
                        .hasSize(12);
            }
            // The registry is a real HTTP endpoint other processes can use.
            StakestreamSerdes serdes = stack.serdes();
            TopicSerdes<String, RewardRoot> roots = serdes.rewardRoots();
            RewardRoot root = new RewardRoot(7L, ByteBuffer.wrap(new byte[32]), 3L, BigDecimal.TEN, BigDecimal.ONE,
                    BigDecimal.TEN, BigDecimal.ZERO, java.util.List.of());
            byte[] bytes = roots.valueSerde().serializer().serialize(roots.name(), root);
            assertThat(new RestSchemaRegistryClient(stack.schemaRegistryUrl()).idOf(Topics.REWARD_ROOTS + "-value",
                    RewardRoot.getClassSchema())).isEqualTo(1);
            assertThat(roots.valueSerde().deserializer().deserialize(roots.name(), bytes)).isEqualTo(root);
        }
    }

    @Test
    void aRestartedDemoStackStillDecodesItsOldRecords(@TempDir Path dataDir) throws Exception {
        RewardRoot root = new RewardRoot(1L, ByteBuffer.wrap(new byte[32]), 1L, BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ONE, BigDecimal.ZERO, java.util.List.of());
        try (EmbeddedStack stack = EmbeddedStack.builder().dataDir(dataDir).partitions(1).start()) {
            // another schema first, so ids would differ if the registry forgot its history
            stack.serdes().valueSerde(Payout.class).serializer().schemaId(Topics.PAYOUTS);
            TopicSerdes<String, RewardRoot> roots = stack.serdes().rewardRoots();
            try (KafkaProducer<String, RewardRoot> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    roots.keySerde().serializer(), roots.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(roots.name(), "1", root)).get();
            }
        }
        try (EmbeddedStack stack = EmbeddedStack.builder().dataDir(dataDir).partitions(1).start()) {
            assertThat(stack.topics().created()).isEmpty();
            TopicSerdes<String, RewardRoot> roots = stack.serdes().rewardRoots();
            try (KafkaConsumer<String, RewardRoot> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "restart",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    roots.keySerde().deserializer(), roots.valueSerde().deserializer())) {
                consumer.subscribe(List.of(roots.name()));
                ConsumerRecords<String, RewardRoot> records = ConsumerRecords.empty();
                long deadline = System.currentTimeMillis() + 30_000;
                while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                    records = consumer.poll(Duration.ofMillis(200));
                }
                assertThat(records).extracting(r -> r.value()).containsExactly(root);
            }
        }
    }
}
