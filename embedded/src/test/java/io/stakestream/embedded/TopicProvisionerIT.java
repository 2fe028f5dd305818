package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.topics.ProvisioningReport;
import io.stakestream.topics.ProvisioningReport.Drift;
import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.TopicProvisioner;
import io.stakestream.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provisioner against a real broker: creates what is missing, leaves and reports what differs. */
class TopicProvisionerIT {

    private static EmbeddedKafkaBroker broker;
    private final TopicCatalog catalog = TopicCatalog.load().forSingleNode();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.startDefault();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!check.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("broker metadata did not catch up within 15 s");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void createsEverythingOnceThenReportsDriftWithoutTouchingIt() throws Exception {
        try (Admin admin = broker.admin()) {
            // Someone created payouts by hand, with the wrong retention.
            admin.createTopics(List.of(new NewTopic(Topics.PAYOUTS, 6, (short) 1)
                    .configs(Map.of("retention.ms", "86400000")))).all().get();

            ProvisioningReport first = new TopicProvisioner(catalog).ensure(admin);

            assertThat(first.created()).hasSize(Topics.ALL.size() - 1).doesNotContain(Topics.PAYOUTS);
            assertThat(first.drifts()).containsExactly(new Drift(Topics.PAYOUTS, "retention.ms", "-1", "86400000"));
            assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL);

            var commands = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.COMMANDS)))
                    .all().get().values().iterator().next();
            assertThat(commands.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            assertThat(commands.get("retention.ms").value()).isEqualTo("-1");
            var roots = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.REWARD_ROOTS)))
                    .all().get().values().iterator().next();
            assertThat(roots.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(Topics.ATTESTATIONS, Topics.COMMANDS)).allTopicNames().get().values())
                    .allSatisfy(d -> assertThat(d.partitions()).hasSize(catalog.topic(Topics.COMMANDS).partitions()));

            // Fix payouts, grow events behind the catalog's back: second run creates nothing.
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.PAYOUTS),
                    List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)))).all().get();
            admin.createPartitions(Map.of(Topics.EVENTS, NewPartitions.increaseTo(13))).all().get();
            // The controller has it; wait until the broker's metadata cache, which answers describe*, does too.
            awaitTrue(() -> "-1".equals(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    Topics.PAYOUTS))).all().get().values().iterator().next().get("retention.ms").value())
                    && admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get().get(Topics.EVENTS)
                    .partitions().size() == 13);

            ProvisioningReport second = new TopicProvisioner(catalog).ensure(admin);

            assertThat(second.created()).isEmpty();
            assertThat(second.drifts()).containsExactly(new Drift(Topics.EVENTS, "partitions", "12", "13"));
            assertThat(Set.copyOf(second.matching())).isEqualTo(Set.copyOf(Topics.ALL.stream()
                    .filter(t -> !t.equals(Topics.EVENTS)).toList()));
            assertThat(admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get().get(Topics.EVENTS).partitions())
                    .hasSize(13); // reported, not "fixed"
        }
    }
}
