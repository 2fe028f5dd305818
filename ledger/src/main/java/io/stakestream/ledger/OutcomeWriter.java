package io.stakestream.ledger;

/**
 * Writes a command's outcome out. The ledger hands it every outcome, accepted or refused, BEFORE
 * it changes any state, so an outcome that cannot be written leaves nothing half-applied: throwing
 * {@link Rejected} says the outputs can never be written (the command is refused instead, state
 * unchanged), throwing {@link Unavailable} says not now (the command is left unapplied for a retry).
 */
@FunctionalInterface
public interface OutcomeWriter {

    /** Accepts every outcome: for callers that read the outcome themselves (tests, benchmarks). */
    OutcomeWriter ANY = outcome -> { };

    void prepare(Outcome outcome);
}
