package io.stakestream.ledger.instructions;

import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Rejected;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;

/**
 * Key lists: authority roles (32-byte keys, at most 8 per role, the admin never empty) and a
 * pool's operator auth keys (at most 5). No key twice in one list [Inference.net].
 */
final class AuthorityKeys {
    static final int MAX_KEYS = 8;
    static final int MAX_OPERATOR_AUTH_KEYS = 5;

    private AuthorityKeys() {}

    static void check(List<ByteBuffer> keys, boolean required) {
        ParamsCheck.arg(!required || !keys.isEmpty(), "the admin authority needs at least one key");
        ParamsCheck.arg(keys.size() <= MAX_KEYS, "at most " + MAX_KEYS + " keys per authority");
        keys.forEach(k -> ParamsCheck.arg(k.remaining() == Accounts.KEY_BYTES, "authority keys are 32-byte Ed25519 public keys"));
        distinct(keys, "an authority");
    }

    static void operatorKeys(List<ByteBuffer> keys) {
        ParamsCheck.arg(keys.size() <= MAX_OPERATOR_AUTH_KEYS, "at most " + MAX_OPERATOR_AUTH_KEYS + " operator auth keys");
        keys.forEach(k -> Rejected.unless(k.remaining() == Accounts.KEY_BYTES, RejectReason.WRONG_KEY,
                "operator auth keys are 32-byte Ed25519 public keys"));
        distinct(keys, "the operator auth keys");
    }

    private static void distinct(List<ByteBuffer> keys, String list) {
        ParamsCheck.arg(new HashSet<>(keys).size() == keys.size(), "a key appears twice in " + list + ": list each key once");
    }
}
