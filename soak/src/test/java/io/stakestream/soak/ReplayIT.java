package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md section 7: replaying the input topics from the start gives the same events and state.
 * A workload of commands and attestations goes through one instance; a second instance with a
 * fresh LEDGER application id (so no committed offsets, no changelogs) but the same attestation
 * gateway id (which has forwarded everything already, so it forwards nothing again) reads the same
 * commands log from offset 0 into its own output topics. Every output lane and every store must
 * come out identical.
 */
class ReplayIT {

    private static final Logger log = LoggerFactory.getLogger(ReplayIT.class);
    private static final int PARTITIONS = 3;

    @OnEveryKafkaBackend
    @Timeout(240)
    void aFreshApplicationIdReplaysToIdenticalOutputsAndStores(KafkaBackend backend) throws Exception {
        long t0 = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        try (Admin admin = backend.admin()) {
            LedgerTopics first = ItTopics.create(admin, "replay-" + run + ".a", PARTITIONS);
            List<Workload.Input> workload = Workload.standard(serdes.payloads(), 20_261_121L, PARTITIONS, run, 2_500);
            Feed feed = new Feed(serdes, first);
            Feed.Placed[] placed;
            String[] ids = workload.stream().map(in -> Accounting.idOf(serdes.payloads(), in)).toArray(String[]::new);
            String gatewayId = "replay-gw-" + run;

            // the live run: up before the workload comes, as in production, so the gateway appends each
            // attestation to the commands log about when it was produced (not all after the epoch closes)
            String idA = "replay-a-" + run;
            long a0 = System.nanoTime();
            try (PoolLedgerApp app = new PoolLedgerApp(config(backend, idA, gatewayId), serdes, first).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("%s reaches RUNNING", idA).isTrue();
                try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(backend.bootstrapServers())) {
                    // paced over a few seconds of broker time, so one-second cooldowns end and claims succeed
                    placed = feed.send(producer, workload.stream().map(feed::record).toList(), 1_000,
                            Workload.setupCount(workload.stream().map(Workload.Input::label).toList()),
                            () -> Kafka.awaitLedger(admin, gatewayId, idA, first, Duration.ofSeconds(120)));
                }
                Kafka.awaitLedger(admin, gatewayId, idA, first, Duration.ofSeconds(120));
            }
            long aMs = (System.nanoTime() - a0) / 1_000_000;
            Outputs a = Outputs.read(backend.bootstrapServers(), admin, serdes, first);
            Map<String, Map<String, String>> storesA = Changelogs.finalState(backend.bootstrapServers(), admin, idA);

            LedgerTopics second = ItTopics.outputsFor(admin, first, "replay-" + run + ".b", PARTITIONS);
            String idB = "replay-b-" + run;
            long b0 = System.nanoTime();
            Map<org.apache.kafka.common.TopicPartition, Long> logBefore = Kafka.ends(admin, List.of(first.commands()));
            run(backend, serdes, second, idB, gatewayId, admin);
            assertThat(Kafka.ends(admin, List.of(first.commands()))).as("the gateway forwarded nothing again during the replay")
                    .isEqualTo(logBefore);
            long bMs = (System.nanoTime() - b0) / 1_000_000;
            Outputs b = Outputs.read(backend.bootstrapServers(), admin, serdes, second);
            Map<String, Map<String, String>> storesB = Changelogs.finalState(backend.bootstrapServers(), admin, idB);

            Accounting.Tally tally = Accounting.check(placed, ids, a);
            Accounting.check(placed, ids, b);
            // the workload must have exercised the ledger, not just been refused
            Map<String, Long> byCommand = a.events.stream().collect(Collectors.groupingBy(LedgerEvent::getCommand, Collectors.counting()));
            Map<String, Long> refused = a.rejections.stream().collect(Collectors.groupingBy(r -> r.getCommand() + ":" + r.getReason(),
                    java.util.TreeMap::new, Collectors.counting()));
            assertThat(byCommand.keySet()).as("accepted commands; refused by command and reason: %s", refused).contains("CreatePoolOverview", "SetModel", "CreateOperatorPool", "CreateStakingRecord",
                    "Stake", "Unstake", "ClaimUnstake", "AccrueRewardEmergencyBypass", "EpochClose", "JobAttestation",
                    "Deposit", "FundRewards", "Withdraw", "PayoutSettled");
            assertThat(a.rejections).as("duplicate chain transfers refused")
                    .anyMatch(r -> r.getReason() == io.stakestream.avro.RejectReason.DUPLICATE_DEPOSIT);
            assertThat(tally.rejected()).as("refused commands").isGreaterThan(100);
            assertThat(a.summaries).as("epoch summaries").isNotEmpty();
            assertThat(storesA.get("pools")).as("pool store").hasSize(12);

            assertThat(Outputs.difference(a, b)).as("first difference between the run and its replay").isNull();
            assertThat(a.total()).isEqualTo(b.total());
            assertThat(b.rawEvents).hasSameSizeAs(a.rawEvents);
            for (String store : storesA.keySet()) {
                assertThat(storesB.get(store)).as("store %s after replay", store).isEqualTo(storesA.get(store));
            }
            log.info("replay IT [{}]: {} inputs -> {} accepted ({} events by command {}), {} rejected, {} dead letters, {} output records, "
                            + "{} store entries; first run {} ms, replay {} ms, identical; test {} ms", backend.name(), tally.inputs(),
                    tally.accepted(), tally.events(), byCommand, tally.rejected(), tally.deadLettered(), a.total(),
                    storesA.values().stream().mapToInt(Map::size).sum(), aMs, bMs, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static void run(KafkaBackend backend, StakestreamSerdes serdes, LedgerTopics topics, String applicationId,
                            String gatewayId, Admin admin) throws Exception {
        try (PoolLedgerApp app = new PoolLedgerApp(config(backend, applicationId, gatewayId), serdes, topics).start()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("%s reaches RUNNING", applicationId).isTrue();
            Kafka.awaitLedger(admin, gatewayId, applicationId, topics, Duration.ofSeconds(120));
        }
    }

    private static AppConfig config(KafkaBackend backend, String applicationId, String gatewayId) throws java.io.IOException {
        return AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(),
                Files.createTempDirectory("replay-" + applicationId), PARTITIONS).withApplicationId(applicationId)
                .withGatewayApplicationId(gatewayId);
    }
}
