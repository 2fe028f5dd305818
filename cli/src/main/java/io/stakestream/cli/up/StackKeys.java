package io.stakestream.cli.up;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys a local network runs with, one file per role in one directory; made once, read on every later start. */
public final class StackKeys {

    public static final String ADMIN = "admin";
    public static final String SLASHER = "slasher";
    public static final String HALTER = "halter";
    public static final String REWARDER = "rewarder";
    public static final String TREASURY = "treasury";
    public static final String OPERATOR = "operator";
    /** The reward-builder's own reward key: it signs reward records and accruals (its nonces are epochs, the clock's are times). */
    public static final String BUILDER = "reward-builder";
    /** Plays the chain indexer: it signs deposits, settlements and reward funding. */
    public static final String CUSTODY = "custody";

    private final Path dir;
    private final Map<String, AccountKey> keys = new LinkedHashMap<>();

    private StackKeys(Path dir) {
        this.dir = dir;
    }

    /** Loads {@code dir/NAME.key} for every role, generating the ones that are missing. */
    public static StackKeys loadOrCreate(Path dir) throws IOException {
        StackKeys k = new StackKeys(dir);
        Files.createDirectories(dir);
        for (String role : new String[] {ADMIN, SLASHER, HALTER, REWARDER, TREASURY, OPERATOR, BUILDER, CUSTODY}) {
            Path file = k.file(role);
            if (!Files.exists(file)) {
                Keys.save(Keys.generate(), file);
            }
            k.keys.put(role, Keys.load(file));
        }
        return k;
    }

    /** Writes given keys (the demo's public ones) under their names, keeping files that exist. */
    public static Path write(Path dir, Map<String, AccountKey> named) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, AccountKey> e : named.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".key");
            if (!Files.exists(file)) {
                Keys.save(e.getValue(), file);
            }
        }
        return dir;
    }

    public AccountKey get(String role) {
        return keys.get(role);
    }

    public Path file(String role) {
        return dir.resolve(role + ".key");
    }

    public Path dir() {
        return dir;
    }
}
