package io.stakestream.ledger;

/**
 * State or an output the ledger needs could not be reached (a store failed, the schema registry is
 * down, the broker refused a write that can heal). It says nothing about the command: the command is
 * neither applied nor refused, and the caller retries it once the cause is gone.
 */
public class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
