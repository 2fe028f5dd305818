package io.stakestream.cli;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.rewards.RewardBuilderConfig;
import io.stakestream.rewards.RewardBuilderMain;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the epoch clock in the foreground, like the reward-builder service does, until Ctrl-C. */
@Command(name = "epoch-clock", description = "Close an epoch on every partition every N seconds, signed with a reward key, until Ctrl-C."
        + " Resumes after the highest epoch the ledger reported closed.")
final class EpochClockCommand extends ConnectedCommand {

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "a reward authority's key file")
    String key;
    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "60", description = "epoch length (default 60)")
    long every;
    @Option(names = "--start", paramLabel = "EPOCH", defaultValue = "0", description = "first epoch when none has closed yet (default 0)")
    long start;

    @Override
    protected int run() throws Exception {
        AccountKey reward = KeyFiles.load(console, key);
        if (every < 1) {
            throw new UsageException("--every must be at least 1 second");
        }
        String bootstrap = services.bootstrap(console);
        Services.requireBroker(bootstrap);
        Services.requireRegistry(services.registry(console));
        RewardBuilderConfig config = new RewardBuilderConfig(bootstrap, services.registry(console), every, reward, start);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "epoch-clock-stop"));
        console.out().println("epoch clock: every " + every + " s, reward key " + reward.accountHex() + " (Ctrl-C stops)");
        RewardBuilderMain.run(config, stop);
        return ExitCode.OK;
    }
}
