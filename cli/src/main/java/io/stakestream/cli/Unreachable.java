package io.stakestream.cli;

/** A service did not answer; the message names the address tried and what to do. Exit code 4. */
public final class Unreachable extends RuntimeException {
    public Unreachable(String message) {
        super(message);
    }
}
