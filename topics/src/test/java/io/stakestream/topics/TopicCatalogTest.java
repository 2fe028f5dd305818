package io.stakestream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    private final TopicCatalog catalog = TopicCatalog.load();

    @Test
    void theClasspathCatalogHoldsExactlyTheNamedTopics() {
        assertThat(catalog.names()).containsExactlyElementsOf(Topics.ALL);
    }

    @Test
    void commandsAreStampedByTheBrokerAndAttestationsCoPartitioned() {
        TopicDefinition commands = catalog.topic(Topics.COMMANDS);
        assertThat(commands.configs()).containsEntry("message.timestamp.type", "LogAppendTime")
                .containsEntry("retention.ms", "-1")
                .containsEntry("cleanup.policy", "delete");
        assertThat(catalog.topic(Topics.ATTESTATIONS).partitions()).isEqualTo(commands.partitions());
        assertThat(catalog.topic(Topics.ATTESTATIONS).copartitionedWith()).contains(Topics.COMMANDS);
    }

    @Test
    void rewardTopicsAreCompacted() {
        assertThat(catalog.topic(Topics.REWARD_ROOTS).cleanupPolicy()).isEqualTo("compact");
        assertThat(catalog.topic(Topics.REWARD_PROOFS).cleanupPolicy()).isEqualTo("compact");
        assertThat(catalog.topic(Topics.EVENTS).cleanupPolicy()).isEqualTo("delete");
    }

    @Test
    void everyTopicDocumentsItsKeyAndValue() {
        for (TopicDefinition t : catalog.topics()) {
            assertThat(t.key()).as(t.name()).isNotBlank();
            assertThat(t.value()).as(t.name()).isNotBlank();
            assertThat(t.description()).as(t.name()).isNotBlank();
        }
        assertThat(catalog.topic(Topics.PAYOUTS).value()).isEqualTo("io.stakestream.avro.Payout");
    }

    @Test
    void singleNodeOverrideLowersReplicationAndMinIsr() {
        TopicCatalog single = catalog.forSingleNode();
        for (TopicDefinition t : single.topics()) {
            assertThat(t.replicationFactor()).isEqualTo((short) 1);
            assertThat(t.configs()).containsEntry("min.insync.replicas", "1");
            assertThat(t.newTopic().replicationFactor()).isEqualTo((short) 1);
        }
        // the original stays as it was
        assertThat(catalog.topic(Topics.COMMANDS).replicationFactor()).isEqualTo((short) 3);
        assertThat(catalog.topic(Topics.COMMANDS).configs()).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void environmentOverridesPartitionsAndReplication() {
        TopicCatalog small = catalog.withOverrides(Map.of("TOPIC_PARTITIONS", "2", "TOPIC_REPLICATION_FACTOR", "1"));
        assertThat(small.topics()).allSatisfy(t -> {
            assertThat(t.partitions()).isEqualTo(2);
            assertThat(t.replicationFactor()).isEqualTo((short) 1);
        });
        assertThat(catalog.withOverrides(Map.of()).topics()).isEqualTo(catalog.topics());
    }

    @Test
    void mismatchedCoPartitioningIsRefused() {
        String json = """
                {"topics": [
                  {"name":"a","partitions":4,"replicationFactor":1,"cleanupPolicy":"delete","retentionMs":-1,
                   "timestampType":"CreateTime","key":"k","value":"v"},
                  {"name":"b","partitions":3,"replicationFactor":1,"cleanupPolicy":"delete","retentionMs":-1,
                   "timestampType":"CreateTime","copartitionedWith":"a","key":"k","value":"v"}]}
                """;
        assertThatThrownBy(() -> TopicCatalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("b must have as many partitions as a (4), has 3");
    }

    @Test
    void typosInTheDataAreCaught() {
        String json = """
                {"topics": [{"name":"a","partitions":1,"replicationFactor":1,"cleanupPolicy":"delete",
                  "retentionMs":-1,"timestampType":"CreateTime","key":"k","value":"v","retention":5}]}
                """;
        assertThatThrownBy(() -> TopicCatalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("a: unknown field \"retention\"");
        String badPolicy = json.replace(",\"retention\":5", "").replace("\"delete\"", "\"forever\"");
        assertThatThrownBy(() -> TopicCatalog.load(new ByteArrayInputStream(badPolicy.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("cleanupPolicy must be");
    }
}
