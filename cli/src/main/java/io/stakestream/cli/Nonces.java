package io.stakestream.cli;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Default nonces: wall-clock milliseconds, forced to rise within this process, so two commands of
 * one signer on one pool in the same millisecond (delegate's record and stake) still increase.
 */
public final class Nonces {

    private static final AtomicLong LAST = new AtomicLong();

    private Nonces() {
    }

    public static long next() {
        return LAST.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1));
    }
}
