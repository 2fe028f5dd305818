package io.stakestream.cli;

import java.io.IOException;
import java.util.List;

/** Prints the account (public key hex) of a key file. */
final class AccountCommand implements Subcommand {

    static final Args.Option KEY = new Args.Option("key", "FILE", "key file made by stakestream keygen");
    private static final List<Args.Option> OPTIONS = List.of(KEY);

    @Override
    public String name() {
        return "account";
    }

    @Override
    public String summary() {
        return "print the account of a key: account --key FILE";
    }

    @Override
    public String help() {
        return "usage: stakestream account --key FILE\n\n" + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws IOException {
        Args args = Args.parse("account", argv, OPTIONS);
        args.noMorePositionals(0);
        console.out().println(KeyFiles.load(args).accountHex());
        return 0;
    }
}
