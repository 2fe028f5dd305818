package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Timeout;

/**
 * Found by the soak: after a fail-over an instance can be left with standby tasks only (the active
 * stays where it moved until a probing rebalance), and the routes that scan every pool answered 503
 * on both instances for as long, because the scan asked the standby-only host too. With one
 * partition and a standby replica, one of two instances hosts only the standby: every route must
 * answer 200 on both, the same.
 */
class StandbyOnlyInstanceIT {

    @OnEveryKafkaBackend
    @Timeout(180)
    void anInstanceWithOnlyAStandbyAnswersTheScansByAskingTheActive(KafkaBackend backend) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        try (Admin admin = backend.admin()) {
            LedgerTopics topics = ItTopics.create(admin, "standby-" + run, 1);
            List<Workload.Input> workload = Workload.standard(serdes.payloads(), 31L, 1, run, 200);
            List<String> accounts = Workload.standardCast(serdes.payloads(), 31L, 1, run).accounts();
            String appId = "standby-" + run;
            String gatewayId = "standby-gw-" + run;
            try (PoolLedgerApp a = app(backend, serdes, topics, appId, gatewayId, "a").start();
                 PoolLedgerApp b = app(backend, serdes, topics, appId, gatewayId, "b").start()) {
                // the second one's arrival rebalances the first: wait until both are RUNNING at once
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!(a.awaitRunning(Duration.ofSeconds(5)) && b.awaitRunning(Duration.ofSeconds(5)))) {
                    assertThat(System.nanoTime()).as("both instances RUNNING").isLessThan(deadline);
                }
                new Feed(serdes, topics).sendAndAwait(backend.bootstrapServers(), admin, workload, gatewayId, appId);
                long actives = java.util.stream.Stream.of(a, b).filter(app -> app.streams().metadataForLocalThreads().stream()
                        .anyMatch(t -> !t.activeTasks().isEmpty())).count();
                assertThat(actives).as("instances with an active ledger task (one partition)").isEqualTo(1);
                Map<String, JsonNode> fromA = Rest.snapshot(a.restUrl(), accounts);
                Map<String, JsonNode> fromB = Rest.snapshot(b.restUrl(), accounts);
                assertThat(fromA.get("/pools")).as("pools").hasSize(12);
                assertThat(fromB).as("the standby-only instance answers as the active one").isEqualTo(fromA);
            }
        }
    }

    private static PoolLedgerApp app(KafkaBackend backend, StakestreamSerdes serdes, LedgerTopics topics, String appId, String gatewayId,
                                     String name) throws java.io.IOException {
        AppConfig config = AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(),
                Files.createTempDirectory("standby-" + name), 1).withApplicationId(appId).withGatewayApplicationId(gatewayId)
                .withStandbyReplicas(1);
        return new PoolLedgerApp(config, serdes, topics);
    }
}
