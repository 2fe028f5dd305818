package io.stakestream.protocol.crypto;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** The checks every signed envelope goes through, whatever it carries; the math is {@link Ed25519Engines#current()}'s. */
final class EnvelopeCheck {

    private EnvelopeCheck() {
    }

    static SignatureCheck check(ByteBuffer signer, ByteBuffer signature, Supplier<byte[]> canonicalBytes) {
        return check(Ed25519Engines.current(), signer, signature, canonicalBytes);
    }

    static SignatureCheck check(Ed25519Engine engine, ByteBuffer signer, ByteBuffer signature, Supplier<byte[]> canonicalBytes) {
        if (signer == null || signature == null) {
            return SignatureCheck.MISSING_FIELD;
        }
        if (signer.remaining() != AccountKey.PUBLIC_KEY_LENGTH) {
            return SignatureCheck.BAD_KEY_LENGTH;
        }
        if (signature.remaining() != AccountKey.SIGNATURE_LENGTH) {
            return SignatureCheck.BAD_SIGNATURE_LENGTH;
        }
        byte[] key = Bytes.of(signer);
        if (PublicKeyCache.decode(key).isEmpty()) {
            return SignatureCheck.INVALID_KEY;
        }
        byte[] message;
        try {
            message = canonicalBytes.get();
        } catch (RuntimeException e) {
            return SignatureCheck.UNENCODABLE_PAYLOAD;
        }
        boolean ok = engine.verify(key, message, Bytes.of(signature));
        return ok ? SignatureCheck.VALID : SignatureCheck.BAD_SIGNATURE;
    }
}
