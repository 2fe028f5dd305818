package io.stakestream.app.topology;

import io.stakestream.ledger.Unavailable;

/**
 * The schema registry did not answer: the record is not poison, so it must not be rejected or
 * skipped. Failing the task aborts the transaction; the replaced thread retries the same records.
 */
public final class RegistryUnavailableException extends Unavailable {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
