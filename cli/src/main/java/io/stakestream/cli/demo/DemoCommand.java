package io.stakestream.cli.demo;

import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.Args;
import io.stakestream.cli.Console;
import io.stakestream.cli.Subcommand;
import io.stakestream.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code stakestream demo}: the whole pipeline in one JVM, a small network over a few epochs, and what it computed. */
public final class DemoCommand implements Subcommand {

    private static final List<Args.Option> OPTIONS = List.of(
            new Args.Option("fast", null, "2 partitions, 3 epochs, 2 s cooldown (default: 3 partitions, 4 epochs, 4 s)"),
            new Args.Option("data-dir", "DIR", "keep Kafka's data, the registry and the ledger state here (an empty or new directory)"),
            new Args.Option("slash-policy", "POLICY", "OPERATOR_ONLY (default; delegators keep their value) or PRO_RATA"));

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run broker, registry and ledger in-process and simulate a small network";
    }

    @Override
    public String help() {
        return """
                usage: stakestream demo [--fast] [--data-dir DIR] [--slash-policy OPERATOR_ONLY|PRO_RATA]

                Starts a real Kafka broker (KRaft), a schema registry and the pool ledger in this JVM, then: the admin
                initializes the network, 4 operators open pools, 10 delegators stake, nodes attest jobs, epochs close on
                every partition, rewards accrue, delegators unstake / cancel / claim, a slash waits out its dispute
                window and executes, and bad input is rejected. Prints what the ledger computed, then shuts down.

                """ + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse("demo", argv, OPTIONS);
        args.noMorePositionals(0);
        SlashPolicy policy;
        try {
            policy = SlashPolicy.valueOf(args.value("slash-policy", "OPERATOR_ONLY").toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--slash-policy is OPERATOR_ONLY or PRO_RATA");
        }
        Path dataDir = args.value("data-dir").map(Path::of).orElse(null);
        if (dataDir != null && Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException(dataDir + " is not empty: the demo network starts from epoch 0, so give it a new"
                            + " or empty --data-dir (the data stays there after the run)");
                }
            }
        }
        DemoReport report = new DemoNetwork(DemoNetwork.Options.of(args.flag("fast"), dataDir, policy), line -> console.out().println("* " + line)).run();
        report.print(console.out());
        if (dataDir != null) {
            console.out().println("state kept in " + dataDir.toAbsolutePath());
        }
        return report.accepted() + report.rejected() == report.consumed() ? 0 : 1;
    }
}
