package io.stakestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SignedCommand;

import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.protocol.clients.KeyPartitioner;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.serde.TopicSerdes;
import io.stakestream.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin slice on a real broker: signed commands in, the app under exactly_once_v2, committed
 * events out, and the pool read back over REST.
 */
class PoolLedgerAppIT {

    private static final Logger log = LoggerFactory.getLogger(PoolLedgerAppIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @OnEveryKafkaBackend
    void createPoolAndStakeAreCommittedAndQueryable(KafkaBackend backend) throws Exception {
        long t0 = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poolId = "alice-" + run;
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        Actor alice = Actor.named("alice-" + run, serdes.payloads());
        Actor bob = Actor.named("bob-" + run, serdes.payloads());
        Program program = new Program(serdes.payloads());
        int partitions = existingPartitions(backend, 2);
        assertThat(partitions).as("a wrong partition to write to").isGreaterThan(1);
        Path stateDir = Files.createTempDirectory("ledger-it");
        AppConfig config = AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(), stateDir, partitions)
                .withApplicationId("ledger-it-" + run).withGatewayApplicationId("ledger-it-gw-" + run);

        try (PoolLedgerApp app = new PoolLedgerApp(config).start()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("ledger reaches RUNNING").isTrue();
            long running = System.nanoTime();

            TopicSerdes<String, SignedCommand> commands = serdes.commands();
            int home = KeyPartitioner.partitionOf(poolId, partitions);
            try (KafkaProducer<String, SignedCommand> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    commands.keySerde().serializer(), commands.valueSerde().serializer())) {
                for (SignedCommand c : program.init()) {
                    for (int p = 0; p < partitions; p++) { // control commands go to every partition
                        producer.send(new ProducerRecord<>(commands.name(), p, "*", c));
                    }
                }
                // custody credits alice's stake ahead of the pool; the pool is created once it is credited
                deposit(producer, serdes, program.deposit(alice, poolId, 1_000, false));
                readCommittedEvents(backend, serdes, poolId, 1);
                producer.send(new ProducerRecord<>(commands.name(), poolId, program.createPool(alice, poolId, 1_000)));
                producer.flush();
                readCommittedEvents(backend, serdes, poolId, 2);
                // bob's transfer arrives: credited and staked in one command (it opens his record)
                deposit(producer, serdes, program.deposit(bob, poolId, 500, true));
                // defect 1: a producer that picks its own partition tries to open a second pool of the same name
                producer.send(new ProducerRecord<>(commands.name(), (home + 1) % partitions, poolId,
                        program.createPool(Actor.named("squatter-" + run, serdes.payloads()), poolId, 1_000)));
                producer.flush();
            }

            List<LedgerEvent> events = readCommittedEvents(backend, serdes, poolId, 3);
            assertThat(events).extracting(LedgerEvent::getCommand).containsExactly("Deposit", "CreateOperatorPool", "Deposit");
            assertThat(readCommitted(backend, serdes.rejections(), poolId, 1)).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo(RejectReason.WRONG_PARTITION);
                assertThat(r.getPartition()).isEqualTo((home + 1) % partitions);
            });
            assertThat(events.get(2).getPool().getTotalStake()).isEqualByComparingTo("1500");
            long committed = System.nanoTime();

            JsonNode pool = getJson(app.restUrl() + "/pools/" + poolId);
            assertThat(pool.path("poolId").asText()).isEqualTo(poolId);
            assertThat(pool.path("totalStake").asText()).isEqualTo("1500");
            assertThat(pool.path("totalShares").asText()).isEqualTo("1500");
            assertThat(pool.path("admin").asText()).isEqualTo(alice.accountHex());
            assertThat(pool.path("status").asText()).isEqualTo("ACTIVE");

            JsonNode position = getJson(app.restUrl() + "/pools/" + poolId + "/positions/" + bob.accountHex());
            assertThat(position.path("shares").asText()).isEqualTo("500");
            assertThat(position.path("value").asText()).isEqualTo("500");
            assertThat(position.path("usdcOwedTotal").asText()).isEqualTo("0");

            JsonNode ranking = getJson(app.restUrl() + "/pools?sort=stake");
            assertThat(ranking.findValuesAsText("poolId")).containsOnlyOnce(poolId);
            JsonNode bobs = getJson(app.restUrl() + "/accounts/" + bob.accountHex() + "/positions");
            assertThat(bobs).hasSize(1);
            assertThat(bobs.get(0).path("poolId").asText()).isEqualTo(poolId);
            JsonNode books = getJson(app.restUrl() + "/reconciliation");
            assertThat(books.path("balanced").asBoolean()).as("reconciliation %s", books).isTrue();
            assertThat(new java.math.BigInteger(books.path("assets").path("TOKEN").path("deposited").asText()))
                    .isGreaterThanOrEqualTo(java.math.BigInteger.valueOf(1_500));
            assertThat(get(app.restUrl() + "/metrics").body()).contains("stakestream_records_accepted_total");
            JsonNode network = getJson(app.restUrl() + "/network");
            assertThat(network.path("params").path("maxSlashPpm").asInt()).isEqualTo(500_000);
            assertThat(network.path("models").has(Program.MODEL)).isTrue();
            assertThat(network.path("currentEpoch").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(get(app.restUrl() + "/epochs/99999/reward-record").statusCode()).isEqualTo(404);
            assertThat(get(app.restUrl() + "/epochs/x/reward-record").statusCode()).isEqualTo(400);

            log.info("[{}] ledger IT: RUNNING after {} ms, 3 events committed {} ms later, REST read {} ms later", backend.name(),
                    (running - t0) / 1_000_000, (committed - running) / 1_000_000, (System.nanoTime() - committed) / 1_000_000);
        }
    }

    /** Two instances, one partition each: any instance answers for any pool, by forwarding or fanning out. */
    @OnEveryKafkaBackend
    void twoInstancesForwardKeyQueriesAndFanOutRankings(KafkaBackend backend) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        Program program = new Program(serdes.payloads());
        int partitions = existingPartitions(backend, 2);
        List<String> poolIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            poolIds.add("pool" + i + "-" + run);
        }
        AppConfig first = AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(),
                Files.createTempDirectory("ledger-a"), partitions).withApplicationId("ledger-pair-" + run)
                .withGatewayApplicationId("ledger-pair-gw-" + run);
        AppConfig second = AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(),
                Files.createTempDirectory("ledger-b"), partitions).withApplicationId("ledger-pair-" + run)
                .withGatewayApplicationId("ledger-pair-gw-" + run);
        try (PoolLedgerApp a = new PoolLedgerApp(first).start(); PoolLedgerApp b = new PoolLedgerApp(second).start()) {
            TopicSerdes<String, SignedCommand> commands = serdes.commands();
            try (KafkaProducer<String, SignedCommand> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    commands.keySerde().serializer(), commands.valueSerde().serializer())) {
                for (SignedCommand c : program.init()) {
                    for (int p = 0; p < partitions; p++) {
                        producer.send(new ProducerRecord<>(commands.name(), p, "*", c));
                    }
                }
                for (int i = 0; i < poolIds.size(); i++) {
                    String id = poolIds.get(i);
                    deposit(producer, serdes, program.deposit(Actor.named(id, serdes.payloads()), id, 1_000 + i, false));
                }
                producer.flush();
                for (String id : poolIds) {
                    readCommittedEvents(backend, serdes, id, 1);
                }
                for (int i = 0; i < poolIds.size(); i++) {
                    String id = poolIds.get(i);
                    producer.send(new ProducerRecord<>(commands.name(), id, program.createPool(Actor.named(id, serdes.payloads()), id, 1_000 + i)));
                }
                producer.flush();
            }
            for (String id : poolIds) {
                assertThat(readCommittedEvents(backend, serdes, id, 2)).hasSize(2);
            }
            for (PoolLedgerApp via : List.of(a, b)) {
                // each instance adds its partitions and asks the other for the rest
                JsonNode books = getJson(via.restUrl() + "/reconciliation");
                assertThat(books.path("balanced").asBoolean()).as("reconciliation %s", books).isTrue();
                assertThat(books.path("partitions")).hasSize(partitions);
                // the default topics may hold other tests' records too: at least this test's deposits
                assertThat(new java.math.BigInteger(books.path("assets").path("TOKEN").path("deposited").asText()))
                        .isGreaterThanOrEqualTo(java.math.BigInteger.valueOf(4 * 1_000 + 6));
            }
            List<String> largestFirst = new ArrayList<>(poolIds);
            java.util.Collections.reverse(largestFirst);
            for (PoolLedgerApp via : List.of(a, b)) {
                for (int i = 0; i < poolIds.size(); i++) {
                    JsonNode pool = getJson(via.restUrl() + "/pools/" + poolIds.get(i));
                    assertThat(pool.path("totalStake").asText()).isEqualTo(Integer.toString(1_000 + i));
                }
                JsonNode ranking = getJson(via.restUrl() + "/pools?sort=stake");
                List<String> ours = ranking.findValuesAsText("poolId").stream().filter(poolIds::contains).toList();
                assertThat(ours).as("largest stake first, from both instances").containsExactlyElementsOf(largestFirst);
            }
            assertThat(a.metrics().consumedCount() + b.metrics().consumedCount()).isGreaterThanOrEqualTo(2L * partitions + 4);
        }
    }

    private static int existingPartitions(KafkaBackend backend, int fallback) throws Exception {
        try (Admin admin = backend.admin()) {
            if (!admin.listTopics().names().get().contains(Topics.COMMANDS)) {
                return fallback;
            }
            return admin.describeTopics(List.of(Topics.COMMANDS)).allTopicNames().get().get(Topics.COMMANDS).partitions().size();
        }
    }

    /** Custody's deposits go to the deposits topic, keyed by chain reference. */
    private static void deposit(KafkaProducer<String, SignedCommand> producer, StakestreamSerdes serdes, SignedCommand deposit) {
        producer.send(new ProducerRecord<>(io.stakestream.topics.Topics.DEPOSITS, Program.depositKey(serdes.payloads(), deposit), deposit));
    }

    private static List<LedgerEvent> readCommittedEvents(KafkaBackend backend, StakestreamSerdes serdes, String poolId, int expected) {
        return readCommitted(backend, serdes.events(), poolId, expected);
    }

    private static <V> List<V> readCommitted(KafkaBackend backend, TopicSerdes<String, V> topic, String poolId, int expected) {
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, backend.bootstrapServers(),
                // a group of its own per read: each read starts from the first event
                ConsumerConfig.GROUP_ID_CONFIG, "ledger-it-reader-" + poolId + "-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (poolId.equals(r.key())) {
                        out.add(r.value());
                    }
                });
            }
        }
        return out;
    }

    /** GET with retries while the instance answers 503 (not RUNNING, rebalancing). */
    private JsonNode getJson(String url) throws Exception {
        HttpResponse<String> res = get(url);
        long deadline = System.currentTimeMillis() + 30_000;
        while (res.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            assertThat(JSON.readTree(res.body()).path("retryable").asBoolean()).isTrue();
            Thread.sleep(200);
            res = get(url);
        }
        assertThat(res.statusCode()).as("GET %s -> %s", url, res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(res.body());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
