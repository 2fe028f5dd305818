package io.stakestream.cli.up;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.rewards.RewardBuilderConfig;
import io.stakestream.rewards.RewardBuilderMain;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The reward-builder on a thread of this JVM: its epoch clock (`demo --keep`), or the clock and the reward job (`up`). */
public final class EpochClockThread implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EpochClockThread.class);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    /** The clock alone: for a stack whose rewards are built elsewhere (the demo's own reward job). */
    public EpochClockThread(String bootstrap, String registry, long epochSeconds, AccountKey rewardKey) {
        this(new RewardBuilderConfig(bootstrap, registry, epochSeconds, rewardKey, 0), false);
    }

    /** The clock and the reward job, writing tree dumps under dataDir/trees and serving them on treePort. */
    public EpochClockThread(String bootstrap, String registry, long epochSeconds, AccountKey rewardKey, AccountKey builderKey,
                            java.nio.file.Path dataDir, int treePort) {
        this(new RewardBuilderConfig(bootstrap, registry, epochSeconds, rewardKey, 0, builderKey, dataDir, treePort), true);
    }

    private EpochClockThread(RewardBuilderConfig config, boolean withRewards) {
        thread = new Thread(() -> {
            try {
                if (withRewards) {
                    RewardBuilderMain.runAll(config, stop);
                } else {
                    RewardBuilderMain.run(config, stop);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | java.io.IOException e) {
                log.error("the epoch clock stopped: {}", e.getMessage(), e);
            }
        }, "epoch-clock");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
