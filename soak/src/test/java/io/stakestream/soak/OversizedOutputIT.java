package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.serde.SignedPayloads;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output that can never be written is not retried for ever: its input is refused as
 * OUTPUT_TOO_LARGE, with its state untouched, and the stream goes on. The events topic takes small
 * records only (its max.message.bytes), and a new pool's event carries its metadata. A pool whose
 * event is over the limit the ledger read at start-up is refused before anything is written;
 * then the limit is lowered while the ledger runs, so the broker itself refuses the next large
 * event: the task fails, the limit is learned, and the same input is refused on the retry. Last,
 * the commands log's own limit is lowered under an attestation the gateway forwards: the gateway
 * learns it the same way and the ledger refuses the attestation at its place in the log.
 */
class OversizedOutputIT {

    private static final Logger log = LoggerFactory.getLogger(OversizedOutputIT.class);

    @OnEveryKafkaBackend
    @Timeout(180)
    void anInputWhoseOutputNoTopicTakesIsRefusedAndTheStreamGoesOn(KafkaBackend backend) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = backend.bootstrapServers();
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        try (Admin admin = backend.admin()) {
            LedgerTopics topics = ItTopics.create(admin, "oversize-" + run, 1);
            maxMessageBytes(admin, topics.events(), 3_000);
            Program program = new Program(serdes.payloads());
            Actor alice = Actor.named("alice-" + run, serdes.payloads());
            Actor bob = Actor.named("bob-" + run, serdes.payloads());
            Actor opA = Actor.named("op-a-" + run, serdes.payloads());
            Actor opBig = Actor.named("op-big-" + run, serdes.payloads());
            Actor opMid = Actor.named("op-mid-" + run, serdes.payloads());
            Actor opC = Actor.named("op-c-" + run, serdes.payloads());
            // custody credits every token first (a deposit opens the record it lands in, ahead of its pool)
            List<SignedCommand> funding = List.of(program.deposit(opA, "pool-a", 1_000, false), program.deposit(opBig, "pool-big", 1_000, false),
                    program.deposit(alice, "pool-a", 350, false), program.deposit(opMid, "pool-mid", 1_000, false),
                    program.deposit(bob, "pool-a", 200, false), program.deposit(opC, "pool-c", 500, false));
            List<SignedCommand> before = new ArrayList<>(program.init());
            before.add(program.createPool(opA, "pool-a", 1_000));
            before.add(program.createPool(opBig, "pool-big", 1_000, "x".repeat(4_000)));
            before.add(program.stake(alice, "pool-a", 300));
            before.add(alice.sign("pool-big", new io.stakestream.avro.CreateStakingRecord()));
            List<SignedCommand> after = new ArrayList<>();
            after.add(program.createPool(opMid, "pool-mid", 1_000, "y".repeat(1_800)));
            after.add(program.stake(bob, "pool-a", 200));
            after.add(program.createPool(opC, "pool-c", 500));
            Actor operatorA = Actor.named("op-a-" + run, serdes.payloads());
            List<Workload.Input> last = List.of(attestation(serdes.payloads(), operatorA, 1, 150), attestation(serdes.payloads(), operatorA, 2, 1),
                    new Workload.Input(false, null, "pool-a", program.stake(alice, "pool-a", 50), "stake"));
            Feed feed = new Feed(serdes, topics);
            String appId = "oversize-" + run;
            String gatewayId = "oversize-gw-" + run;
            AppConfig config = AppConfig.local(bootstrap, backend.schemaRegistryUrl(),
                    Files.createTempDirectory("oversize-" + run), 1).withApplicationId(appId).withGatewayApplicationId(gatewayId);

            Feed.Placed[] zero;
            Feed.Placed[] first;
            Feed.Placed[] second;
            Feed.Placed[] third;
            double failedBefore;
            double failedAfter;
            try (PoolLedgerApp app = new PoolLedgerApp(config, serdes, topics).start();
                 KafkaProducer<byte[], byte[]> producer = Kafka.producer(bootstrap)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("ledger RUNNING").isTrue();
                List<SignedCommand> init = before.subList(0, program.init().size());
                Feed.Placed[] network = feed.send(producer, records(feed, serdes.payloads(), init), 0);
                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(60));
                zero = concat(network, feed.send(producer, funding.stream().map(d -> feed.record(new Workload.Input(false, null,
                        Program.depositKey(serdes.payloads(), d), d, "deposit"))).toList(), 0));
                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(60));
                first = concat(network, feed.send(producer, records(feed, serdes.payloads(), before.subList(init.size(), before.size())), 0));
                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(60));
                failedBefore = Kafka.failedStreamThreads(app.streams());

                // lowered behind the ledger's back: only the broker knows
                maxMessageBytes(admin, topics.events(), 2_000);
                second = feed.send(producer, records(feed, serdes.payloads(), after), 0);
                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(90));
                failedAfter = Kafka.failedStreamThreads(app.streams());

                // the commands log now takes less than the large attestation: the broker refuses the gateway's forward,
                // the gateway learns the limit and forwards the attestation's place for the ledger to refuse
                maxMessageBytes(admin, topics.commands(), 3_000);
                third = feed.send(producer, last.stream().map(feed::record).toList(), 0);
                Kafka.awaitLedger(admin, gatewayId, appId, topics, Duration.ofSeconds(90));
            }
            Outputs out = Outputs.read(bootstrap, admin, serdes, topics);
            Map<String, Map<String, String>> stores = Changelogs.finalState(bootstrap, admin, appId);

            Feed.Placed[] deposits = java.util.Arrays.copyOfRange(zero, program.init().size(), zero.length);
            Feed.Placed[] placed = concat(concat(concat(deposits, first), second), third);
            List<String> idList = new ArrayList<>(concat(concat(funding, before), after).stream()
                    .map(c -> serdes.payloads().command(c).getCommandId()).toList());
            last.forEach(in -> idList.add(Accounting.idOf(serdes.payloads(), in)));
            String[] ids = idList.toArray(String[]::new);
            Accounting.Tally tally = Accounting.check(placed, ids, out);
            assertThat(out.deadLetters).as("dead letters").isEmpty();
            assertThat(reasonAt(out, first[3])).as("pool-big, refused before anything was written").isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
            assertThat(reasonAt(out, first[5])).as("pool-big does not exist").isEqualTo(RejectReason.UNKNOWN_POOL);
            assertThat(failedBefore).as("no task failed for the limit known at start-up").isZero();
            assertThat(reasonAt(out, second[0])).as("pool-mid, refused once the broker said no").isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
            assertThat(failedAfter).as("the broker's refusal failed the task once before it was learned").isPositive();
            assertThat(stores.get("pools").keySet().stream().map(k -> k.substring(k.indexOf('/') + 1)).toList()).as("pools with state").containsExactlyInAnyOrder("pool-a", "pool-c");
            assertThat(reasonAt(out, third[0])).as("the attestation too large to forward").isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
            assertThat(out.rejections).filteredOn(r -> r.getReason() == RejectReason.OUTPUT_TOO_LARGE && r.getOffset() == third[0].offset())
                    .extracting(Rejection::getSourceTopic).containsExactly(topics.attestations());
            assertThat(out.events).extracting(e -> e.getCommandId()).as("what came after it applies")
                    .contains(Accounting.idOf(serdes.payloads(), last.get(1)), Accounting.idOf(serdes.payloads(), last.get(2)));
            assertThat(tally.rejected()).as("two oversized pools, the record in the missing one, one oversized attestation").isEqualTo(4);
            assertThat(tally.accepted()).isEqualTo(placed.length - 4);
            log.info("oversized output IT [{}]: {} inputs, {} accepted, {} refused (3 OUTPUT_TOO_LARGE), {} ledger stream-thread"
                    + " failure(s) before the lowered limit was learned", backend.name(), tally.inputs(), tally.accepted(),
                    tally.rejected(), (long) failedAfter);
        }
    }

    private static RejectReason reasonAt(Outputs out, Feed.Placed at) {
        return out.rejections.stream().filter(r -> r.getSourceTopic().equals(at.topic()) && r.getOffset() == at.offset()
                && r.getPartition() == at.partition()).map(Rejection::getReason).findFirst().orElse(null);
    }

    /** An attestation of pool-a with this many job results: about 40 bytes each. */
    private static Workload.Input attestation(SignedPayloads payloads, Actor node, long nonce, int jobs) {
        List<JobResult> results = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            results.add(JobResult.newBuilder().setEpoch(0).setJobId("job-" + nonce + "-" + i).setModelId(Program.MODEL)
                    .setSuccess(true).setLatencyMs(120).setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ONE).build());
        }
        return new Workload.Input(true, null, "pool-a",
                AttestationSigner.of(node.key(), payloads).attestation("batch-" + node.name() + "-" + nonce, "pool-a", nonce, results), "attestation");
    }

    private static List<ProducerRecord<byte[], byte[]>> records(Feed feed, SignedPayloads payloads, List<SignedCommand> commands) {
        return commands.stream().map(c -> feed.record(new Workload.Input(false, null, payloads.command(c).getPoolId(), c, "cmd"))).toList();
    }

    private static void maxMessageBytes(Admin admin, String topic, int bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)), AlterConfigOp.OpType.SET))))
                .all().get(30, TimeUnit.SECONDS);
    }

    private static Feed.Placed[] concat(Feed.Placed[] a, Feed.Placed[] b) {
        Feed.Placed[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
