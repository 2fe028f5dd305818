package io.stakestream.cli;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.rewards.RewardBuilderConfig;
import io.stakestream.rewards.RewardBuilderMain;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs the epoch clock in the foreground, like the reward-builder service does, until Ctrl-C. */
final class EpochClockCommand implements Subcommand {

    private static final List<Args.Option> OPTIONS = List.of(AccountCommand.KEY, Console.BOOTSTRAP, Console.REGISTRY,
            new Args.Option("every", "SECONDS", "epoch length (default 60)"),
            new Args.Option("start", "EPOCH", "first epoch when none has closed yet (default 0)"));

    @Override
    public String name() {
        return "epoch-clock";
    }

    @Override
    public String summary() {
        return "close an epoch on every partition every N seconds (signed with a reward key)";
    }

    @Override
    public String help() {
        return "usage: stakestream epoch-clock --key REWARD_KEY_FILE [--every SECONDS] [--start EPOCH]\n\n"
                + "Resumes after the highest epoch the ledger reported closed. Stop with Ctrl-C.\n\n" + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse("epoch-clock", argv, OPTIONS);
        args.noMorePositionals(0);
        AccountKey key = KeyFiles.load(args);
        long every = args.longValue("every", 60);
        if (every < 1) {
            throw new UsageException("--every must be at least 1 second");
        }
        RewardBuilderConfig config = new RewardBuilderConfig(console.bootstrap(args), console.registry(args), every, key,
                args.longValue("start", 0));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "epoch-clock-stop"));
        console.out().println("epoch clock: every " + every + " s, reward key " + key.accountHex() + " (Ctrl-C stops)");
        RewardBuilderMain.run(config, stop);
        return 0;
    }
}
