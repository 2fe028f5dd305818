package io.stakestream.ledger;

import io.stakestream.avro.RejectReason;

/**
 * Broker times in milliseconds plus durations in seconds, computed exactly: a sum past the end of
 * the clock is a rejection, never a time that wrapped into the past and is due at once.
 */
public final class Times {
    /** No duration parameter may be longer than ten years. */
    public static final long MAX_DURATION_SECONDS = 10L * 366 * 86_400;

    private Times() {}

    /** The broker time seconds after now. */
    public static long after(long now, long seconds) {
        try {
            return Math.addExact(now, Math.multiplyExact(seconds, 1000L));
        } catch (ArithmeticException e) {
            throw new Rejected(RejectReason.OVERFLOW, "time " + now + " ms plus " + seconds + " s runs past the end of the clock");
        }
    }
}
