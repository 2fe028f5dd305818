package io.stakestream.cli;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.crypto.Keys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads --key FILE (relative to the caller's directory) with errors that say what to do. */
public final class KeyFiles {

    private KeyFiles() {
    }

    public static AccountKey load(Console console, String typed) throws IOException {
        if (typed == null || typed.isBlank()) {
            throw new UsageException("needs --key FILE, the signer's key file (make one with: stakestream keygen --out FILE;"
                    + " `stakestream up` writes the network's keys to its keys directory)");
        }
        Path file = console.path(typed);
        if (!Files.exists(file)) {
            throw new UsageException("no key file at " + file + ": make one with stakestream keygen --out " + typed);
        }
        return Keys.load(file);
    }

    /** An account typed as 64 hex characters or as the path of a key file whose account it is. */
    public static ByteBuffer account(Console console, String typed) {
        String hex = typed.trim();
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (hex.matches("[0-9a-fA-F]{64}")) {
            return ByteBuffer.wrap(Hex.decode(hex));
        }
        Path file = console.path(typed);
        if (Files.isRegularFile(file)) {
            try {
                return Keys.load(file).accountBuffer();
            } catch (IOException e) {
                throw new UsageException(file + " is not a key file: " + e.getMessage());
            }
        }
        throw new UsageException("an account is 64 hex characters or a key file (stakestream account --key FILE prints it), got '"
                + typed + "'");
    }
}
