package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.protocol.clients.KeyPartitioner;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;
import org.junit.jupiter.api.Timeout;

/**
 * Found by the soak: a query over every pool listed the pools of one partition alone. Between the
 * two rebalances that move a task from one instance to another, the task is assigned to no one,
 * and the instances that answered covered only the other partition. Here that window is held open
 * for good: an assignor that gives the only instance partition 0 and nobody partition 1. Every
 * query over all partitions must then answer a retryable 503 naming partition 1, never the half
 * it can see; a pool of partition 1 a 503 too, never "no pool"; a pool of partition 0 still
 * answers, the same as before.
 */
class PartitionWithoutActiveHostIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @OnEveryKafkaBackend
    @Timeout(240)
    void queriesOverEveryPartitionAnswer503WhileAPartitionHasNoActiveHost(KafkaBackend backend) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        try (Admin admin = backend.admin()) {
            LedgerTopics topics = ItTopics.create(admin, "unassigned-" + run, 2);
            List<Workload.Input> workload = Workload.standard(serdes.payloads(), 41L, 2, run, 200);
            List<String> accounts = Workload.standardCast(serdes.payloads(), 41L, 2, run).accounts();
            String appId = "unassigned-" + run;
            String gatewayId = "unassigned-gw-" + run;
            Path state = Files.createTempDirectory("unassigned");
            AppConfig config = AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(), state, 2)
                    .withApplicationId(appId).withGatewayApplicationId(gatewayId);

            JsonNode before;
            try (PoolLedgerApp app = new PoolLedgerApp(config, serdes, topics).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("ledger RUNNING").isTrue();
                new Feed(serdes, topics).sendAndAwait(backend.bootstrapServers(), admin, workload, gatewayId, appId);
                before = Rest.get(app.restUrl() + "/pools?sort=stake");
            }
            Map<Integer, List<String>> poolsByPartition = StreamSupport.stream(before.spliterator(), false)
                    .map(p -> p.path("poolId").asText())
                    .collect(Collectors.groupingBy(id -> KeyPartitioner.partitionOf(id, 2)));
            assertThat(poolsByPartition.keySet()).as("pools on both partitions").containsExactlyInAnyOrder(0, 1);

            try (PoolLedgerApp app = new PoolLedgerApp(config, serdes, topics)
                    .tuned(Map.of(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, PartitionZeroOnly.class.getName())).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("ledger RUNNING with partition 0 alone").isTrue();
                // a pool of partition 0 answers as before: the instance is up and its own partition is right
                String onZero = poolsByPartition.get(0).get(0);
                JsonNode pool = Rest.get(app.restUrl() + "/pools/" + onZero);
                assertThat(pool).isEqualTo(StreamSupport.stream(before.spliterator(), false)
                        .filter(p -> p.path("poolId").asText().equals(onZero)).findFirst().orElseThrow());
                assertThat(app.streams().metadataForLocalThreads().stream().flatMap(t -> t.activeTasks().stream())
                        .map(t -> t.taskId().partition()).collect(Collectors.toSet())).as("active here").isEqualTo(Set.of(0));

                for (String path : List.of("/pools?sort=stake", "/pools?sort=performance", "/slashes", "/reconciliation",
                        "/accounts/" + accounts.get(0) + "/positions")) {
                    HttpResponse<String> res = get(app.restUrl() + path);
                    assertThat(res.statusCode()).as("%s -> %s", path, res.body()).isEqualTo(503);
                    JsonNode body = JSON.readTree(res.body());
                    assertThat(body.path("retryable").asBoolean()).as(path).isTrue();
                    assertThat(body.path("error").asText()).as(path).contains("partition 1");
                }
                // a pool of partition 1 has no owner to ask. Kafka Streams counts the topic's partitions from
                // those assigned, one here, and would place the pool on partition 0 and answer "no pool"
                HttpResponse<String> onOne = get(app.restUrl() + "/pools/" + poolsByPartition.get(1).get(0));
                assertThat(onOne.statusCode()).as(onOne.body()).isEqualTo(503);
                // what another instance would ask: this one's partitions, each under its number
                JsonNode mine = JSON.readTree(get(app.restUrl() + "/pools?local=partitions").body());
                assertThat(mine.path("partitions").size()).isEqualTo(1);
                assertThat(mine.path("partitions").path("0").findValuesAsText("poolId"))
                        .containsExactlyInAnyOrderElementsOf(poolsByPartition.get(0));
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Gives every task of partition 0 to the first instance and leaves partition 1's tasks with no one. */
    public static final class PartitionZeroOnly implements TaskAssignor {
        @Override
        public TaskAssignment assign(ApplicationState state) {
            List<ProcessId> processes = state.kafkaStreamsStates(false).keySet().stream().sorted().toList();
            Set<AssignedTask> zero = state.allTasks().keySet().stream().filter(t -> t.partition() == 0)
                    .map(t -> new AssignedTask(t, AssignedTask.Type.ACTIVE)).collect(Collectors.toSet());
            return new TaskAssignment(processes.stream()
                    .map(p -> KafkaStreamsAssignment.of(p, p.equals(processes.get(0)) ? zero : Set.of())).toList());
        }
    }

}
