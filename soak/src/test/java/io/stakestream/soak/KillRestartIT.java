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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md section 7: a killed instance restarts and the final state is the same as if it had
 * never died. The ledger runs in its own JVM; while a paced workload is still being produced and
 * processed it gets SIGKILL (no shutdown hook, an open transaction, no leave-group), and comes back
 * with the same application id but an EMPTY state dir, so it must rebuild every store from the
 * changelogs. A second, never-killed instance (another application id, its own outputs) then reads
 * the same inputs from the start. Outputs (read_committed), stores and REST answers must be equal,
 * and every input must have exactly one fate. The workload mixes commands and attestations; the
 * attestation gateway runs in the killed JVM too, and the reference reuses its (finished) gateway
 * id, so it reads the very commands log, attestations included, that the killed instance read.
 */
class KillRestartIT {

    private static final Logger log = LoggerFactory.getLogger(KillRestartIT.class);
    private static final int PARTITIONS = 3;
    private static final long SEED = 7_919L;

    @OnEveryKafkaBackend
    @Timeout(420)
    void killedMidRunAndRestartedWithEmptyStateEndsAsIfNeverKilled(KafkaBackend backend) throws Exception {
        long t0 = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = backend.bootstrapServers();
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        Path work = Files.createTempDirectory("kill-restart-" + run);
        try (Admin admin = backend.admin()) {
            LedgerTopics topics = ItTopics.create(admin, "kill-" + run, PARTITIONS);
            List<String> inputs = List.of(topics.commands(), topics.attestations());
            List<Workload.Input> workload = Workload.standard(serdes.payloads(), SEED, PARTITIONS, run, 6_000);
            List<String> accounts = Workload.standardCast(serdes.payloads(), SEED, PARTITIONS, run).accounts();
            Feed feed = new Feed(serdes, topics);
            List<ProducerRecord<byte[], byte[]>> records = workload.stream().map(feed::record).toList();
            String[] ids = workload.stream().map(in -> Accounting.idOf(serdes.payloads(), in)).toArray(String[]::new);
            int total = records.size();
            int setup = Workload.setupCount(workload.stream().map(Workload.Input::label).toList());
            String appId = "kill-" + run;
            String gatewayId = "kill-gw-" + run;

            LedgerProcess first = LedgerProcess.start(bootstrap, backend.schemaRegistryUrl(), appId, gatewayId, work.resolve("state-1"),
                    PARTITIONS, topics, work.resolve("ledger-1.log"));
            LedgerProcess second = null;
            try {
                assertThat(first.awaitHealthy(Duration.ofSeconds(120))).as("first ledger process healthy").isTrue();
                // the workload (with custody's deposits) comes in over ~15 s of broker time, about as fast as the ledger and the
                // deposit gateway apply it on a busy machine, so the ledger is busy at the kill
                CompletableFuture<Feed.Placed[]> produced = CompletableFuture.supplyAsync(() -> {
                    try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(bootstrap)) {
                        return feed.send(producer, records, 600, setup,
                                () -> Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(120)));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // the ledger's group reads the commands log only (attestations arrive there through the gateway)
                List<TopicPartition> parts = Kafka.ends(admin, List.of(topics.commands())).keySet().stream().toList();
                long committedAtKill;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (true) {
                    committedAtKill = Kafka.sum(Kafka.committed(admin, appId, parts));
                    if (committedAtKill >= total / 5) {
                        break;
                    }
                    assertThat(System.nanoTime()).as("ledger made progress before the kill").isLessThan(deadline);
                    Thread.sleep(50);
                }
                long consumedBefore = committedAtKill;
                long killedAt = System.nanoTime();
                first.kill();
                long producedAtKill = Kafka.sum(Kafka.ends(admin, inputs));
                assertThat(produced).as("inputs still flowing at the kill").isNotDone();
                assertThat(consumedBefore).as("killed mid-run").isLessThan(total);
                log.info("kill -9 of ledger pid {} after {} of {} inputs committed ({} produced so far)", first.pid(),
                        consumedBefore, total, producedAtKill);

                second = LedgerProcess.start(bootstrap, backend.schemaRegistryUrl(), appId, gatewayId, work.resolve("state-2"),
                        PARTITIONS, topics, work.resolve("ledger-2.log"));
                assertThat(second.awaitHealthy(Duration.ofSeconds(180))).as("restarted ledger healthy").isTrue();
                long healthyAt = System.nanoTime();
                while (Kafka.sum(Kafka.committed(admin, appId, parts)) <= consumedBefore) {
                    assertThat(System.nanoTime() - healthyAt).as("restarted ledger resumes committing")
                            .isLessThan(TimeUnit.SECONDS.toNanos(120));
                    Thread.sleep(50);
                }
                long resumedAt = System.nanoTime();
                Feed.Placed[] placed = produced.get(120, TimeUnit.SECONDS);
                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(180));
                long doneAt = System.nanoTime();

                Outputs killed = Outputs.read(bootstrap, admin, serdes, topics);
                // what the killed instance had written in its open transaction: aborted, invisible to read_committed
                long aborted = Kafka.readUncommittedCount(bootstrap, topics.events()) - killed.events.size();
                Map<String, Map<String, String>> killedStores = Changelogs.finalState(bootstrap, admin, appId);
                Map<String, JsonNode> killedRest = Rest.snapshot(second.restUrl(), accounts);
                second.close();

                // the reference: never killed, same inputs from offset 0, its own outputs
                String refId = "kill-ref-" + run;
                LedgerTopics refTopics = ItTopics.outputsFor(admin, topics, "kill-ref-" + run, PARTITIONS);
                AppConfig refConfig = AppConfig.local(bootstrap, backend.schemaRegistryUrl(), work.resolve("state-ref"), PARTITIONS)
                        .withApplicationId(refId).withGatewayApplicationId(gatewayId);
                Outputs reference;
                Map<String, JsonNode> referenceRest;
                long r0 = System.nanoTime();
                try (PoolLedgerApp ref = new PoolLedgerApp(refConfig, serdes, refTopics).start()) {
                    assertThat(ref.awaitRunning(Duration.ofSeconds(90))).as("reference ledger RUNNING").isTrue();
                    Kafka.awaitLedger(admin, gatewayId, refId, refTopics, Duration.ofSeconds(180));
                    reference = Outputs.read(bootstrap, admin, serdes, refTopics);
                    referenceRest = Rest.snapshot(ref.restUrl(), accounts);
                }
                long refMs = (System.nanoTime() - r0) / 1_000_000;
                Map<String, Map<String, String>> referenceStores = Changelogs.finalState(bootstrap, admin, refId);

                // exactly once: one fate per input in both runs, hence no duplicate event or rejection
                Accounting.Tally tally = Accounting.check(placed, ids, killed);
                Accounting.Tally refTally = Accounting.check(placed, ids, reference);
                assertThat(tally).isEqualTo(refTally);
                assertThat(Outputs.difference(killed, reference)).as("first difference, killed vs never killed").isNull();
                assertThat(killed.total()).isEqualTo(reference.total());
                assertThat(aborted).as("aborted events (read_uncommitted minus read_committed)").isNotNegative();
                for (String store : referenceStores.keySet()) {
                    assertThat(killedStores.get(store)).as("store %s, killed vs never killed", store)
                            .isEqualTo(referenceStores.get(store));
                }
                assertThat(referenceStores.get("pools")).hasSize(12);
                assertThat(killedRest).isEqualTo(referenceRest);
                assertThat(referenceRest.get("/pools").size()).isEqualTo(12);
                long attested = killed.events.stream().filter(e -> "JobAttestation".equals(e.getCommand())).count();
                assertThat(attested).as("accepted attestations").isPositive();

                log.info("kill/restart IT [{}]: {} inputs ({} accepted, {} of them attestations, {} events, {} rejected, {} dead letters); killed after {} "
                                + "committed, {} events of its open transaction aborted; recovery: kill -> restarted instance RUNNING {} ms, -> committing again {} ms, -> all "
                                + "inputs done {} ms; reference run {} ms; outputs ({} records), {} store entries and {} REST answers "
                                + "identical; test {} ms", backend.name(), tally.inputs(), tally.accepted(), attested, tally.events(),
                        tally.rejected(), tally.deadLettered(), consumedBefore, aborted, (healthyAt - killedAt) / 1_000_000,
                        (resumedAt - killedAt) / 1_000_000, (doneAt - killedAt) / 1_000_000, refMs, killed.total(),
                        killedStores.values().stream().mapToInt(Map::size).sum(), killedRest.size(),
                        (System.nanoTime() - t0) / 1_000_000);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }
}
