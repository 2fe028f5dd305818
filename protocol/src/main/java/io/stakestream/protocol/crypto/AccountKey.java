package io.stakestream.protocol.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An account's Ed25519 signing key. The account itself is the 32-byte public key: that is what
 * commands carry as their actor and what the ledger keys positions by.
 *
 * <p>It signs through the process's {@link Ed25519Engine} (libsodium where it loads, else
 * BouncyCastle's low-level Ed25519; the JDK provider is several times slower): the reward-builder
 * signs one command per pool every epoch.
 */
public final class AccountKey {

    public static final int SEED_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;
    public static final int PUBLIC_KEY_LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;
    public static final int SIGNATURE_LENGTH = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;
    private final byte[] account;
    /** libsodium's secret key: the seed, then the public key. */
    private final byte[] seedAndPublicKey;

    private AccountKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
        this.account = publicKey.getEncoded();
        this.seedAndPublicKey = new byte[SEED_LENGTH + PUBLIC_KEY_LENGTH];
        privateKey.encode(seedAndPublicKey, 0);
        System.arraycopy(account, 0, seedAndPublicKey, SEED_LENGTH, PUBLIC_KEY_LENGTH);
    }

    /** The same seed always gives the same key (RFC 8032 section 5.1.5); for demos and tests. */
    public static AccountKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is " + SEED_LENGTH + " bytes, got "
                    + (seed == null ? "null" : seed.length));
        }
        return new AccountKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public static AccountKey fromSeedHex(String seedHex) {
        return fromSeed(Hex.decode(seedHex));
    }

    public static AccountKey random(SecureRandom random) {
        return new AccountKey(new Ed25519PrivateKeyParameters(random));
    }

    /** The 32-byte public key, i.e. the account id; a fresh copy. */
    public byte[] account() {
        return account.clone();
    }

    /** The account as a fresh buffer, ready for an Avro bytes field. */
    public ByteBuffer accountBuffer() {
        return ByteBuffer.wrap(account.clone());
    }

    public String accountHex() {
        return Hex.encode(account);
    }

    byte[] seedAndPublicKey() {
        return seedAndPublicKey;
    }

    /** The 32-byte secret seed; only the key file should ever see it. */
    public byte[] seed() {
        return privateKey.getEncoded();
    }

    /**
     * Pure Ed25519 (no context, no pre-hash) signature of the whole message, by this process's engine
     * ({@link Ed25519Engines#current}: libsodium where it loads, about twice BouncyCastle's rate).
     */
    public byte[] sign(byte[] message) {
        return Ed25519Engines.current().sign(this, message);
    }

    byte[] signWithBouncyCastle(byte[] message) {
        byte[] signature = new byte[SIGNATURE_LENGTH];
        privateKey.sign(Ed25519.Algorithm.Ed25519, publicKey, null, message, 0, message.length, signature, 0);
        return signature;
    }

    /** Never prints the seed, so a key can be logged by mistake without leaking. */
    @Override
    public String toString() {
        return "AccountKey[" + accountHex() + "]";
    }
}
