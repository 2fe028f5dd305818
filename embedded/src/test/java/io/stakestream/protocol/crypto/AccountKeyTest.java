package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountKeyTest {

    // RFC 8032 section 7.1, TEST 1.
    static final String RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
            + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    static final String DEMO_ALICE_SEED = "294ac24b0be07bf904673f8773d3974d2618aaaa96cb2002562925d77ec8a20f";

    @Test
    void fixedSeedGivesTheRfc8032PublicKeyAndSignature() {
        AccountKey key = AccountKey.fromSeedHex(RFC_SECRET);

        assertThat(key.accountHex()).isEqualTo(RFC_PUBLIC);
        assertThat(Hex.encode(key.sign(new byte[0]))).isEqualTo(RFC_SIGNATURE);
        assertThat(Keys.verify(Hex.decode(RFC_PUBLIC), new byte[0], Hex.decode(RFC_SIGNATURE))).isTrue();
        assertThat(Keys.verify(Hex.decode(RFC_PUBLIC), new byte[] {0}, Hex.decode(RFC_SIGNATURE))).isFalse();
    }

    @Test
    void seedRoundTripsAndRandomKeysDiffer() {
        AccountKey a = Keys.generate();
        AccountKey b = Keys.generate();

        assertThat(a.account()).hasSize(32).isNotEqualTo(b.account());
        assertThat(Keys.fromSeed(a.seed()).account()).isEqualTo(a.account());
        assertThat(Keys.isValidAccount(a.account())).isTrue();
    }

    @Test
    void demoKeysAreStableByName() {
        assertThat(Keys.demo("alice").account()).isEqualTo(Keys.demo("alice").account())
                .isNotEqualTo(Keys.demo("bob").account());
        // SHA-256("stakestream/demo-key/v1/alice") as the seed; pinned so demo accounts never move.
        assertThat(Hex.encode(Keys.demo("alice").seed())).isEqualTo(DEMO_ALICE_SEED);
    }

    @Test
    void wrongSeedLengthIsRefused() {
        assertThatThrownBy(() -> AccountKey.fromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountKey.fromSeed(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountKey.fromSeed(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotLeakTheSeed() {
        AccountKey key = AccountKey.fromSeedHex(RFC_SECRET);
        assertThat(key.toString()).contains(RFC_PUBLIC).doesNotContain(RFC_SECRET);
    }

    @Test
    void malformedInputToVerifyIsFalseNotAnException() {
        byte[] pk = Hex.decode(RFC_PUBLIC);
        byte[] sig = Hex.decode(RFC_SIGNATURE);
        byte[] msg = new byte[0];

        assertThat(Keys.verify(new byte[31], msg, sig)).isFalse();
        assertThat(Keys.verify(new byte[33], msg, sig)).isFalse();
        assertThat(Keys.verify(pk, msg, new byte[63])).isFalse();
        assertThat(Keys.verify(pk, msg, new byte[65])).isFalse();
        assertThat(Keys.verify(null, msg, sig)).isFalse();
        assertThat(Keys.verify(pk, null, sig)).isFalse();
        assertThat(Keys.verify(pk, msg, null)).isFalse();
        assertThat(Keys.verify(notACurvePoint(), msg, sig)).isFalse();
        assertThat(Keys.isValidAccount(notACurvePoint())).isFalse();
        // s >= L must be refused (RFC 8032 5.1.7), not reduced.
        byte[] bigS = sig.clone();
        bigS[63] = (byte) 0xff;
        assertThat(Keys.verify(pk, msg, bigS)).isFalse();
    }

    @Test
    void keyFileRoundTripsAndIsPrivate(@TempDir Path dir) throws IOException {
        AccountKey key = Keys.generate();
        Path file = dir.resolve("keys/alice.key");

        Keys.save(key, file);

        assertThat(Keys.load(file).account()).isEqualTo(key.account());
        assertThat(Files.readString(file).strip()).isEqualTo(Hex.encode(key.seed()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> Keys.save(Keys.generate(), file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Keys.load(file).account()).isEqualTo(key.account());
    }

    @Test
    void keyFileWithPrefixAndWhitespaceLoads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rfc.key");
        Files.writeString(file, "  0x" + RFC_SECRET.toUpperCase() + "\r\n", StandardCharsets.US_ASCII);

        assertThat(Keys.load(file).accountHex()).isEqualTo(RFC_PUBLIC);
    }

    @Test
    void garbageKeyFileIsAnIoErrorThatDoesNotQuoteIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "secret-but-not-hex");

        assertThatThrownBy(() -> Keys.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageNotContaining("secret-but-not-hex");
    }

    @Test
    void hexRoundTripsAndRejectsGarbage() {
        byte[] bytes = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
        assertThat(Hex.encode(bytes)).isEqualTo("00017f80ff");
        assertThat(Hex.decode("0x00017F80ff")).isEqualTo(bytes);
        assertThat(Hex.encode0x(new byte[] {10})).isEqualTo("0x0a");
        assertThatThrownBy(() -> Hex.decode("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("zz")).isInstanceOf(IllegalArgumentException.class);
    }

    /** About half of all 32-byte strings do not decode to a curve point; take the first one. */
    static byte[] notACurvePoint() {
        for (int i = 2; i < 256; i++) {
            byte[] candidate = new byte[32];
            candidate[0] = (byte) i;
            if (!Keys.isValidAccount(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no invalid point found");
    }
}
