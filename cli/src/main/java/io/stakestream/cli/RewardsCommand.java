package io.stakestream.cli;

import io.stakestream.rewards.emission.EmissionReport;
import java.nio.file.Path;
import java.util.List;

/** {@code stakestream rewards emission --epoch N [--schedule FILE]}: a thin verb over the reward-builder's emission code. */
final class RewardsCommand implements Subcommand {

    private static final List<Args.Option> OPTIONS = List.of(
            new Args.Option("epoch", "N", "the epoch"),
            new Args.Option("schedule", "FILE", "an emission schedule JSON file (default: Inference.net's)"));

    @Override
    public String name() {
        return "rewards";
    }

    @Override
    public String summary() {
        return "recompute an epoch's emission: rewards emission --epoch N";
    }

    @Override
    public String help() {
        return "usage: stakestream rewards emission --epoch N [--schedule FILE]\n\nPrints the tokens (base units) the schedule emits in epoch N.\n\n"
                + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        if (argv.isEmpty() || !argv.get(0).equals("emission")) {
            throw new UsageException("the rewards verb is: rewards emission --epoch N [--schedule FILE]");
        }
        Args args = Args.parse("rewards emission", argv.subList(1, argv.size()), OPTIONS);
        args.noMorePositionals(0);
        long epoch = args.requiredLong("epoch", "the epoch, e.g. --epoch 301");
        if (epoch < 0) throw new UsageException("--epoch must not be negative");
        console.out().println(EmissionReport.of(epoch, args.value("schedule").map(Path::of).orElse(null)));
        return 0;
    }
}
