package io.stakestream.protocol.crypto;

import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Pure-Java Ed25519 (BouncyCastle): runs everywhere, the fallback when libsodium cannot load. */
public final class BouncyCastleEd25519 implements Ed25519Engine {

    private final boolean cacheKeys;

    /** @param cacheKeys decode each account's key once ({@link PublicKeyCache}) instead of at every verification */
    public BouncyCastleEd25519(boolean cacheKeys) {
        this.cacheKeys = cacheKeys;
    }

    @Override
    public String name() {
        return cacheKeys ? "bouncycastle" : "bouncycastle-uncached-keys";
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        Optional<Ed25519PublicKeyParameters> key = cacheKeys ? PublicKeyCache.decode(publicKey) : PublicKeyCache.decodeUncached(publicKey);
        if (key.isEmpty()) {
            return false;
        }
        try {
            return key.get().verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public byte[] sign(AccountKey key, byte[] message) {
        return key.signWithBouncyCastle(message);
    }
}
