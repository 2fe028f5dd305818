package io.stakestream.protocol.crypto;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.SignedAttestation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that an attestation batch was signed by the node it names. Never throws; whether that
 * node may attest for the pool is the ledger's question.
 */
public final class AttestationVerifier {

    private static final Logger log = LoggerFactory.getLogger(AttestationVerifier.class);

    private AttestationVerifier() {
    }

    public static boolean verify(SignedAttestation attestation) {
        return check(attestation).isValid();
    }

    public static SignatureCheck check(SignedAttestation attestation) {
        if (attestation == null || attestation.getPayload() == null) {
            return SignatureCheck.MISSING_FIELD;
        }
        AttestationPayload payload = attestation.getPayload();
        SignatureCheck result = EnvelopeCheck.check(payload.getNode(), attestation.getSignature(),
                () -> CanonicalBytes.attestation(payload));
        if (!result.isValid() && log.isDebugEnabled()) {
            log.debug("attestation batch {} of pool {} failed its signature check: {}",
                    payload.getBatchId(), payload.getPoolId(), result);
        }
        return result;
    }
}
