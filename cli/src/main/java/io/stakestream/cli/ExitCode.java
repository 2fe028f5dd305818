package io.stakestream.cli;

/** The exit codes scripts can rely on. */
public final class ExitCode {

    /** Done; for a command: accepted by the ledger. */
    public static final int OK = 0;
    /** Something unexpected failed; the message says what. */
    public static final int FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The ledger refused the command (the reason is printed). */
    public static final int REFUSED = 3;
    /** The broker, the registry or the query API did not answer. */
    public static final int UNREACHABLE = 4;
    /** The command was written but no outcome arrived in time. */
    public static final int NO_OUTCOME = 5;

    private ExitCode() {
    }
}
