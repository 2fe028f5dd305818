package io.stakestream.protocol.crypto;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** The checks every signed envelope goes through, whatever it carries. */
final class EnvelopeCheck {

    private EnvelopeCheck() {
    }

    static SignatureCheck check(ByteBuffer signer, ByteBuffer signature, Supplier<byte[]> canonicalBytes) {
        if (signer == null || signature == null) {
            return SignatureCheck.MISSING_FIELD;
        }
        if (signer.remaining() != AccountKey.PUBLIC_KEY_LENGTH) {
            return SignatureCheck.BAD_KEY_LENGTH;
        }
        if (signature.remaining() != AccountKey.SIGNATURE_LENGTH) {
            return SignatureCheck.BAD_SIGNATURE_LENGTH;
        }
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(Bytes.of(signer), 0);
        } catch (RuntimeException notAPoint) {
            return SignatureCheck.INVALID_KEY;
        }
        byte[] message;
        try {
            message = canonicalBytes.get();
        } catch (RuntimeException e) {
            return SignatureCheck.UNENCODABLE_PAYLOAD;
        }
        boolean ok;
        try {
            ok = key.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, Bytes.of(signature), 0);
        } catch (RuntimeException e) {
            ok = false;
        }
        return ok ? SignatureCheck.VALID : SignatureCheck.BAD_SIGNATURE;
    }
}
