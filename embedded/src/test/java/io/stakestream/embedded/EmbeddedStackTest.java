package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.RewardRoot;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.serde.TopicSerdes;
import io.stakestream.topics.Topics;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedStackTest {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStackTest.class);

    @Test
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
                    BigDecimal.TEN, BigDecimal.ZERO);
            byte[] bytes = roots.valueSerde().serializer().serialize(roots.name(), root);
            assertThat(new RestSchemaRegistryClient(stack.schemaRegistryUrl()).idOf(Topics.REWARD_ROOTS + "-value",
                    RewardRoot.getClassSchema())).isEqualTo(1);
            assertThat(roots.valueSerde().deserializer().deserialize(roots.name(), bytes)).isEqualTo(root);
        }
    }
}
