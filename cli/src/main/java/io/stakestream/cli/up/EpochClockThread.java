package io.stakestream.cli.up;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.rewards.RewardBuilderConfig;
import io.stakestream.rewards.RewardBuilderMain;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The reward-builder's epoch clock on a thread of this JVM, as `up` and `demo --keep` run it. */
public final class EpochClockThread implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EpochClockThread.class);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    public EpochClockThread(String bootstrap, String registry, long epochSeconds, AccountKey rewardKey) {
        RewardBuilderConfig config = new RewardBuilderConfig(bootstrap, registry, epochSeconds, rewardKey, 0);
        thread = new Thread(() -> {
            try {
                RewardBuilderMain.run(config, stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
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
