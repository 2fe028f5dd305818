package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Which engine a process checks signatures with, the names logs and benchmarks show, and the key
 * cache: each account decoded once, a key that is not a point remembered as such.
 */
class EngineChoiceTest {

    @Test
    void theSettingChoosesBouncyCastleWhateverItsCaseAndSpacesElseLibsodium() {
        String before = System.getProperty(Ed25519Engines.PROPERTY);
        try {
            System.setProperty(Ed25519Engines.PROPERTY, " BouncyCastle ");
            assertThat(Ed25519Engines.configured()).isSameAs(Ed25519Engines.bouncyCastle());
            System.setProperty(Ed25519Engines.PROPERTY, "libsodium");
            assertThat(Ed25519Engines.configured()).isSameAs(Ed25519Engines.sodium().orElseThrow());
        } finally {
            if (before == null) System.clearProperty(Ed25519Engines.PROPERTY);
            else System.setProperty(Ed25519Engines.PROPERTY, before);
        }
    }

    @Test
    void theEngineInUseIsTheOneLastChosenAndLibsodiumLoadsOncePerProcess() {
        Ed25519Engine before = Ed25519Engines.current();
        try {
            Ed25519Engines.use(Ed25519Engines.bouncyCastle());
            assertThat(Ed25519Engines.current()).isSameAs(Ed25519Engines.bouncyCastle());
            Ed25519Engine sodium = Ed25519Engines.sodium().orElseThrow();
            Ed25519Engines.use(sodium);
            assertThat(Ed25519Engines.current()).isSameAs(sodium);
            assertThat(Ed25519Engines.sodium()).containsSame(sodium);
        } finally {
            Ed25519Engines.use(before);
        }
        assertThat(SodiumEd25519.load()).as("a second load in the same process still initialises").isPresent();
    }

    @Test
    void everyEngineHasTheNameTheBenchmarkReports() {
        assertThat(Ed25519Engines.sodium().orElseThrow().name()).isEqualTo("libsodium");
        assertThat(Ed25519Engines.bouncyCastle().name()).isEqualTo("bouncycastle");
        assertThat(new BouncyCastleEd25519(false).name()).isEqualTo("bouncycastle-uncached-keys");
    }

    @Test
    void theNativeEngineRefusesWrongLengthsItselfWithoutReadingPastThem() {
        AccountKey key = AccountKey.fromSeed(new byte[32]);
        byte[] message = {1, 2, 3};
        byte[] signature = key.sign(message);
        Ed25519Engine sodium = Ed25519Engines.sodium().orElseThrow();
        assertThat(sodium.verify(key.account(), message, signature)).isTrue();
        assertThat(sodium.verify(Arrays.copyOf(key.account(), 31), message, signature)).isFalse();
        assertThat(sodium.verify(key.account(), message, Arrays.copyOf(signature, 63))).isFalse();
    }

    @Test
    void bouncyCastleAnswersFalseForAKeyOffTheCurveOrAShortSignatureAskedDirectly() {
        AccountKey key = AccountKey.fromSeed(new byte[32]);
        byte[] message = {4, 5, 6};
        byte[] signature = key.sign(message);
        for (Ed25519Engine engine : List.of(Ed25519Engines.bouncyCastle(), new BouncyCastleEd25519(false))) {
            assertThat(engine.verify(key.account(), message, signature)).as(engine.name()).isTrue();
            assertThat(engine.verify(offCurveKey(), message, signature)).as(engine.name()).isFalse();
            assertThat(engine.verify(key.account(), message, Arrays.copyOf(signature, 10))).as(engine.name()).isFalse();
        }
    }

    @Test
    void onlyTheCachingEngineFillsTheCache() {
        AccountKey key = freshKey();
        byte[] message = {7};
        byte[] signature = key.sign(message);
        int before = PublicKeyCache.size();
        assertThat(new BouncyCastleEd25519(false).verify(key.account(), message, signature)).isTrue();
        assertThat(PublicKeyCache.size()).isEqualTo(before);
        assertThat(Ed25519Engines.bouncyCastle().verify(key.account(), message, signature)).isTrue();
        assertThat(PublicKeyCache.size()).isEqualTo(before + 1);
    }

    @Test
    void eachAccountIsDecodedOnceAndAKeyOffTheCurveIsRememberedAsSuch() {
        byte[] first = freshAccount();
        byte[] second = freshAccount();
        int before = PublicKeyCache.size();

        Optional<Ed25519PublicKeyParameters> decoded = PublicKeyCache.decode(first);
        assertThat(decoded).isPresent();
        assertThat(decoded.get().getEncoded()).isEqualTo(first);
        assertThat(PublicKeyCache.decode(first.clone())).as("the same account again is the cached key").containsSame(decoded.get());
        assertThat(PublicKeyCache.decode(second)).isPresent();
        assertThat(PublicKeyCache.size()).isEqualTo(before + 2);

        byte[] offCurve = offCurveKey();
        assertThat(PublicKeyCache.decode(offCurve)).isEmpty();
        assertThat(PublicKeyCache.decode(offCurve)).isEmpty();
        assertThat(PublicKeyCache.size()).isEqualTo(before + 3);
    }

    @Test
    void changingTheCallersArrayAfterwardsDoesNotChangeWhatIsCached() {
        byte[] account = freshAccount();
        byte[] original = account.clone();
        Ed25519PublicKeyParameters decoded = PublicKeyCache.decode(account).orElseThrow();
        account[0] ^= 1;
        assertThat(PublicKeyCache.decode(original)).containsSame(decoded);
    }

    /** An account of a random seed, so the cache has not seen it, however often this runs in one process (PIT reruns it). */
    private static byte[] freshAccount() {
        return freshKey().account();
    }

    private static AccountKey freshKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return AccountKey.fromSeed(seed);
    }

    /** 32 random bytes that are not a point (about half of all y have no x on the curve): new to the cache, however often this runs. */
    private static byte[] offCurveKey() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            if (PublicKeyCache.decodeUncached(k).isEmpty()) return k;
        }
    }
}
