package io.stakestream.cli.demo;

import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.crypto.Keys;
import io.stakestream.protocol.serde.SignedPayloads;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/** A demo participant: a public demo key, its own rising nonce per pool, readable command ids. */
public final class Party {

    private final String name;
    private final AccountKey key;
    private final Supplier<SignedPayloads> payloads;
    private final Map<String, Long> nonces = new HashMap<>();
    private int sent;

    /** @param payloads the payload writer of the registry the ledger reads (asked at each signature: the stack may start later) */
    public Party(String name, Supplier<SignedPayloads> payloads) {
        this.name = name;
        this.key = Keys.demo(name);
        this.payloads = payloads;
    }

    public SignedCommand sign(String poolId, SpecificRecord body) {
        long nonce = nonces.merge(poolId, 1L, Long::sum);
        return CommandSigner.of(key, payloads.get()).command(name + "-" + (++sent), poolId, nonce, body);
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
