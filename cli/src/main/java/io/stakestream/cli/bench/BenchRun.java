package io.stakestream.cli.bench;

import io.stakestream.app.StreamsConfigs;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.protocol.crypto.BouncyCastleEd25519;
import io.stakestream.protocol.crypto.Ed25519Engine;
import io.stakestream.protocol.crypto.Ed25519Engines;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/** One bench run: the chosen figures in order, with the baselines their ratios need. */
final class BenchRun {
    static final int JOBS_PER_BATCH = 50;
    static final int QUERIES = 1_000;
    private final Set<Integer> figures;
    private final BenchSizes sizes;
    private final Repeat repeat;
    private final PrintStream out;
    private final BenchReport report;

    private final Map<String, String> streamsConfig;

    /** @param streamsConfig Kafka Streams settings the passthrough and every ledger run take over their own */
    BenchRun(Set<Integer> figures, BenchSizes sizes, Repeat repeat, Map<String, String> streamsConfig, String command, PrintStream out) {
        this.streamsConfig = Map.copyOf(streamsConfig);
        this.figures = figures;
        this.sizes = sizes;
        this.repeat = repeat;
        this.out = out;
        this.report = new BenchReport(command);
    }

    /** Dirty page cache below which the machine counts as settled before a figure group. */
    private static final long SETTLED_MIB = 64;

    /** A figure group; one that fails is named in the report with its reason, and the run goes on. */
    private interface Group {
        void run() throws Exception;
    }

    private void group(String name, Group g) {
        try {
            long before = Machine.dirtyMiB();
            long left = Machine.settle(SETTLED_MIB, java.time.Duration.ofSeconds(60));
            if (before > SETTLED_MIB) progress("figure " + name + ": waited for " + before + " MiB of page cache to be written back (" + left + " left)");
            g.run();
        } catch (Exception | AssertionError e) {
            progress("figure " + name + " FAILED: " + e);
            report.fail(name, String.valueOf(e.getMessage()));
        }
    }

    BenchReport run() throws Exception {
        if (figures.stream().anyMatch(f -> f <= 4 || f >= 8)) {
            try (EmbeddedStack stack = EmbeddedStack.builder().partitions(sizes.partitions()).start();
                 Pipeline pipeline = new Pipeline(stack, sizes.partitions(), sizes.pools(), sizes.delegators(), streamsConfig, this::progress)) {
                onStack(pipeline);
            }
        }
        if (figures.contains(7)) group("7", () -> {
            try (EpochTurnaround epochs = new EpochTurnaround(sizes.epochPools(), sizes.partitions(), this::progress)) {
                List<String> keys = new java.util.ArrayList<>(List.of("7.epoch-turnaround", "7.epoch-turnaround-published",
                        "7.epoch-turnaround-accruals", "7.epoch-accruals-cpu"));
                List<String> titles = new java.util.ArrayList<>(List.of(sizes.epochPools() + " pools from EpochClose to every pool accrued"
                        + " (reward-builder included)", "of which from the close to the builder's publication (close, tree, proofs, signed accruals)",
                        "of which from the publication to the last accrual applied", "CPU of the whole process per accrual in that last part"));
                addCpuGroups("7.epoch-accruals", keys, titles);
                List<Figure> f = withUnits(repeat.figures(keys, titles, "s", epochs::nextEpoch), i -> i < 3 ? "s" : "us/accrual");
                f.forEach(report::add);
                report.compare(new Comparison("turnaround / the 30 s target", f.get(0).key(), "target", f.get(0).median() / 30.0, 1.0, true));
            }
        });
        if (figures.contains(5)) group("5", this::complexity);
        if (figures.contains(6)) group("6", this::merkle);
        return report;
    }

    private void onStack(Pipeline pipeline) throws Exception {
        int n = sizes.commands();
        Figure[] passLive = new Figure[1];
        if (figures.contains(1) || figures.contains(3)) group("1", () -> {
            Passthrough pass = new Passthrough(pipeline.stack(), sizes.partitions(), streamsConfig);
            report.add(repeat.figure("1.passthrough-preloaded", "EOS v2 passthrough, records pre-loaded", "records/s",
                    () -> pass.preloaded(pipeline.records(n))));
            List<Figure> live = repeat.figures(List.of("1.passthrough-live", "1.passthrough-live-cpu"),
                    List.of("EOS v2 passthrough, records produced while it runs", "CPU of the whole process per record in that run"),
                    "us/record", () -> pass.live(pipeline.records(n)));
            passLive[0] = report.add(new Figure(live.get(0).key(), live.get(0).title(), "records/s", live.get(0).samples(), null));
            report.add(live.get(1));
        });
        if (figures.contains(2)) group("2", () -> signedPipeline(pipeline, n));
        if (figures.contains(4)) group("4", () -> latency(pipeline));
        if (figures.contains(8)) group("8", () -> {
            int batches = Math.max(100, n / 10);
            report.add(repeat.figure("8.attestations", "job results through signed batches of " + JOBS_PER_BATCH + " (" + batches
                    + " batches: gateway, then ledger)", "job results/s", () -> pipeline.attestations(batches, JOBS_PER_BATCH)));
        });
        if (figures.contains(9)) group("9", () -> {
            try (QueryLatency queries = new QueryLatency(pipeline, sizes.partitions())) {
                for (Figure f : repeat.figures(java.util.List.of("9.query-local-p50", "9.query-local-p99", "9.query-forwarded-p50",
                                "9.query-forwarded-p99"),
                        java.util.List.of("GET /pools/{pool} answered locally, p50", "answered locally, p99", "forwarded to the other instance, p50",
                                "forwarded, p99"), "ms", () -> queries.run(QUERIES))) {
                    report.add(f.withNote("two instances, 1,000 stakes/s flowing"));
                }
            }
        });
        if (figures.contains(3)) group("3", () -> {
            LedgerAlone ledger = new LedgerAlone(pipeline.workload);
            Figure alone = report.add(repeat.figure("3.ledger-alone", "ledger alone, in-memory store, one thread", "commands/s",
                    () -> ledger.run(n)));
            if (passLive[0] != null) report.compare(Comparison.of("ledger alone / live passthrough", alone, passLive[0], 0.6, false));
        });
    }

    private void signedPipeline(Pipeline pipeline, int n) throws Exception {
        Workload w = pipeline.workload;
        Ed25519Engine bcUncached = new BouncyCastleEd25519(false);
        Ed25519Engine bc = Ed25519Engines.bouncyCastle();
        Ed25519Engine sodium = Ed25519Engines.sodium().orElse(null);
        Figure verifyBc = report.add(repeat.figure("2.verify-bc-uncached", "one thread's verify, BouncyCastle, key decoded per command",
                "commands/s", () -> SignatureRates.verifyRate(w, bcUncached, n)));
        Figure verifyCached = report.add(repeat.figure("2.verify-bc", "one thread's verify, BouncyCastle, key cached per account",
                "commands/s", () -> SignatureRates.verifyRate(w, bc, n)));
        report.compare(Comparison.of("key cache: cached / uncached verify", verifyCached, verifyBc, Double.NaN, false));
        Figure verifySodium = null;
        if (sodium != null) {
            verifySodium = report.add(repeat.figure("2.verify-libsodium", "one thread's verify, libsodium", "commands/s",
                    () -> SignatureRates.verifyRate(w, sodium, n)));
            report.compare(Comparison.of("native: libsodium / BouncyCastle verify", verifySodium, verifyBc, Double.NaN, false));
        }
        Ed25519Engine chosen = Ed25519Engines.current();
        try {
            Ed25519Engines.use(bcUncached);
            Figure before = report.add(repeat.figure("2.pipeline-live-bc-uncached", "signed pipeline, live, BouncyCastle, no key cache",
                    "commands/s", () -> pipeline.live(n)));
            report.compare(Comparison.of("before: pipeline (BouncyCastle, no key cache) / one thread's verify", before, verifyBc, Double.NaN, false));
            Ed25519Engines.use(bc);
            report.add(repeat.figure("2.pipeline-live-bc", "signed pipeline, live, BouncyCastle, key cache", "commands/s",
                    () -> pipeline.live(n)));
        } finally {
            Ed25519Engines.use(chosen);
        }
        int threads = Math.max(1, Math.min(sizes.partitions(), Runtime.getRuntime().availableProcessors()));
        if (threads > 1) {
            pipeline.tune(Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1));
            report.add(repeat.figure("2.pipeline-live-1-thread", "signed pipeline, live, " + chosen.name() + ", one stream thread",
                    "commands/s", () -> pipeline.live(n)));
            pipeline.tune(Map.of());
        }
        // the live rate at Kafka's commit interval and at a shorter one, beside the default's below
        Map<Integer, Figure> otherIntervals = new java.util.LinkedHashMap<>();
        for (int interval : List.of(100, 20)) {
            if (interval == StreamsConfigs.COMMIT_INTERVAL_MS) continue;
            pipeline.tune(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, interval));
            otherIntervals.put(interval, report.add(repeat.figure("2.pipeline-live-commit-" + interval, "signed pipeline, live, "
                    + chosen.name() + ", commit every " + interval + " ms", "commands/s", () -> pipeline.live(n))));
        }
        pipeline.tune(Map.of());
        List<Figure> liveCpu = cpuBudget(pipeline, n, "2.pipeline-live", "signed pipeline, live, " + chosen.name() + ", " + threads
                + " stream threads, commit every " + StreamsConfigs.COMMIT_INTERVAL_MS + " ms");
        Figure live = liveCpu.get(0);
        report.add(repeat.figure("2.pipeline-preloaded", "signed pipeline, commands pre-loaded, " + chosen.name(), "commands/s",
                () -> pipeline.preloaded(n)));
        report.compare(Comparison.of("signed pipeline / one thread's BouncyCastle verify", live, verifyBc, 1.5, false));
        // what a command took against what the cores give each command at the target rate
        int cores = Runtime.getRuntime().availableProcessors();
        double budgetUs = cores * 1e6 / (1.5 * verifyBc.median());
        Figure cpu = liveCpu.get(1);
        report.compare(new Comparison("CPU per command / the " + cores + " cores' budget per command at the target rate (" + String.format("%.0f", budgetUs)
                + " us)", cpu.key(), cores + " cores / (1.5 x " + verifyBc.key() + ")", cpu.median() / budgetUs, Double.NaN, true));
        if (verifySodium != null) {
            report.compare(new Comparison("the signature's share of a command's CPU: one libsodium verify (1 s / its rate) over the command's CPU",
                    verifySodium.key(), cpu.key(), 1e6 / verifySodium.median() / cpu.median(), Double.NaN, false));
        }
        otherIntervals.forEach((interval, f) -> report.compare(Comparison.of("commit every " + interval + " ms / every "
                + StreamsConfigs.COMMIT_INTERVAL_MS + " ms, live pipeline", f, live, Double.NaN, false)));
    }

    /**
     * The live pipeline's rate, and its CPU per command by thread group beside the budget two cores
     * give each command at 1.5x one thread's BouncyCastle verify (the target rate).
     */
    private List<Figure> cpuBudget(Pipeline pipeline, int n, String key, String title) throws Exception {
        List<String> keys = new java.util.ArrayList<>(List.of(key, key + "-cpu"));
        List<String> titles = new java.util.ArrayList<>(List.of(title, "CPU of the whole process per command in that run"));
        addCpuGroups(key, keys, titles);
        for (String kind : LogGrowth.KINDS) {
            keys.add(key + "-offsets-" + kind.replaceAll("[^a-zA-Z]+", "-"));
            titles.add("log offsets written per command in that run: " + kind);
        }
        int offsets = keys.size() - LogGrowth.KINDS.size();
        List<Figure> out = withUnits(repeat.figures(keys, titles, "us/command", () -> pipeline.liveWithCpu(n)),
                i -> i == 0 ? "commands/s" : i >= offsets ? "offsets/command" : "us/command");
        out.forEach(report::add);
        return out;
    }

    /** One key and title per {@link CpuByThread#GROUPS} group: {@code <prefix>-cpu-<group>}, "of which <group>". */
    private static void addCpuGroups(String prefix, List<String> keys, List<String> titles) {
        for (String group : CpuByThread.GROUPS) {
            keys.add(prefix + "-cpu-" + group.replaceAll("[^a-zA-Z]+", "-").replaceAll("-$", ""));
            titles.add("of which " + group);
        }
    }

    /** The figures of one repeated run, each in its own unit (the run measures them all at once, in one). */
    private static List<Figure> withUnits(List<Figure> figures, java.util.function.IntFunction<String> unit) {
        List<Figure> out = new java.util.ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            Figure o = figures.get(i);
            out.add(new Figure(o.key(), o.title(), unit.apply(i), o.samples(), o.note()));
        }
        return out;
    }

    /** Figure 5: per command time and store traffic at 10 and at many delegators in one pool. */
    private void complexity() throws Exception {
        // a timed batch of tens of microseconds per command is a few hundred milliseconds: one young GC
        // (longer beside a million-position store) moves it by more than the sizes differ, so more and
        // longer repetitions than the other figures, the two sizes in turn
        int k = Math.min(10_000, sizes.manyDelegators());
        Repeat more = new Repeat(repeat.warmups(), 3 * repeat.repetitions(), repeat.progress());
        progress("figure 5: staking 10 and " + sizes.manyDelegators() + " delegators into one pool each (ledger alone) ...");
        ManyDelegators few = new ManyDelegators(10);
        ManyDelegators many = new ManyDelegators(sizes.manyDelegators());
        List<ManyDelegators> both = List.of(few, many);
        for (String op : java.util.List.of("stake", "unstake", "slash", "accrue")) {
            // the two sizes in turn within each repetition, so the machine's drift falls on both alike
            List<Figure> timed = more.figures(both.stream().map(at -> "5." + op + "-" + at.delegators()).toList(),
                    both.stream().map(at -> op + " at " + at.delegators() + " delegators").toList(), "us/command",
                    () -> new double[] {timed(few, op, k), timed(many, op, k)});
            Figure[] pair = new Figure[2];
            String[] counts = new String[2];
            for (int i = 0; i < 2; i++) {
                counts[i] = String.format("%.0f reads, %.0f writes", both.get(i).readsPerCommand(), both.get(i).writesPerCommand());
                pair[i] = report.add(timed.get(i).withNote(counts[i] + " per command"));
            }
            if (!counts[0].equals(counts[1])) {
                progress("figure 5: " + op + " touches the store differently at " + many.delegators() + " delegators: " + counts[0] + " vs " + counts[1]);
            }
            report.compare(Comparison.of("O(1) " + op + ": time at " + many.delegators() + " / at 10", pair[1], pair[0], 1.2, true));
        }
    }

    private static double timed(ManyDelegators at, String op, int k) {
        return switch (op) {
            case "stake" -> at.stake(k);
            case "unstake" -> at.unstake(k);
            case "slash" -> at.slash(k);
            default -> at.accrue(k);
        };
    }

    /**
     * Figure 4: open-loop latency at each offered load, under each commit interval (Kafka's default
     * first). Under the first, each repetition also takes the stakes in the order the bench made
     * them before (pool by pool), right after the interleaved ones: the before/after of that change.
     */
    private void latency(Pipeline pipeline) throws Exception {
        OpenLoopLatency open = new OpenLoopLatency(pipeline);
        List<String> values = List.of("p50", "p99", "max", "gc-max", "gc-total");
        for (int interval : sizes.commitIntervals()) {
            pipeline.tune(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, interval));
            boolean withBefore = interval == sizes.commitIntervals().get(0);
            for (int load : sizes.loads()) {
                String at = load + "/s, commit every " + interval + " ms";
                List<String> keys = new java.util.ArrayList<>();
                List<String> titles = new java.util.ArrayList<>();
                for (String variant : withBefore ? List.of("", "-pool-by-pool") : List.of("")) {
                    String key = "4.latency-" + load + "-commit-" + interval + variant;
                    String how = variant.isEmpty() ? "" : ", stakes pool by pool (before)";
                    values.forEach(v -> keys.add(key + "-" + v));
                    titles.addAll(List.of("latency p50 at " + at + how, "latency p99 at " + at + how, "latency max at " + at + how,
                            "longest GC pause in that run", "GC pauses in total in that run"));
                }
                for (Figure f : repeat.figures(keys, titles, "ms", () -> {
                    double[] interleaved = open.run(load, sizes.loadSeconds(), false);
                    if (!withBefore) return interleaved;
                    double[] poolByPool = open.run(load, sizes.loadSeconds(), true);
                    double[] both = java.util.Arrays.copyOf(interleaved, interleaved.length + poolByPool.length);
                    System.arraycopy(poolByPool, 0, both, interleaved.length, poolByPool.length);
                    return both;
                })) {
                    report.add(f);
                    if (load == 5_000 && f.key().endsWith("-p99")) {
                        report.compare(new Comparison("p99 at 5,000 commands/s / the 150 ms target" + (f.key().contains("pool-by-pool")
                                ? ", stakes pool by pool (before)" : "") + ", commit every " + interval + " ms", f.key(), "150 ms",
                                f.median() / 150.0, 1.0, true));
                    }
                }
            }
        }
        pipeline.tune(Map.of());
    }

    /**
     * Figure 6, taken in turn within each repetition: the tree, the plain build it replaced, and
     * the floors. The target is against the tree's own keccak calls on one thread (three per
     * leaf: the leaf's two and one per internal node), the yardstick the 3.7x fits; the
     * ratio to one call per leaf stays as information (BENCHMARKS.md says why).
     */
    private void merkle() throws Exception {
        for (int n : sizes.leaves()) {
            MerkleBuild m = new MerkleBuild(n);
            List<Figure> f = repeat.interleaved(
                    List.of("6.merkle-" + n, "6.merkle-plain-" + n, "6.keccak-" + n, "6.keccak-n-" + n),
                    List.of("root plus all proofs, " + n + " leaves",
                            "the same, plain build (one thread, copies, boxed sort: before the speed work)",
                            "the same keccak256 calls alone (" + (3L * n - 1) + "), one thread",
                            n + " keccak256 calls of 64 bytes, one per leaf"), "ms",
                    List.of(() -> m.tree() * 1e3, () -> m.plainTree() * 1e3, () -> m.keccakFloor() * 1e3, () -> m.keccakPerLeaf() * 1e3));
            f.forEach(report::add);
            Figure tree = f.get(0);
            report.compare(Comparison.of("merkle / the tree's own keccak calls on one thread, " + n + " leaves", tree, f.get(2), 1.5, true));
            report.compare(Comparison.of("merkle speed work: plain build / merkle, " + n + " leaves", f.get(1), tree, Double.NaN, false));
            report.compare(Comparison.of("merkle / the same number of keccak calls as leaves, " + n + " leaves", tree, f.get(3), Double.NaN, true));
            progress("(sink " + m.sink() + ")");
        }
    }

    private void progress(String line) {
        out.println("  " + line);
        out.flush();
    }
}
