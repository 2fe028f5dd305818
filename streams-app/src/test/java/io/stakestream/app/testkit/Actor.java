package io.stakestream.app.testkit;

import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Someone who signs commands: keeps its own nonce per pool so tests never think about nonces,
 * and names commands "<actor>-<n>" so a failing test says whose command it was.
 */
public final class Actor {

    private final String name;
    private final AccountKey key;
    private final Map<String, Long> nonces = new HashMap<>();
    private int sent;

    public Actor(String name, AccountKey key) {
        this.name = name;
        this.key = key;
    }

    public static Actor named(String name) {
        return new Actor(name, TestAccounts.named(name));
    }

    public SignedCommand sign(String poolId, SpecificRecord body) {
        long nonce = nonces.merge(poolId, 1L, Long::sum);
        return CommandSigner.of(key).command(name + "-" + (++sent), poolId, nonce, body);
    }

    /** Signs with a nonce already used in this pool: a replay. */
    public SignedCommand signReplay(String poolId, SpecificRecord body) {
        long nonce = nonces.getOrDefault(poolId, 0L);
        return CommandSigner.of(key).command(name + "-" + (++sent), poolId, nonce, body);
    }

    public AccountKey key() {
        return key;
    }

    public String accountHex() {
        return key.accountHex();
    }

    public String name() {
        return name;
    }
}
