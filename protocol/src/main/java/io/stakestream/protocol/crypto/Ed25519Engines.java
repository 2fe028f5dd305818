package io.stakestream.protocol.crypto;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@link Ed25519Engine} checks and makes signatures in this process: libsodium where it loads, else
 * BouncyCastle. {@code STAKESTREAM_ED25519=bouncycastle} (or the system property
 * {@code stakestream.ed25519}) forces the pure-Java engine; the benchmark switches between them.
 */
public final class Ed25519Engines {

    private static final Logger log = LoggerFactory.getLogger(Ed25519Engines.class);
    public static final String PROPERTY = "stakestream.ed25519";
    public static final String ENV = "STAKESTREAM_ED25519";

    private static final Ed25519Engine BOUNCY_CASTLE = new BouncyCastleEd25519(true);
    private static volatile Optional<Ed25519Engine> sodium;
    private static volatile Ed25519Engine current;

    private Ed25519Engines() {
    }

    public static Ed25519Engine bouncyCastle() {
        return BOUNCY_CASTLE;
    }

    /** libsodium, loaded on first use; empty where the native library does not load here. */
    public static synchronized Optional<Ed25519Engine> sodium() {
        if (sodium == null) {
            sodium = SodiumEd25519.load();
        }
        return sodium;
    }

    /** The engine signatures are checked with now. */
    public static Ed25519Engine current() {
        Ed25519Engine e = current;
        if (e == null) {
            synchronized (Ed25519Engines.class) {
                if (current == null) {
                    current = configured();
                    log.info("Ed25519 signatures are checked and made with {}", current.name());
                }
                e = current;
            }
        }
        return e;
    }

    /** Switches the engine for the whole process (benchmarks; every engine gives the same answers). */
    public static synchronized void use(Ed25519Engine engine) {
        current = engine;
        log.debug("Ed25519 signatures are checked and made with {}", engine.name());
    }

    /** The engine the property or the environment asks for; package-private so its test can ask again. */
    static Ed25519Engine configured() {
        String wanted = System.getProperty(PROPERTY, System.getenv(ENV));
        if (wanted != null && wanted.trim().toLowerCase(Locale.ROOT).startsWith("bouncy")) {
            return BOUNCY_CASTLE;
        }
        return sodium().orElse(BOUNCY_CASTLE);
    }
}
