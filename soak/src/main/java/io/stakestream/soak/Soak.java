package io.stakestream.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The soak (issue 11, point 3): a seeded workload flows through two ledger instances in child JVMs
 * while the harness SIGKILLs one of them at seeded moments and restarts it, restarts the broker once
 * and takes the registry away for a while (killing an instance inside that window, so its restart
 * must wait for the registry). Meanwhile a poller asks the living instances for pools. At the end an
 * uninterrupted ledger reads the same input log into outputs of its own, and everything is compared:
 * every input's fate, every output lane, every store's final state, the REST answers and the
 * reconciliation, and each query answer against the reference's history. {@code stakestream soak} runs a long one; SoakIT a short one.
 */
public final class Soak {

    private static final Duration RECOVERY = Duration.ofSeconds(240);

    private final SoakPlan plan;
    private final Consumer<String> progress;
    private final SoakReport report;
    private long t0;

    private Soak(SoakPlan plan, Consumer<String> progress) {
        this.plan = plan;
        this.progress = progress;
        this.report = new SoakReport(plan);
    }

    public static SoakReport run(SoakPlan plan, Consumer<String> progress) throws Exception {
        return new Soak(plan, progress).run();
    }

    private enum Fault { KILL, BROKER_RESTART, REGISTRY_OUTAGE }

    private SoakReport run() throws Exception {
        io.stakestream.schemas.AvroTrust.install();
        java.nio.file.Files.createDirectories(plan.workDir());
        long start = System.nanoTime();
        String appId = "soak-ledger";
        String gatewayId = "soak-gateway";
        LedgerTopics topics = LedgerTopics.defaults();
        try (SoakStack stack = new SoakStack(plan.workDir().resolve("kafka"), plan.partitions()); Admin admin = stack.admin()) {
            StakestreamSerdes serdes = StakestreamSerdes.forUrl(stack.registryUrl());
            // more than the plan's inputs: production goes on until the last fault has recovered, so every fault lands while
            // inputs flow however long the recoveries take
            List<Workload.Input> workload = Workload.soak(serdes.payloads(), plan.seed(), plan.partitions(), "soak", plan.capacity(),
                    plan.stepsPerEpoch());
            Workload cast = Workload.standardCast(serdes.payloads(), plan.seed(), plan.partitions(), "soak");
            Feed feed = new Feed(serdes, topics);
            List<ProducerRecord<byte[], byte[]>> records = workload.stream().map(feed::record).toList();
            String[] signed = workload.stream().map(in -> Accounting.idOf(serdes.payloads(), in)).toArray(String[]::new);
            int setup = Workload.setupCount(workload.stream().map(Workload.Input::label).toList());
            progress.accept(records.size() + " inputs signed (they go out for at least " + plan.production().toSeconds() + " s, " + plan.inputs()
                    + " at that rate, longer while faults remain); starting"
                    + " two ledger instances");

            Feed.Placed[] placed;
            Outputs soaked;
            Map<String, Map<String, String>> soakedStores;
            Map<String, JsonNode> soakedRest;
            QueryPoller poller;
            try (SoakInstances instances = new SoakInstances(stack.bootstrap(), stack.registryUrl(), appId, gatewayId, plan.workDir(), 2,
                    Map.of("TOPIC_PARTITIONS", Integer.toString(plan.partitions()), "NUM_STANDBY_REPLICAS", "1"))) {
                for (int slot = 0; slot < instances.count(); slot++) {
                    instances.start(slot, RECOVERY);
                }
                poller = new QueryPoller(instances, cast.pools, cast.delegators.stream().map(d -> d.key.accountHex()).toList(), plan.seed(),
                        Duration.ofMillis(40)).start();
                t0 = System.nanoTime();
                java.util.concurrent.atomic.AtomicBoolean faultsDone = new java.util.concurrent.atomic.AtomicBoolean();
                CompletableFuture<Feed.Placed[]> produced = CompletableFuture.supplyAsync(() -> {
                    try (KafkaProducer<byte[], byte[]> producer = Kafka.producer(stack.bootstrap())) {
                        // operators wait for custody's credit of their deposits before they create their pools
                        Feed.Placed[] p = feed.send(producer, records, plan.perSecond(), setup,
                                () -> Kafka.awaitLedger(admin, gatewayId, appId, topics, RECOVERY),
                                () -> faultsDone.get() && sinceStart() >= plan.production().toMillis());
                        report.productionMs = sinceStart();
                        return p;
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Random random = new Random(plan.seed());
                for (Map.Entry<Long, Fault> f : schedule(random).entrySet()) {
                    long wait = f.getKey() - sinceStart();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    instances.reviveCrashed(RECOVERY);
                    switch (f.getValue()) {
                        case KILL -> kill(instances, admin, random.nextInt(instances.count()), produced, null);
                        case BROKER_RESTART -> restartBroker(stack, instances, admin, produced);
                        case REGISTRY_OUTAGE -> registryOutage(stack, instances, admin, random.nextInt(instances.count()), produced);
                    }
                }
                faultsDone.set(true);
                placed = produced.get(30 + plan.production().toSeconds() * 3, TimeUnit.SECONDS);
                report.inputs = placed.length;
                if (placed.length == records.size()) {
                    progress.accept("the workload ran out before the last fault had recovered: raise the rate or the minutes");
                }
                instances.reviveCrashed(RECOVERY);
                Kafka.awaitLedger(admin, gatewayId, appId, topics, RECOVERY);
                poller.close();
                report.unexpectedExits = List.copyOf(instances.unexpectedExits);
                progress.accept("every input consumed; reading outputs and stores");
                soaked = Outputs.read(stack.bootstrap(), admin, serdes, topics);
                soakedStores = Changelogs.finalState(stack.bootstrap(), admin, appId);
                soakedRest = Rest.snapshot(instances.live(0).restUrl(), cast.accounts());
                report.reconciliation = Rest.get(instances.live(0).restUrl() + "/reconciliation");
                if (!soakedRest.equals(Rest.snapshot(instances.live(1).restUrl(), cast.accounts()))
                        || !report.reconciliation.equals(Rest.get(instances.live(1).restUrl() + "/reconciliation"))) {
                    throw new IllegalStateException("the two soaked instances answer differently at the end");
                }
            }

            progress.accept("running the uninterrupted reference over the same input log");
            String refId = "soak-reference";
            LedgerTopics refTopics = ItTopics.outputsFor(admin, topics, "soak-reference", plan.partitions());
            AppConfig refConfig = AppConfig.local(stack.bootstrap(), stack.registryUrl(), plan.workDir().resolve("state-reference"),
                    plan.partitions()).withApplicationId(refId).withGatewayApplicationId(gatewayId);
            Outputs reference;
            Map<String, JsonNode> referenceRest;
            long r0 = System.nanoTime();
            try (PoolLedgerApp ref = new PoolLedgerApp(refConfig, serdes, refTopics).start()) {
                if (!ref.awaitRunning(RECOVERY)) {
                    throw new IllegalStateException("the reference ledger did not reach RUNNING");
                }
                Kafka.awaitLedger(admin, gatewayId, refId, refTopics, RECOVERY);
                reference = Outputs.read(stack.bootstrap(), admin, serdes, refTopics);
                referenceRest = Rest.snapshot(ref.restUrl(), cast.accounts());
                report.referenceReconciliation = Rest.get(ref.restUrl() + "/reconciliation");
            }
            report.referenceMs = (System.nanoTime() - r0) / 1_000_000;
            Map<String, Map<String, String>> referenceStores = Changelogs.finalState(stack.bootstrap(), admin, refId);

            String[] ids = java.util.Arrays.copyOf(signed, placed.length);
            report.tally = tally(placed, ids, soaked);
            report.referenceTally = tally(placed, ids, reference);
            report.outputDifference = Outputs.difference(soaked, reference);
            report.outputRecords = soaked.total();
            List<String> differing = new ArrayList<>();
            for (String store : referenceStores.keySet()) {
                if (!Objects.equals(soakedStores.get(store), referenceStores.get(store))) {
                    differing.add(store);
                }
            }
            report.storesDiffering = differing;
            report.storeEntries = soakedStores.values().stream().mapToInt(Map::size).sum();
            report.restEqual = soakedRest.equals(referenceRest);
            report.restAnswers = soakedRest.size();
            report.queries = poller.judge(reference.events, plan.partitions());
        }
        report.runMs = (System.nanoTime() - start) / 1_000_000;
        progress.accept(report.identical() ? "identical to the uninterrupted run" : "DIFFERENT from the uninterrupted run");
        return report;
    }

    /**
     * Seeded moments (ms since the workload started) in the middle 80% of the planned production time, in
     * order. Each fault waits for the previous one's recovery, so on a slow machine they drift later;
     * production goes on until the last has recovered.
     */
    private java.util.TreeMap<Long, Fault> schedule(Random random) {
        long span = plan.production().toMillis();
        java.util.TreeMap<Long, Fault> at = new java.util.TreeMap<>();
        List<Fault> faults = new ArrayList<>();
        for (int i = 1; i < plan.kills(); i++) {
            faults.add(Fault.KILL);
        }
        faults.add(Fault.BROKER_RESTART);
        faults.add(Fault.REGISTRY_OUTAGE);
        for (Fault f : faults) {
            long t;
            do {
                t = span / 10 + (long) (random.nextDouble() * span * 8 / 10);
            } while (at.containsKey(t));
            at.put(t, f);
        }
        return at;
    }

    private void kill(SoakInstances instances, Admin admin, int slot, CompletableFuture<?> produced, Runnable whileDown)
            throws Exception {
        long atMs = sinceStart();
        List<TopicPartition> parts = commandPartitions(admin);
        long killedAt = System.nanoTime();
        long pid = instances.kill(slot);
        Map<TopicPartition, Long> ends = Kafka.ends(admin, List.of(io.stakestream.topics.Topics.COMMANDS));
        long lag = Kafka.sum(ends) - Kafka.sum(Kafka.committed(admin, "soak-ledger", parts));
        boolean flowingAtKill = !produced.isDone();
        if (whileDown != null) {
            whileDown.run();
        }
        int launches = instances.start(slot, RECOVERY);
        long servingMs = (System.nanoTime() - killedAt) / 1_000_000;
        awaitCommitted(admin, ends);
        long caughtUpMs = (System.nanoTime() - killedAt) / 1_000_000;
        boolean flowing = flowingAtKill && !produced.isDone(); // from the kill until it had caught up
        SoakReport.Kill k = new SoakReport.Kill(report.kills.size() + 1, atMs, slot, pid, flowing, lag, launches, servingMs, caughtUpMs,
                whileDown != null);
        report.kills.add(k);
        progress.accept(String.format("kill %d/%d at %.1f s: instance %d (pid %d), lag %d, serving again after %d ms, caught up after %d ms%s",
                k.number(), plan.kills(), atMs / 1000.0, slot, pid, lag, servingMs, caughtUpMs, flowing ? "" : " (NOT while inputs flowed)"));
    }

    private void restartBroker(SoakStack stack, SoakInstances instances, Admin admin, CompletableFuture<?> produced) throws Exception {
        report.brokerRestartAtMs = sinceStart();
        boolean flowingAtRestart = !produced.isDone();
        Map<TopicPartition, Long> ends = Kafka.ends(admin, List.of(io.stakestream.topics.Topics.COMMANDS));
        long t = System.nanoTime();
        report.brokerDownMs = stack.restartBroker(2_000);
        awaitCommitted(admin, ends);
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!instances.allHealthy()) {
            instances.reviveCrashed(RECOVERY);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the instances did not come back after the broker restart");
            }
            Thread.sleep(200);
        }
        report.brokerRecoveryMs = (System.nanoTime() - t) / 1_000_000;
        report.brokerInputsFlowing = flowingAtRestart && !produced.isDone();
        progress.accept(String.format("broker restarted at %.1f s: down %d ms, recovered after %d ms", report.brokerRestartAtMs / 1000.0,
                report.brokerDownMs, report.brokerRecoveryMs));
    }

    /** The registry goes away; an instance is killed at once, and its restart can only come up once the registry is back. */
    private void registryOutage(SoakStack stack, SoakInstances instances, Admin admin, int slot, CompletableFuture<?> produced)
            throws Exception {
        report.registryOutageAtMs = sinceStart();
        boolean flowingAtOutage = !produced.isDone();
        long down = System.nanoTime();
        stack.stopRegistry();
        progress.accept(String.format("registry down at %.1f s", report.registryOutageAtMs / 1000.0));
        Thread outage = new Thread(() -> {
            try {
                Thread.sleep(plan.registryOutage().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stack.startRegistry();
            report.registryOutageMs = (System.nanoTime() - down) / 1_000_000;
        }, "soak-registry-outage");
        kill(instances, admin, slot, produced, outage::start);
        outage.join();
        report.registryInputsFlowing = flowingAtOutage && !produced.isDone();
    }

    private static List<TopicPartition> commandPartitions(Admin admin) {
        return Kafka.ends(admin, List.of(io.stakestream.topics.Topics.COMMANDS)).keySet().stream().toList();
    }

    /** Until the ledger group has committed every offset in {@code ends}; admin calls fail while the broker is down, so retried. */
    private static void awaitCommitted(Admin admin, Map<TopicPartition, Long> ends) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, Long> done = Kafka.committed(admin, "soak-ledger", ends.keySet());
                if (ends.entrySet().stream().allMatch(e -> done.get(e.getKey()) >= e.getValue())) {
                    return;
                }
            } catch (IllegalStateException brokerAway) {
                // the broker is restarting: ask again
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the ledger did not commit up to " + ends + " within " + RECOVERY);
    }

    private static String tally(Feed.Placed[] placed, String[] ids, Outputs out) {
        try {
            Accounting.Tally t = Accounting.check(placed, ids, out);
            return t.inputs() + " inputs: " + t.accepted() + " accepted, " + t.rejected() + " rejected, " + t.deadLettered()
                    + " dead-lettered, " + t.events() + " events";
        } catch (AssertionError e) {
            return "accounting problem: " + e.getMessage();
        }
    }

    private long sinceStart() {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
