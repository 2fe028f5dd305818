package io.stakestream.cli.soak;

import io.stakestream.soak.Soak;
import io.stakestream.soak.SoakPlan;
import io.stakestream.soak.SoakReport;
import io.stakestream.cli.CliCommand;
import io.stakestream.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stakestream soak}: the fault soak of issue 11 on a private embedded broker and registry.
 * The harness is the soak module's, the same one SoakIT runs, so the long run and the short one
 * check the very same equalities.
 */
@Command(name = "soak", description = {
        "Kill the ledger over and over while it works, and check it ends as if nothing happened.",
        "Two streams-app instances run as separate JVMs (one application id, a standby replica of every store) on a private"
                + " in-process broker and registry. While a seeded workload flows (stakes, unstakes, claims, slashes proposed and"
                + " executed, attestations, epoch closes, refused inputs), the harness SIGKILLs an instance at --kills seeded moments"
                + " and restarts it, restarts the broker once on the same ports and log dir, and stops the registry for"
                + " --outage-seconds (killing an instance inside that window). A poller asks the living instances for pools"
                + " throughout. Then an uninterrupted ledger reads the same input log, and every input's fate, output topic, store"
                + " and REST answer must be identical, and every number a query got must be one the pool really had.",
        "Writes its report under `## Soak` in --benchmarks (the rest of the file is kept). Exit 0 identical, 1 not. A long run:"
                + " --minutes of workload or more (inputs flow until the last fault has recovered, so every fault lands under load),"
                + " plus the reference run; not part of the test suite (SoakIT is its short version)."})
public final class SoakCommand extends CliCommand {

    @Option(names = "--kills", paramLabel = "N", defaultValue = "20", description = "SIGKILLs, one of them during the registry outage (default 20)")
    int kills;
    @Option(names = "--minutes", paramLabel = "M", defaultValue = "10", description = "how long the workload is produced at least; it goes on until the last fault has recovered (default 10)")
    double minutes;
    @Option(names = "--rate", paramLabel = "N", defaultValue = "60", description = "input records produced per second (default 60)")
    int rate;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "20261201", description = "seed of the workload and of the fault moments")
    long seed;
    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2", description = "partitions of the commands topic (default 2)")
    int partitions;
    @Option(names = "--steps-per-epoch", paramLabel = "N", defaultValue = "1500", description = "pool commands between epoch closes (default 1500)")
    int stepsPerEpoch;
    @Option(names = "--outage-seconds", paramLabel = "S", defaultValue = "20", description = "how long the registry is away (default 20)")
    int outageSeconds;
    @Option(names = "--work-dir", paramLabel = "DIR", description = "broker log dir, state dirs and instance logs (default: a new temporary directory, kept)")
    String workDir;
    @Option(names = "--benchmarks", paramLabel = "FILE", defaultValue = "BENCHMARKS.md", description = "the file the ## Soak section goes into (default BENCHMARKS.md)")
    String benchmarks;

    @Override
    protected int run() throws Exception {
        var out = console.out();
        Path work = workDir == null ? Files.createTempDirectory("stakestream-soak-") : console.path(workDir);
        int inputs = (int) Math.round(minutes * 60 * rate);
        SoakPlan plan = new SoakPlan(seed, partitions, inputs, stepsPerEpoch, rate, kills, Duration.ofSeconds(outageSeconds), work);
        out.printf("soak: %d inputs at %d/s (%.1f min), %d kills, a broker restart, a %d s registry outage; work dir %s%n", inputs, rate,
                minutes, kills, outageSeconds, work);
        SoakReport report = Soak.run(plan, line -> out.println("  " + line));
        String command = String.format(java.util.Locale.ROOT, "./stakestream soak --kills %d --minutes %s --rate %d --seed %d --partitions %d"
                + " --outage-seconds %d", kills, minutes, rate, seed, partitions, outageSeconds);
        String section = report.markdown(command);
        Path file = console.path(benchmarks);
        BenchmarksSection.write(file, section);
        out.println();
        out.print(section);
        out.println("written under ## Soak in " + file);
        return report.identical() ? ExitCode.OK : ExitCode.FAILED;
    }
}
