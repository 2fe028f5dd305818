package io.stakestream.ledger;

import io.stakestream.avro.RejectReason;

/** A command the ledger refuses: a machine-readable reason and a message that says what to do. */
public final class Rejected extends RuntimeException {
    private final RejectReason reason;

    public Rejected(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    /** Throws when the condition does not hold. */
    public static void unless(boolean ok, RejectReason reason, String message) {
        if (!ok) throw new Rejected(reason, message);
    }
}
