package io.stakestream.protocol.crypto;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Decoded Ed25519 public keys by account. Decoding a key (decompressing the point, a field square
 * root) costs about a tenth of a verification, and one actor signs many commands: each account is
 * decoded once. A key that is not a curve point is cached as such. Shared by every stream thread;
 * when it holds {@link #MAX_KEYS} accounts it starts again empty, so memory stays bounded and
 * answers never change (the cache only saves work).
 */
final class PublicKeyCache {

    static final int MAX_KEYS = 200_000;
    private static final ConcurrentHashMap<ByteBuffer, Optional<Ed25519PublicKeyParameters>> KEYS = new ConcurrentHashMap<>();

    private PublicKeyCache() {
    }

    /** The decoded key, or empty when the 32 bytes are not a point on the curve. */
    static Optional<Ed25519PublicKeyParameters> decode(byte[] publicKey) {
        ByteBuffer account = ByteBuffer.wrap(publicKey);
        Optional<Ed25519PublicKeyParameters> known = KEYS.get(account);
        if (known != null) {
            return known;
        }
        Optional<Ed25519PublicKeyParameters> decoded = decodeUncached(publicKey);
        if (KEYS.size() >= MAX_KEYS) {
            KEYS.clear();
        }
        KEYS.put(ByteBuffer.wrap(publicKey.clone()), decoded);
        return decoded;
    }

    static Optional<Ed25519PublicKeyParameters> decodeUncached(byte[] publicKey) {
        try {
            return Optional.of(new Ed25519PublicKeyParameters(publicKey, 0));
        } catch (RuntimeException notAPoint) {
            return Optional.empty();
        }
    }

    static int size() {
        return KEYS.size();
    }
}
