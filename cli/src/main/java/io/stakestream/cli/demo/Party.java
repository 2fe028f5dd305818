package io.stakestream.cli.demo;

import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.crypto.Keys;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** A demo participant: a public demo key, its own rising nonce per pool, readable command ids. */
public final class Party {

    private final String name;
    private final AccountKey key;
    private final Map<String, Long> nonces = new HashMap<>();
    private int sent;

    public Party(String name) {
        this.name = name;
        this.key = Keys.demo(name);
    }

    public SignedCommand sign(String poolId, SpecificRecord body) {
        long nonce = nonces.merge(poolId, 1L, Long::sum);
        return CommandSigner.of(key).command(name + "-" + (++sent), poolId, nonce, body);
    }

    String name() {
        return name;
    }

    public AccountKey key() {
        return key;
    }

    String hex() {
        return key.accountHex();
    }
}
