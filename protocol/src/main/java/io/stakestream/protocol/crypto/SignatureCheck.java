package io.stakestream.protocol.crypto;

/**
 * Outcome of checking a signed envelope. Only {@link #VALID} is acceptable; the others say why
 * not, so a rejection record can carry a precise reason.
 */
public enum SignatureCheck {
    VALID,
    /** The envelope, its payload or its signature is missing. */
    MISSING_FIELD,
    /** The signer's public key is not 32 bytes. */
    BAD_KEY_LENGTH,
    /** The signature is not 64 bytes. */
    BAD_SIGNATURE_LENGTH,
    /** The 32 bytes are not a point on the curve, so no one can hold the matching secret. */
    INVALID_KEY,
    /** There are no payload bytes to check the signature over. */
    UNENCODABLE_PAYLOAD,
    /** Well-formed, but the signature does not match the key and the payload. */
    BAD_SIGNATURE;

    public boolean isValid() {
        return this == VALID;
    }
}
