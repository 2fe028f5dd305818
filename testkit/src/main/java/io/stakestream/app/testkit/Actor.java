package io.stakestream.app.testkit;

import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.serde.SignedPayloads;
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
    private final SignedPayloads payloads;
    private final Map<String, Long> nonces = new HashMap<>();
    private int sent;

    /** An actor whose payloads carry schema ids of the topology tests' {@link TestRegistry}. */
    public Actor(String name, AccountKey key) {
        this(name, key, TestRegistry.payloads());
    }

    /** @param payloads the payload writer of the registry the ledger under test reads with */
    public Actor(String name, AccountKey key, SignedPayloads payloads) {
        this.name = name;
        this.key = key;
        this.payloads = payloads;
    }

    public static Actor named(String name) {
        return new Actor(name, TestAccounts.named(name));
    }

    public static Actor named(String name, SignedPayloads payloads) {
        return new Actor(name, TestAccounts.named(name), payloads);
    }

    public SignedCommand sign(String poolId, SpecificRecord body) {
        long nonce = nonces.merge(poolId, 1L, Long::sum);
        return signer().command(name + "-" + (++sent), poolId, nonce, body);
    }

    /** Signs with a nonce already used in this pool: a replay. */
    public SignedCommand signReplay(String poolId, SpecificRecord body) {
        long nonce = nonces.getOrDefault(poolId, 0L);
        return signer().command(name + "-" + (++sent), poolId, nonce, body);
    }

    /** This actor's key with the registry it signs for: sign any payload, or bytes built by hand. */
    public CommandSigner signer() {
        return CommandSigner.of(key, payloads);
    }

    public SignedPayloads payloads() {
        return payloads;
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
