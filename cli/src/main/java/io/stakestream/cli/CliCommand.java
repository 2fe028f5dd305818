package io.stakestream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** Every stakestream command: --json and --base-units, the console it prints to, an exit code. */
public abstract class CliCommand implements Callable<Integer> {

    @Mixin
    protected OutputOptions output;

    protected Console console;

    /** Set by {@link Main}'s factory when picocli makes the command. */
    void console(Console console) {
        this.console = console;
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** @return the exit code, see {@link ExitCode} */
    protected abstract int run() throws Exception;
}
