package io.stakestream.cli;

import java.util.List;

/** One {@code stakestream <name>} subcommand. */
public interface Subcommand {

    String name();

    /** One line for the command list. */
    String summary();

    /** The full --help text. */
    String help();

    /** @return the process exit code */
    int run(List<String> argv, Console console) throws Exception;
}
