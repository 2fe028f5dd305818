package io.stakestream.protocol.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libsodium's Ed25519 ({@code crypto_sign_verify_detached}), through lazysodium-java, which bundles
 * the native library for Linux, macOS and Windows. About twice BouncyCastle's rate per core (see
 * BENCHMARKS.md). It and BouncyCastle 1.86 agree on small-order and non-canonical keys, R and S
 * too ({@code Ed25519EnginesTest}).
 */
public final class SodiumEd25519 implements Ed25519Engine {

    private static final Logger log = LoggerFactory.getLogger(SodiumEd25519.class);

    private final SodiumJava sodium;
    private final LazySodiumJava signer;
    private volatile boolean refusedOnce;

    private SodiumEd25519(SodiumJava sodium) {
        this.sodium = sodium;
        this.signer = new LazySodiumJava(sodium);
    }

    /** The native engine, or empty (logged once, with the reason) where libsodium does not load. */
    public static Optional<Ed25519Engine> load() {
        try {
            SodiumJava sodium = new SodiumJava();
            if (sodium.sodium_init() < 0) {
                log.warn("libsodium did not initialise; Ed25519 signatures are checked with BouncyCastle");
                return Optional.empty();
            }
            return Optional.of(new SodiumEd25519(sodium));
        } catch (Throwable e) { // UnsatisfiedLinkError, a missing JNA: fall back, never fail the app
            log.warn("libsodium could not be loaded ({}); Ed25519 signatures are checked with BouncyCastle", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return "libsodium";
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != AccountKey.PUBLIC_KEY_LENGTH || signature.length != AccountKey.SIGNATURE_LENGTH) {
            return false; // the native call reads exactly these lengths
        }
        return sodium.crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
    }

    @Override
    public byte[] sign(AccountKey key, byte[] message) {
        byte[] signature = new byte[AccountKey.SIGNATURE_LENGTH];
        if (!signer.cryptoSignDetached(signature, message, message.length, key.seedAndPublicKey())) {
            // libsodium refuses nothing a valid key signs; never fail a signer over it, but say so: it would be a bug
            if (!refusedOnce) {
                refusedOnce = true;
                log.warn("libsodium refused to sign for account {}; signing with BouncyCastle (the same signature)", key.accountHex());
            }
            return key.signWithBouncyCastle(message);
        }
        return signature;
    }
}
