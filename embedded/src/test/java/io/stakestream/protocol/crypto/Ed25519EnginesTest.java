package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * libsodium and BouncyCastle must give the same answer on every input, or a command accepted on one
 * machine would be refused on another and replays would differ. Both go through the same
 * {@link EnvelopeCheck} as the app, so the answers compared are the reasons a rejection would carry.
 */
class Ed25519EnginesTest {

    // RFC 8032 section 7.1, TEST 2 (one-byte message 0x72).
    private static final String RFC_SECRET = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final byte[] RFC_PUBLIC = Hex.decode("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] RFC_MESSAGE = {0x72};
    private static final byte[] RFC_SIGNATURE = Hex.decode("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    /** The group order L: adding it to S gives the same point but a non-canonical signature. */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    /** Encodings of points of small order (the identity, order 2, 4 and 8), and a non-canonical y = p. */
    private static final List<String> SMALL_ORDER_OR_NON_CANONICAL = List.of(
            "0100000000000000000000000000000000000000000000000000000000000000",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

    private final Ed25519Engine sodium = Ed25519Engines.sodium().orElseThrow(
            () -> new AssertionError("libsodium did not load: lazysodium-java bundles it for this platform"));
    private final Ed25519Engine pureJava = new BouncyCastleEd25519(false);
    private final Ed25519Engine cachedJava = Ed25519Engines.bouncyCastle();

    @Test
    void theRfc8032VectorVerifiesOnEveryEngineAndAnyChangeFailsOnEvery() {
        assertThat(answers(RFC_PUBLIC, RFC_MESSAGE, RFC_SIGNATURE)).containsOnly(SignatureCheck.VALID);
        assertThat(answers(RFC_PUBLIC, new byte[] {0x73}, RFC_SIGNATURE)).containsOnly(SignatureCheck.BAD_SIGNATURE);
        for (int bit = 0; bit < 512; bit += 7) {
            byte[] sig = RFC_SIGNATURE.clone();
            sig[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(answers(RFC_PUBLIC, RFC_MESSAGE, sig)).as("bit %d flipped", bit).hasSize(1).doesNotContain(SignatureCheck.VALID);
        }
    }

    @Test
    void everyEngineSignsTheRfc8032VectorToItsSignature() {
        AccountKey key = AccountKey.fromSeedHex(RFC_SECRET);
        assertThat(key.account()).isEqualTo(RFC_PUBLIC);
        for (Ed25519Engine engine : List.of(sodium, pureJava, cachedJava)) {
            assertThat(engine.sign(key, RFC_MESSAGE)).as(engine.name()).isEqualTo(RFC_SIGNATURE);
        }
        assertThat(key.sign(RFC_MESSAGE)).isEqualTo(RFC_SIGNATURE);
    }

    /** Ed25519 is deterministic: a command the reward-builder signs natively is the bytes the pure-Java path would write. */
    @Property(tries = 200)
    void everyEngineMakesTheSameSignatureAndEachVerifiesOnEvery(@ForAll @Size(32) byte[] seed, @ForAll @Size(max = 300) byte[] message) {
        AccountKey key = AccountKey.fromSeed(seed);
        byte[] reference = pureJava.sign(key, message);
        for (Ed25519Engine engine : List.of(sodium, pureJava, cachedJava)) {
            assertThat(engine.sign(key, message)).as(engine.name()).isEqualTo(reference);
        }
        assertThat(answers(key.account(), message, reference)).containsOnly(SignatureCheck.VALID);
    }

    @Test
    void aNonCanonicalSIsRefusedByEveryEngine() {
        byte[] sig = RFC_SIGNATURE.clone();
        byte[] s = Arrays.copyOfRange(sig, 32, 64);
        BigInteger plusL = littleEndian(s).add(L);
        System.arraycopy(toLittleEndian(plusL), 0, sig, 32, 32);

        assertThat(answers(RFC_PUBLIC, RFC_MESSAGE, sig)).containsOnly(SignatureCheck.BAD_SIGNATURE);
    }

    @Test
    void smallOrderAndNonCanonicalPointsAsKeyOrRGetOneAnswerOnEveryEngine() {
        for (String point : SMALL_ORDER_OR_NON_CANONICAL) {
            byte[] p = Hex.decode(point);
            // R = a small-order point and S = 0 "verifies" for a small-order key under a naive check
            byte[] forged = new byte[64];
            System.arraycopy(p, 0, forged, 0, 32);
            assertThat(answers(p, RFC_MESSAGE, forged)).as("key and R %s", point).hasSize(1).doesNotContain(SignatureCheck.VALID);
            assertThat(answers(RFC_PUBLIC, RFC_MESSAGE, forged)).as("R %s", point).containsOnly(SignatureCheck.BAD_SIGNATURE);
            assertThat(answers(p, RFC_MESSAGE, RFC_SIGNATURE)).as("key %s", point).hasSize(1).doesNotContain(SignatureCheck.VALID);
        }
    }

    @Test
    void malformedLengthsAndMissingPartsGetTheSameReasonOnEveryEngine() {
        assertThat(answers(Arrays.copyOf(RFC_PUBLIC, 31), RFC_MESSAGE, RFC_SIGNATURE)).containsOnly(SignatureCheck.BAD_KEY_LENGTH);
        assertThat(answers(Arrays.copyOf(RFC_PUBLIC, 33), RFC_MESSAGE, RFC_SIGNATURE)).containsOnly(SignatureCheck.BAD_KEY_LENGTH);
        assertThat(answers(RFC_PUBLIC, RFC_MESSAGE, Arrays.copyOf(RFC_SIGNATURE, 63))).containsOnly(SignatureCheck.BAD_SIGNATURE_LENGTH);
        assertThat(answers(RFC_PUBLIC, RFC_MESSAGE, new byte[0])).containsOnly(SignatureCheck.BAD_SIGNATURE_LENGTH);
        assertThat(answers(null, RFC_MESSAGE, RFC_SIGNATURE)).containsOnly(SignatureCheck.MISSING_FIELD);
        assertThat(answers(RFC_PUBLIC, null, RFC_SIGNATURE)).containsOnly(SignatureCheck.UNENCODABLE_PAYLOAD);
    }

    @Property(tries = 200)
    void everyEngineAgreesOnSignedTamperedAndForeignSignatures(@ForAll @Size(32) byte[] seed, @ForAll @Size(max = 300) byte[] message,
                                                              @ForAll @IntRange(min = 0, max = 3) int tamper, @ForAll @IntRange(min = 0, max = 511) int bit) {
        AccountKey key = AccountKey.fromSeed(seed);
        byte[] pk = key.account();
        byte[] sig = key.sign(message);
        byte[] msg = message.clone();
        switch (tamper) {
            case 1 -> sig[bit / 8] ^= (byte) (1 << (bit % 8));
            case 2 -> pk[bit % 256 / 8] ^= (byte) (1 << (bit % 8));
            case 3 -> msg = Arrays.copyOf(message, message.length + 1);
            default -> { }
        }
        List<SignatureCheck> answers = answers(pk, msg, sig);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0) == SignatureCheck.VALID).isEqualTo(tamper == 0);
    }

    @Property(tries = 300)
    void everyEngineAgreesOnRandomBytes(@ForAll @Size(32) byte[] pk, @ForAll @Size(64) byte[] sig, @ForAll @Size(max = 64) byte[] message) {
        assertThat(answers(pk, message, sig)).hasSize(1).doesNotContain(SignatureCheck.VALID);
    }

    /** The distinct answers the engines give; one element when they agree. */
    private List<SignatureCheck> answers(byte[] pk, byte[] message, byte[] sig) {
        List<SignatureCheck> answers = new ArrayList<>();
        for (Ed25519Engine engine : List.of(sodium, pureJava, cachedJava)) {
            SignatureCheck answer = EnvelopeCheck.check(engine, pk == null ? null : java.nio.ByteBuffer.wrap(pk),
                    sig == null ? null : java.nio.ByteBuffer.wrap(sig), () -> {
                        if (message == null) throw new IllegalArgumentException("payload is null");
                        return message.clone();
                    });
            if (!answers.contains(answer)) answers.add(answer);
        }
        return answers;
    }

    private static BigInteger littleEndian(byte[] b) {
        byte[] be = new byte[b.length];
        for (int i = 0; i < b.length; i++) be[i] = b[b.length - 1 - i];
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger v) {
        byte[] out = new byte[32];
        byte[] be = v.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) out[i] = be[be.length - 1 - i];
        return out;
    }
}
