package io.stakestream.cli;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads --key FILE with errors that say what to do. */
final class KeyFiles {

    private KeyFiles() {
    }

    static AccountKey load(Args args) throws IOException {
        Path file = Path.of(args.required("key", "the signer's key file (make one with: stakestream keygen --out FILE)"));
        if (!Files.exists(file)) {
            throw new UsageException("no key file at " + file + ": make one with stakestream keygen --out " + file);
        }
        try {
            return Keys.load(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no key file at " + file);
        }
    }
}
