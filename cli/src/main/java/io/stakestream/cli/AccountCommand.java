package io.stakestream.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stakestream.protocol.crypto.AccountKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the account (public key hex) of a key file. */
@Command(name = "account", description = "Print the account (public key, 64 hex characters) of a key file.")
final class AccountCommand extends CliCommand {

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "key file made by stakestream keygen")
    String key;

    @Override
    protected int run() throws Exception {
        AccountKey k = KeyFiles.load(console, key);
        console.out().println(output.json() ? JsonNodeFactory.instance.objectNode().put("account", k.accountHex()).toString() : k.accountHex());
        return ExitCode.OK;
    }
}
