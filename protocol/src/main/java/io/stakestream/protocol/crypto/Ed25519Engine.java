package io.stakestream.protocol.crypto;

/**
 * One implementation of Ed25519 (RFC 8032, pure Ed25519): verification, and signing with an
 * {@link AccountKey}. Every engine gives the same answer and the same signature for the same bytes
 * ({@code Ed25519EnginesTest} holds them to it); they differ only in speed.
 * Lengths and the key's validity are checked before an engine is asked (see {@link EnvelopeCheck}).
 */
public interface Ed25519Engine {

    /** A short name for logs and benchmarks. */
    String name();

    /**
     * @param publicKey 32 bytes, a point on the curve ({@link PublicKeyCache#decode} answered it)
     * @param signature 64 bytes
     * @return whether the signature is the key's over exactly these bytes; false, never an exception
     */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);

    /** The key's 64-byte signature of the whole message: deterministic, so the same bytes on every engine. */
    byte[] sign(AccountKey key, byte[] message);
}
