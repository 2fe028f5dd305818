package io.stakestream.cli.bench;

/** How many commands took how long. */
record Measurement(long commands, long nanos) {
    double seconds() {
        return nanos / 1e9;
    }

    double rate() {
        return commands / seconds();
    }

    static Measurement since(long commands, long startNanos) {
        return new Measurement(commands, System.nanoTime() - startNanos);
    }
}
