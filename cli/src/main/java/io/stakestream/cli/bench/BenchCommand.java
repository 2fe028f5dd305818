package io.stakestream.cli.bench;

import io.stakestream.cli.CliCommand;
import io.stakestream.cli.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stakestream bench}: the figures of issue 11, measured side by side in one process on the
 * embedded stack (the machine is shared and noisy: only numbers from the same run compare), each
 * the median of several repetitions after warm-ups; written to BENCHMARKS.md and a JSON report.
 */
@Command(name = "bench", description = {
        "Measure the pipeline against its baselines, side by side in one run, and write BENCHMARKS.md and a JSON report.",
        "Figures: 1 exactly-once passthrough (baseline), 2 signed pipeline vs one thread's verify, 3 ledger alone, 4 latency at fixed"
                + " offered loads, 5 O(1) per command at few and many delegators, 6 merkle tree vs its keccak calls, 7 epoch turnaround"
                + " (reward-builder included), 8 attestations, 9 queries while commands flow. Each is the median of --reps runs after"
                + " --warmups, with min and max. A long run (--quick: a few minutes); keep it out of timed tests."})
public final class BenchCommand extends CliCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--figures", split = ",", paramLabel = "N", description = "figures to run, e.g. 1,2,3 (default all)")
    List<Integer> figures;
    @Option(names = "--reps", paramLabel = "N", defaultValue = "3", description = "timed repetitions per figure (default 3)")
    int reps;
    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "untimed runs before them (default 1)")
    int warmups;
    @Option(names = "--quick", description = "smaller sizes (5,000 commands, 100k leaves, 100k delegators, 10k pools): a few minutes")
    boolean quick;
    @Option(names = "--commands", paramLabel = "N", description = "stake commands per pipeline run (default 30000; --quick 5000)")
    Integer commands;
    @Option(names = "--pools", paramLabel = "N", defaultValue = "8", description = "pools the stakes spread over (default 8)")
    int pools;
    @Option(names = "--delegators", paramLabel = "N", defaultValue = "500", description = "delegators per pool (default 500)")
    int delegators;
    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2", description = "partitions of the commands topic (default 2)")
    int partitions;
    @Option(names = "--leaves", split = ",", paramLabel = "N", description = "merkle tree sizes (default 100000,1000000; --quick 100000)")
    List<Integer> leaves;
    @Option(names = "--many-delegators", paramLabel = "N", description = "figure 5's large pool (default 1000000; --quick 100000)")
    Integer manyDelegators;
    @Option(names = "--epoch-pools", paramLabel = "N", description = "figure 7's pools (default 100000; --quick 10000)")
    Integer epochPools;
    @Option(names = "--loads", split = ",", paramLabel = "N", defaultValue = "2000,5000", description = "figure 4's offered loads, commands/s")
    List<Integer> loads;
    @Option(names = "--load-seconds", paramLabel = "S", description = "seconds at each offered load (default 15; --quick 6)")
    Integer loadSeconds;
    @Option(names = "--commit-intervals", split = ",", paramLabel = "MS", defaultValue = "100,50,20",
            description = "figure 4's commit.interval.ms values, Kafka's EOS default first (default 100,50,20; the pipeline's is 50)")
    List<Integer> commitIntervals;
    @Option(names = "--streams-config", paramLabel = "KEY=VALUE", description = "a Kafka Streams setting every Streams application of"
            + " figures 1, 2, 4, 8 and 9 takes over its own, e.g. producer.linger.ms=5 (repeatable)")
    Map<String, String> streamsConfig = new java.util.LinkedHashMap<>();
    @Option(names = "--report", paramLabel = "FILE", defaultValue = "BENCHMARKS.md", description = "the markdown report (default BENCHMARKS.md)")
    String report;
    @Option(names = "--json-report", paramLabel = "FILE", defaultValue = "benchmarks.json", description = "the JSON report (default benchmarks.json)")
    String json;

    @Override
    protected int run() throws Exception {
        Set<Integer> chosen = new TreeSet<>(figures == null ? List.of(1, 2, 3, 4, 5, 6, 7, 8, 9) : figures);
        BenchSizes sizes = new BenchSizes(
                commands != null ? commands : quick ? 5_000 : 30_000, pools, delegators, partitions,
                leaves != null ? leaves : quick ? List.of(100_000) : List.of(100_000, 1_000_000),
                manyDelegators != null ? manyDelegators : quick ? 100_000 : 1_000_000,
                epochPools != null ? epochPools : quick ? 10_000 : 100_000, loads,
                loadSeconds != null ? loadSeconds : quick ? 6 : 15, commitIntervals);
        String command = "./stakestream " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        BenchReport out = new BenchRun(chosen, sizes, new Repeat(warmups, reps, line -> console.out().println("  " + line)),
                streamsConfig, command, console.out()).run();
        Path md = console.path(report);
        Path js = console.path(json);
        out.writeMarkdown(md);
        out.writeJson(js);
        console.out().println(out.markdown());
        console.out().printf("wrote %s and %s%n", md, js);
        return ExitCode.OK;
    }
}
