package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.serde.ConfluentWireFormat;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12: the schema registry stops for 20 s mid-run, across an epoch close, and comes back at
 * the same port with the same schemas. The ledger registered every subject it writes at start-up,
 * so its outputs never wait for the registry; but the epoch close arrives written with a schema id
 * the ledger has never seen (a producer on a newer, compatible SignedCommand), so the ledger
 * cannot decode it until the registry answers. It must stall there: the task fails, its open
 * transaction (the 200 records before the close, already applied to the stores) aborts and its
 * state is restored, again and again, and nothing is refused or dead-lettered. Once the registry is back,
 * every output topic and every store must equal those of a ledger that read the same inputs with
 * the registry up all the time. A second instance trying to start during the outage fails clearly.
 */
class RegistryOutageIT {

    private static final Logger log = LoggerFactory.getLogger(RegistryOutageIT.class);
    private static final int PARTITIONS = 2;
    private static final long OUTAGE_MS = 20_000;

    @OnEveryKafkaBackend
    @Timeout(240)
    void aTwentySecondRegistryOutageAcrossAnEpochCloseEndsAsIfItNeverHappened(KafkaBackend backend) throws Exception {
        long t0 = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = backend.bootstrapServers();
        Path work = Files.createTempDirectory("registry-outage-" + run);
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry().start(); Admin admin = backend.admin()) {
            String url = registry.url();
            StakestreamSerdes serdes = StakestreamSerdes.forUrl(url); // the test's own client: producers and readers
            LedgerTopics topics = ItTopics.create(admin, "outage-" + run, PARTITIONS);
            List<Workload.Input> workload = Workload.standard(serdes.payloads(), 4_242L, PARTITIONS, run, 1_500);
            Feed feed = new Feed(serdes, topics);
            int newerId = serdes.registry().register(ConfluentWireFormat.subject(topics.commands(), false), newerSignedCommand());
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (Workload.Input in : workload) {
                ProducerRecord<byte[], byte[]> r = feed.record(in);
                // the epoch closes come from a producer on the newer schema: an id the ledger has not cached
                records.add("epoch-close".equals(in.label()) ? new ProducerRecord<>(r.topic(), r.partition(), r.key(),
                        withNewerSchema(r.value(), newerId)) : r);
            }
            String[] ids = workload.stream().map(in -> Accounting.idOf(serdes.payloads(), in)).toArray(String[]::new);
            int close = workload.indexOf(workload.stream().filter(in -> "epoch-close".equals(in.label())).findFirst().orElseThrow());
            // the registry stops a little before the close: the records in between are applied in the
            // transaction the failed close aborts, so their state changes must be rolled back too
            int split = close - 200;
            String appId = "outage-" + run;
            String gatewayId = "outage-gw-" + run;

            Feed.Placed[] placed = new Feed.Placed[records.size()];
            Outputs outage;
            Map<String, Map<String, String>> outageStores;
            double failedThreads;
            long stalledMs;
            AppConfig config = AppConfig.local(bootstrap, url, work.resolve("state"), PARTITIONS).withApplicationId(appId)
                    .withGatewayApplicationId(gatewayId);
            // the app's own registry client: nothing the test registered is in its cache
            try (PoolLedgerApp app = new PoolLedgerApp(config, StakestreamSerdes.forUrl(url), topics).start();
                 KafkaProducer<byte[], byte[]> producer = Kafka.producer(bootstrap)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("ledger RUNNING").isTrue();
                // set-up first (custody's deposits take another path into the log than the pool creations behind them)
                System.arraycopy(feed.send(producer, records.subList(0, split), 1_000,
                        Workload.setupCount(workload.stream().map(Workload.Input::label).toList()),
                        () -> Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(120))), 0, placed, 0, split);
                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(120));

                long stoppedAt = System.nanoTime();
                registry.stop();
                assertThatThrownBy(() -> new PoolLedgerApp(config.withApplicationId(appId + "-late"), StakestreamSerdes.forUrl(url),
                        topics).start())
                        .as("a start during the outage fails, saying what to do")
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unreachable")
                        .hasMessageContaining("SCHEMA_REGISTRY_URL");
                // at once, so the ledger applies the records before the close and meets it in one transaction
                Feed.Placed[] rest = feed.send(producer, records.subList(split, records.size()), 0);
                System.arraycopy(rest, 0, placed, split, rest.length);
                Map<TopicPartition, Long> closeAt = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    Feed.Placed at = placed[close + p];
                    closeAt.put(new TopicPartition(at.topic(), at.partition()), at.offset());
                }
                long remaining = OUTAGE_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
                Thread.sleep(Math.max(0, remaining));
                Map<TopicPartition, Long> committed = Kafka.committed(admin, appId, closeAt.keySet());
                closeAt.forEach((tp, offset) -> assertThat(committed.get(tp))
                        .as("%s: the ledger waits at the epoch close (offset %d) while the registry is down", tp, offset)
                        .isLessThanOrEqualTo(offset));
                registry.start();
                stalledMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
                assertThat(registry.url()).as("back at the same address").isEqualTo(url);

                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(120));
                failedThreads = Kafka.failedStreamThreads(app.streams());
            }
            outage = Outputs.read(bootstrap, admin, serdes, topics);
            // events the failed transactions had written, aborted (read_uncommitted sees them, read_committed does not)
            long aborted = Kafka.readUncommittedCount(bootstrap, topics.events()) - outage.events.size();
            outageStores = Changelogs.finalState(bootstrap, admin, appId);

            // the reference: same inputs from offset 0, registry up all along, its own outputs
            String refId = "outage-ref-" + run;
            LedgerTopics refTopics = ItTopics.outputsFor(admin, topics, refId, PARTITIONS);
            AppConfig refConfig = AppConfig.local(bootstrap, url, work.resolve("state-ref"), PARTITIONS).withApplicationId(refId)
                    .withGatewayApplicationId(gatewayId);
            try (PoolLedgerApp ref = new PoolLedgerApp(refConfig, StakestreamSerdes.forUrl(url), refTopics).start()) {
                assertThat(ref.awaitRunning(Duration.ofSeconds(90))).as("reference RUNNING").isTrue();
                Kafka.awaitLedger(admin, gatewayId, refId, refTopics, Duration.ofSeconds(120));
            }
            Outputs reference = Outputs.read(bootstrap, admin, serdes, refTopics);
            Map<String, Map<String, String>> referenceStores = Changelogs.finalState(bootstrap, admin, refId);

            Accounting.Tally tally = Accounting.check(placed, ids, outage);
            assertThat(Accounting.check(placed, ids, reference)).isEqualTo(tally);
            assertThat(outage.deadLetters).as("dead letters").isEmpty();
            assertThat(failedThreads).as("the ledger's task failed (and was retried) during the outage").isPositive();
            long markers = outage.summaries.stream().filter(m -> m.getBody() instanceof PartitionEpochClosed).count();
            assertThat(markers).as("every partition closed both epochs").isEqualTo(2L * PARTITIONS);
            assertThat(outage.summaries.size()).as("pool summaries besides the markers").isGreaterThan((int) markers);
            assertThat(Outputs.difference(outage, reference)).as("first difference, outage vs no outage").isNull();
            assertThat(outage.total()).isEqualTo(reference.total());
            for (String store : referenceStores.keySet()) {
                assertThat(outageStores.get(store)).as("store %s, outage vs no outage", store).isEqualTo(referenceStores.get(store));
            }
            assertThat(referenceStores.get("pools")).hasSize(12);
            assertThat(aborted).as("aborted events").isNotNegative();
            log.info("registry outage IT [{}]: {} inputs ({} accepted, {} rejected, {} dead letters), {} output records and {} store"
                            + " entries identical to the uninterrupted run; ledger stalled {} ms at the epoch close, {} stream-thread"
                            + " failures retried, {} events of aborted transactions redone; test {} ms", backend.name(), tally.inputs(),
                    tally.accepted(), tally.rejected(), tally.deadLettered(), outage.total(),
                    outageStores.values().stream().mapToInt(Map::size).sum(), stalledMs, (long) failedThreads, aborted,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** SignedCommand as a newer producer writes it: one more optional field at the end (BACKWARD compatible). */
    private static Schema newerSignedCommand() {
        String json = SignedCommand.getClassSchema().toString();
        String extra = "{\"name\":\"relay\",\"type\":[\"null\",\"string\"],\"default\":null}";
        int fieldsEnd = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, fieldsEnd) + "," + extra + json.substring(fieldsEnd));
    }

    /** The same command framed with the newer schema's id: its Avro body plus the new field, null (union branch 0). */
    private static byte[] withNewerSchema(byte[] framed, int id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(framed.length + 1);
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        out.writeBytes(Arrays.copyOfRange(framed, ConfluentWireFormat.HEADER_SIZE, framed.length));
        out.write(0);
        return out.toByteArray();
    }
}
