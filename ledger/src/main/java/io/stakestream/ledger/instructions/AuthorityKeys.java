package io.stakestream.ledger.instructions;

import io.stakestream.ledger.Accounts;
import java.nio.ByteBuffer;
import java.util.List;

/** Authority key lists: 32-byte keys, at most 8 per role, the admin never empty. */
final class AuthorityKeys {
    static final int MAX_KEYS = 8;

    private AuthorityKeys() {}

    static void check(List<ByteBuffer> keys, boolean required) {
        ParamsCheck.arg(!required || !keys.isEmpty(), "the admin authority needs at least one key");
        ParamsCheck.arg(keys.size() <= MAX_KEYS, "at most " + MAX_KEYS + " keys per authority");
        keys.forEach(k -> ParamsCheck.arg(k.remaining() == Accounts.KEY_BYTES, "authority keys are 32-byte Ed25519 public keys"));
    }
}
