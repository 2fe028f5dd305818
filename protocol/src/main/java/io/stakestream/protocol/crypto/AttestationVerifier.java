package io.stakestream.protocol.crypto;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.SignedAttestation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that an attestation batch was signed by the node it names, over the payload bytes as
 * they arrived. Never throws; whether that node may attest for the pool is the ledger's question.
 */
public final class AttestationVerifier {

    private static final Logger log = LoggerFactory.getLogger(AttestationVerifier.class);

    private AttestationVerifier() {
    }

    public static boolean verify(SignedAttestation attestation, AttestationPayload decoded) {
        return check(attestation, decoded).isValid();
    }

    /** @param decoded the payload read from {@code attestation}'s payload bytes (see SignedPayloads) */
    public static SignatureCheck check(SignedAttestation attestation, AttestationPayload decoded) {
        if (attestation == null || attestation.getPayload() == null || decoded == null) {
            return SignatureCheck.MISSING_FIELD;
        }
        SignatureCheck result = EnvelopeCheck.check(decoded.getNode(), attestation.getSignature(),
                () -> CanonicalBytes.attestation(attestation.getPayload()));
        if (!result.isValid() && log.isDebugEnabled()) {
            log.debug("attestation batch {} of pool {} failed its signature check: {}",
                    decoded.getBatchId(), decoded.getPoolId(), result);
        }
        return result;
    }
}
