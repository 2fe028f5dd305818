package io.stakestream.cli;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.Keys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;

/** Makes a new Ed25519 account key and saves it (owner-readable only); prints the account. */
final class KeygenCommand implements Subcommand {

    private static final List<Args.Option> OPTIONS = List.of(new Args.Option("out", "FILE", "where to write the key (never overwritten)"));

    @Override
    public String name() {
        return "keygen";
    }

    @Override
    public String summary() {
        return "make a new account key: keygen --out FILE";
    }

    @Override
    public String help() {
        return "usage: stakestream keygen --out FILE\n\nWrites a new Ed25519 key (hex seed) and prints its account, the 64-hex-character public key.\n\n"
                + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws IOException {
        Args args = Args.parse("keygen", argv, OPTIONS);
        args.noMorePositionals(0);
        Path out = Path.of(args.required("out", "the file to write the new key to, e.g. --out alice.key"));
        AccountKey key = Keys.generate();
        try {
            Keys.save(key, out);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(out + " already exists and a key is never overwritten: choose another --out");
        }
        console.out().println(key.accountHex());
        return 0;
    }
}
