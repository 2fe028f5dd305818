package io.stakestream.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.Keys;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes a new Ed25519 account key and saves it (owner-readable only) where the caller asked; prints the account. */
@Command(name = "keygen", description = "Make a new account key (hex seed, owner-readable) and print its account.")
final class KeygenCommand extends CliCommand {

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the key, relative to this directory (never overwritten)")
    String out;

    @Override
    protected int run() throws Exception {
        Path file = console.path(out);
        AccountKey key = Keys.generate();
        try {
            Keys.save(key, file);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(file + " already exists and a key is never overwritten: choose another --out");
        }
        if (output.json()) {
            console.out().println(JsonNodeFactory.instance.objectNode().put("account", key.accountHex()).put("file", file.toString()));
        } else {
            console.out().println(key.accountHex());
        }
        return ExitCode.OK;
    }
}
