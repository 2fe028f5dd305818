package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN.md section 7: bad input never stops the pipeline and is never dropped in silence. Over
 * 100,000 records on the commands and attestations topics: a valid signed workload mixed with
 * random bytes, truncated Avro, unknown schema ids, wrong magic bytes, flipped signature bits,
 * replayed nonces, wrong authorities, amounts over 2^256-1, zero and negative amounts, unknown
 * pools, null values and null keys. A watcher checks the instance stays RUNNING with its health
 * endpoint up the whole time; at the end every input offset must have exactly one fate (event,
 * rejection or dead letter), see {@link Accounting}.
 */
class FuzzIT {

    private static final Logger log = LoggerFactory.getLogger(FuzzIT.class);
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 100_000;

    /** One fuzz record: where it goes, its bytes, its id when it decodes, and what kind of damage it carries. */
    private record Fuzz(boolean attestation, Integer partition, String key, byte[] value, String id, String label) {
    }

    /** Labels whose rejection reason is certain. */
    private static final Map<String, Set<RejectReason>> EXPECTED = Map.ofEntries(
            Map.entry("random-bytes", Set.of(RejectReason.UNDECODABLE)),
            Map.entry("truncated-avro", Set.of(RejectReason.UNDECODABLE)),
            Map.entry("unknown-schema-id", Set.of(RejectReason.UNDECODABLE)),
            Map.entry("wrong-magic", Set.of(RejectReason.UNDECODABLE)),
            Map.entry("null-value", Set.of(RejectReason.UNDECODABLE)),
            Map.entry("flipped-signature", Set.of(RejectReason.BAD_SIGNATURE)),
            Map.entry("null-key", Set.of(RejectReason.INVALID_ARGUMENT)),
            Map.entry("bad-replay", Set.of(RejectReason.REPLAY)),
            Map.entry("bad-unknown-pool", Set.of(RejectReason.UNKNOWN_POOL)),
            Map.entry("bad-authority", Set.of(RejectReason.UNAUTHORIZED)),
            Map.entry("bad-zero", Set.of(RejectReason.ZERO_AMOUNT)),
            Map.entry("bad-negative", Set.of(RejectReason.NEGATIVE_AMOUNT)),
            Map.entry("bad-huge", Set.of(RejectReason.OVERFLOW)));

    @OnEveryKafkaBackend
    @Timeout(400)
    void everyRecordLandsSomewhereAndThePipelineNeverStops(KafkaBackend backend) throws Exception {
        long t0 = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = backend.bootstrapServers();
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        try (Admin admin = backend.admin()) {
            LedgerTopics topics = ItTopics.create(admin, "fuzz-" + run, PARTITIONS);
            Feed feed = new Feed(serdes, topics);
            List<Fuzz> fuzz = generate(new Random(424_242L), run, feed);
            long generatedMs = (System.nanoTime() - t0) / 1_000_000;
            List<ProducerRecord<byte[], byte[]>> records = fuzz.stream()
                    .map(f -> f.label().startsWith("deposit") ? feed.rawDeposit(f.key(), f.value())
                            : feed.raw(f.attestation(), f.partition(), f.key(), f.value())).toList();
            String[] ids = fuzz.stream().map(Fuzz::id).toArray(String[]::new);

            String appId = "fuzz-" + run;
            AppConfig config = AppConfig.local(bootstrap, backend.schemaRegistryUrl(), Files.createTempDirectory("fuzz"), PARTITIONS)
                    .withApplicationId(appId).withGatewayApplicationId(appId + "-gw");
            try (PoolLedgerApp app = new PoolLedgerApp(config, serdes, topics).start()) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("ledger RUNNING").isTrue();
                Watcher watcher = new Watcher(app);
                watcher.start();
                long p0 = System.nanoTime();
                Feed.Placed[] placed;
                try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(bootstrap)) {
                    placed = feed.send(producer, records, 0, Workload.setupCount(fuzz.stream().map(Fuzz::label).toList()),
                            () -> Kafka.awaitLedger(admin, appId + "-gw", appId, topics, Duration.ofSeconds(120)));
                }
                long producedMs = (System.nanoTime() - p0) / 1_000_000;
                Kafka.awaitLedger(admin, appId + "-gw", appId, topics, Duration.ofSeconds(300));
                long processedMs = (System.nanoTime() - p0) / 1_000_000;
                watcher.stop();
                assertThat(watcher.problem.get()).as("the ledger stayed RUNNING and healthy throughout").isNull();
                assertThat(watcher.samples.get()).as("watcher samples").isGreaterThan(10);
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

                Outputs out = Outputs.read(bootstrap, admin, serdes, topics);
                Accounting.Tally tally = Accounting.check(placed, ids, out);

                // what each kind of damage was refused for
                Map<String, Integer> labelAt = new HashMap<>();
                for (int i = 0; i < placed.length; i++) {
                    labelAt.put(placed[i].topic() + "/" + placed[i].partition() + "/" + placed[i].offset(), i);
                }
                Map<String, Map<RejectReason, Integer>> reasons = new TreeMap<>();
                List<String> wrong = new ArrayList<>();
                for (Rejection r : out.rejections) {
                    String label = fuzz.get(labelAt.get(r.getSourceTopic() + "/" + r.getPartition() + "/" + r.getOffset())).label();
                    reasons.computeIfAbsent(label, k -> new EnumMap<>(RejectReason.class)).merge(r.getReason(), 1, Integer::sum);
                    Set<RejectReason> expected = EXPECTED.get(label);
                    if (expected != null && !expected.contains(r.getReason()) && wrong.size() < 10) {
                        wrong.add(label + " rejected as " + r.getReason() + ": " + r.getMessage());
                    }
                    assertThat(r.getMessage()).as("a rejection says why").isNotBlank();
                }
                Map<String, Integer> perLabel = new TreeMap<>();
                fuzz.forEach(f -> perLabel.merge(f.label(), 1, Integer::sum));
                log.info("fuzz IT [{}]: inputs per kind {}", backend.name(), perLabel);
                log.info("fuzz IT [{}]: rejection reasons per kind {}", backend.name(), reasons);
                assertThat(wrong).as("rejections with an unexpected reason").isEmpty();
                for (String label : EXPECTED.keySet()) {
                    int rejected = reasons.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
                    assertThat(rejected).as("every '%s' record is rejected", label).isEqualTo(perLabel.getOrDefault(label, 0));
                }
                assertThat(tally.inputs()).isGreaterThanOrEqualTo(RECORDS);
                // deposits reach the ledger through the dedupe gateway, so a stake written right behind its deposit may come first and be
                // refused INSUFFICIENT_BALANCE: a valid outcome, and why fewer get through than before custody
                assertThat(tally.accepted()).as("valid records get through the noise").isGreaterThan(5_000);
                log.info("fuzz IT [{}]: {} records ({} on commands, {} on attestations) -> {} accepted ({} events), {} rejected, "
                                + "{} dead letters: every offset accounted for; generated in {} ms, produced in {} ms ({} rec/s), "
                                + "all processed and committed {} ms after the first send: {} rec/s; ledger RUNNING and /health 200 "
                                + "in all {} samples; test {} ms", backend.name(), tally.inputs(),
                        fuzz.stream().filter(f -> !f.attestation()).count(), fuzz.stream().filter(Fuzz::attestation).count(),
                        tally.accepted(), tally.events(), tally.rejected(), tally.deadLettered(), generatedMs, producedMs,
                        tally.inputs() * 1000L / Math.max(1, producedMs), processedMs, tally.inputs() * 1000L / Math.max(1, processedMs),
                        watcher.samples.get(), (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    private static List<Fuzz> generate(Random random, String run, Feed feed) {
        Workload w = Workload.standardCast(feed.payloads(), random.nextLong(), PARTITIONS, run);
        List<Fuzz> out = new ArrayList<>();
        w.init();
        w.createPools();
        addValid(out, w, feed);
        int step = 0;
        while (out.size() < RECORDS) {
            int r = random.nextInt(100);
            String pool = w.pools.get(random.nextInt(w.pools.size()));
            Workload.Signer d = w.delegators.get(random.nextInt(w.delegators.size()));
            if (r < 45) {
                if (++step % 20_000 == 0) {
                    w.epochClose();
                }
                w.step();
                addValid(out, w, feed);
            } else if (r < 52) {
                byte[] junk = new byte[random.nextInt(300)];
                random.nextBytes(junk);
                out.add(new Fuzz(random.nextBoolean(), null, pool, junk, null, "random-bytes"));
            } else if (r < 58) {
                byte[] good = encode(feed, d.unused(pool, new Stake(w.amount(1, 100))));
                byte[] cut = java.util.Arrays.copyOf(good, 1 + random.nextInt(good.length - 1));
                out.add(new Fuzz(false, null, pool, cut, null, "truncated-avro"));
            } else if (r < 63) {
                byte[] bytes = encode(feed, d.unused(pool, new Stake(w.amount(1, 100))));
                ByteBuffer.wrap(bytes).putInt(1, 100_000 + random.nextInt(50));
                out.add(new Fuzz(false, null, pool, bytes, null, "unknown-schema-id"));
            } else if (r < 67) {
                byte[] bytes = encode(feed, d.unused(pool, new Stake(w.amount(1, 100))));
                bytes[0] = (byte) (1 + random.nextInt(255));
                out.add(new Fuzz(false, null, pool, bytes, null, "wrong-magic"));
            } else if (r < 77) {
                SignedCommand c = d.unused(pool, new Stake(w.amount(1, 100)));
                byte[] sig = c.getSignature().array().clone();
                sig[random.nextInt(sig.length)] ^= (byte) (1 << random.nextInt(8));
                c.setSignature(ByteBuffer.wrap(sig));
                out.add(new Fuzz(false, null, pool, encode(feed, c), feed.payloads().command(c).getCommandId(), "flipped-signature"));
            } else if (r < 82) {
                int i = w.pools.indexOf(pool);
                Workload.Signer op = w.operators.get(i);
                JobResult job = JobResult.newBuilder().setEpoch(0).setJobId("fuzz-job").setModelId("llama-3-70b").setSuccess(true)
                        .setLatencyMs(10).setProofValid(true).setCompleted(true).setUsdcFee(w.amount(0, 10)).build();
                SignedAttestation a = io.stakestream.protocol.crypto.AttestationSigner.of(op.key, feed.payloads())
                        .attestation(op.newId(), pool, op.last(pool) + 1, List.of(job));
                byte[] sig = a.getSignature().array().clone();
                sig[random.nextInt(sig.length)] ^= (byte) (1 << random.nextInt(8));
                a.setSignature(ByteBuffer.wrap(sig));
                out.add(new Fuzz(true, null, pool, feed.encode(new Workload.Input(true, null, pool, a, "")), feed.payloads().attestation(a).getBatchId(),
                        "flipped-signature"));
            } else if (r < 88) {
                out.add(new Fuzz(random.nextBoolean(), null, pool, null, null, "null-value"));
            } else if (r < 93) {
                SignedCommand c = d.unused(pool, new Stake(w.amount(1, 100)));
                out.add(new Fuzz(false, null, null, encode(feed, c), feed.payloads().command(c).getCommandId(), "null-key"));
            } else {
                // more steps of the standard mix, kept only for its ledger-level bad commands (zero, negative,
                // replayed, wrong authority, unknown pool, over uint256); the valid rest moves nonces they depend on
                w.step();
                addValid(out, w, feed);
            }
        }
        return out;
    }

    private static void addValid(List<Fuzz> out, Workload w, Feed feed) {
        for (Workload.Input in : w.drain()) {
            out.add(new Fuzz(in.attestation(), in.partition(), in.key(), feed.encode(in), Accounting.idOf(feed.payloads(), in), in.label()));
        }
    }

    private static byte[] encode(Feed feed, SignedCommand c) {
        return feed.encode(new Workload.Input(false, null, feed.payloads().command(c).getPoolId(), c, ""));
    }

    /** Polls the instance's state and /health until stopped; remembers the first sign of trouble. */
    private static final class Watcher implements Runnable {
        private final PoolLedgerApp app;
        private final HttpClient http = HttpClient.newHttpClient();
        final AtomicReference<String> problem = new AtomicReference<>();
        final AtomicInteger samples = new AtomicInteger();
        private volatile boolean running = true;
        private Thread thread;

        Watcher(PoolLedgerApp app) {
            this.app = app;
        }

        void start() {
            thread = new Thread(this, "fuzz-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    KafkaStreams.State state = app.streams().state();
                    int health = http.send(HttpRequest.newBuilder(URI.create(app.restUrl() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (state != KafkaStreams.State.RUNNING || health != 200) {
                        problem.compareAndSet(null, "state " + state + ", /health " + health + " after " + samples.get() + " samples");
                    }
                    samples.incrementAndGet();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    problem.compareAndSet(null, "watcher failed: " + e);
                }
            }
        }
    }
}
