package io.stakestream.cli.demo;

import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.CliCommand;
import io.stakestream.cli.ExitCode;
import io.stakestream.cli.UsageException;
import io.stakestream.cli.up.EpochClockThread;
import io.stakestream.cli.up.Ports;
import io.stakestream.cli.up.StackKeys;
import io.stakestream.rewards.RewardBuilderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stakestream demo}: the whole pipeline in one JVM, a small network over a few epochs, and what it computed. */
@Command(name = "demo", description = {
        "Simulate a small network over a few epochs on an in-process stack and report what the ledger computed.",
        "Start a real Kafka broker (KRaft), a schema registry and the pool ledger in this JVM, then: the admin initializes the"
                + " network, 4 operators open pools, 10 delegators stake, nodes attest jobs, epochs close on every partition, rewards"
                + " accrue, delegators unstake / cancel / claim, a slash waits out its dispute window and executes, and bad input is"
                + " rejected. Prints what the ledger computed, then shuts down (or, with --keep, stays up until Ctrl-C)."})
public final class DemoCommand extends CliCommand {

    @Option(names = "--fast", description = "2 partitions, 3 epochs, 2 s cooldown (default: 3 partitions, 4 epochs, 4 s)")
    boolean fast;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "keep Kafka's data, the registry and the ledger state here (an empty or new directory)")
    String dataDir;
    @Option(names = "--slash-policy", paramLabel = "POLICY", defaultValue = "OPERATOR_ONLY",
            description = "OPERATOR_ONLY (default; delegators keep their value) or PRO_RATA")
    SlashPolicy policy;
    @Option(names = "--keep", description = "leave the stack up afterwards, at `stakestream up`'s addresses, with an epoch clock, until Ctrl-C")
    boolean keep;
    @Option(names = "--epoch-seconds", paramLabel = "SECONDS", defaultValue = "60", description = "with --keep: epoch length (default 60)")
    long epochSeconds;

    @Override
    protected int run() throws Exception {
        Path data = dataDir == null ? null : console.path(dataDir);
        if (data != null && Files.isDirectory(data)) {
            try (var entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException(data + " is not empty: the demo network starts from epoch 0, so give it a new"
                            + " or empty --data-dir (the data stays there after the run)");
                }
            }
        }
        if (keep) {
            Ports.DEFAULTS.requireFree();
        }
        DemoNetwork.Options options = DemoNetwork.Options.of(fast, data, policy);
        DemoNetwork demo = new DemoNetwork(keep ? options.keep(Ports.DEFAULTS) : options, line -> console.out().println("* " + line));
        DemoReport report = demo.run();
        report.print(console.out());
        if (data != null) {
            console.out().println("state kept in " + data.toAbsolutePath());
        }
        int code = report.accepted() + report.rejected() == report.consumed() ? ExitCode.OK : ExitCode.FAILED;
        if (keep) {
            keepUp(demo);
        }
        return code;
    }

    /** The demo's stack stays up like `stakestream up`'s: printed addresses, the demo's keys in files, an epoch clock. */
    private void keepUp(DemoNetwork demo) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-keep-stop"));
        try (EpochClockThread clock = new EpochClockThread(demo.bootstrapServers(), demo.schemaRegistryUrl(), epochSeconds,
                demo.keys().get(RewardBuilderConfig.DEMO_REWARD_KEY))) {
            Path keys = StackKeys.write(demo.stateRoot().resolve("keys"), demo.keys());
            demo.banner(keys, epochSeconds).print(console.out(), output.json());
            stop.await();
        } finally {
            demo.close();
        }
    }
}
