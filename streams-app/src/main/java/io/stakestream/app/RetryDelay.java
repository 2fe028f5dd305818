package io.stakestream.app;

import java.util.concurrent.TimeUnit;

/**
 * How long a failed stream thread waits before it is replaced: 0.5 s after a quiet minute, then
 * doubling up to 5 s while failures repeat (a registry or broker outage), so an outage does not
 * turn into a tight loop of rebalances and restores. It stays under the 10 s transaction timeout
 * exactly-once gives the dying thread's open transaction.
 */
final class RetryDelay {

    private static final long FIRST_MS = 500;
    private static final long MAX_MS = 5_000;
    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private long lastFailure = System.nanoTime() - QUIET_NANOS - 1;
    private long delayMs;

    synchronized long next() {
        long now = System.nanoTime();
        delayMs = now - lastFailure > QUIET_NANOS ? FIRST_MS : Math.min(MAX_MS, delayMs * 2);
        lastFailure = now;
        return delayMs;
    }
}
