package io.stakestream.protocol.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Making, storing and checking Ed25519 keys. A key file holds the hex seed on one line. */
public final class Keys {

    private static final Logger log = LoggerFactory.getLogger(Keys.class);

    /** One shared generator: SecureRandom is thread-safe and seeding it is the slow part. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    public static AccountKey generate() {
        return AccountKey.random(RANDOM);
    }

    public static AccountKey fromSeed(byte[] seed) {
        return AccountKey.fromSeed(seed);
    }

    /**
     * A key everyone can recompute from a name, for demos and tests only: the seed is
     * SHA-256("stakestream/demo-key/v1/" + name). Never hold real value with it.
     */
    public static AccountKey demo(String name) {
        SHA256Digest digest = new SHA256Digest();
        byte[] input = ("stakestream/demo-key/v1/" + name).getBytes(StandardCharsets.UTF_8);
        digest.update(input, 0, input.length);
        byte[] seed = new byte[AccountKey.SEED_LENGTH];
        digest.doFinal(seed, 0);
        return AccountKey.fromSeed(seed);
    }

    /**
     * Writes the key's hex seed to a new file readable by its owner only. Refuses to overwrite:
     * losing a key loses the account.
     */
    public static void save(AccountKey key, Path file) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a key file");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".key", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.writeString(tmp, Hex.encode(key.seed()) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        log.info("saved key of account {} to {}", key.accountHex(), file);
    }

    /** Reads a key file written by {@link #save}; surrounding whitespace and a "0x" prefix are fine. */
    public static AccountKey load(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        AccountKey key;
        try {
            key = AccountKey.fromSeedHex(content);
        } catch (IllegalArgumentException e) {
            // The message never quotes the content: it is a secret, even when malformed.
            throw new IOException("not a key file (expected a 64-character hex seed): " + file, e);
        }
        log.debug("loaded key of account {} from {}", key.accountHex(), file);
        return key;
    }

    /**
     * Ed25519 verification that answers false, never throws, on any malformed input: wrong
     * lengths, a public key that is not a curve point, a non-canonical signature.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != AccountKey.PUBLIC_KEY_LENGTH
                || signature.length != AccountKey.SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Ed25519PublicKeyParameters key = new Ed25519PublicKeyParameters(publicKey, 0);
            return key.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        } catch (RuntimeException notAPoint) {
            return false;
        }
    }

    /** True when the bytes are a 32-byte encoding of a point on the curve, i.e. a usable account. */
    public static boolean isValidAccount(byte[] publicKey) {
        if (publicKey == null || publicKey.length != AccountKey.PUBLIC_KEY_LENGTH) {
            return false;
        }
        try {
            new Ed25519PublicKeyParameters(publicKey, 0);
            return true;
        } catch (RuntimeException notAPoint) {
            return false;
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("cannot restrict permissions of {} on this file system", path);
        }
    }
}
