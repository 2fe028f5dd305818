package io.stakestream.cli;

/** The command line was wrong; the message says what to type instead. Exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
