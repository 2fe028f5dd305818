package io.stakestream.protocol.crypto;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.SignedAttestation;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/** Signs job attestation batches for one node key: {@code AttestationSigner.of(nodeKey).attestation(...)}. */
public final class AttestationSigner {

    private final AccountKey key;

    private AttestationSigner(AccountKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    public static AttestationSigner of(AccountKey key) {
        return new AttestationSigner(key);
    }

    /** Builds the payload with this signer's key as the node and signs it. */
    public SignedAttestation attestation(String batchId, String poolId, long nonce, List<JobResult> results) {
        AttestationPayload payload = AttestationPayload.newBuilder()
                .setBatchId(batchId)
                .setPoolId(poolId)
                .setNode(key.accountBuffer())
                .setNonce(nonce)
                .setResults(List.copyOf(results))
                .build();
        return sign(payload, key);
    }

    public SignedAttestation sign(AttestationPayload payload) {
        return sign(payload, key);
    }

    /**
     * Signs the payload as it is; a null node is filled in with the key (on a copy).
     *
     * @throws IllegalArgumentException when the node is another key or the payload cannot be encoded
     */
    public static SignedAttestation sign(AttestationPayload payload, AccountKey key) {
        Objects.requireNonNull(payload, "payload");
        AttestationPayload signed = payload;
        if (payload.getNode() == null) {
            // Not newBuilder(payload): its deep copy goes through Avro's class allow-list.
            signed = new AttestationPayload(payload.getBatchId(), payload.getPoolId(), key.accountBuffer(),
                    payload.getNonce(), payload.getResults());
        } else if (!payload.getNode().equals(ByteBuffer.wrap(key.account()))) {
            throw new IllegalArgumentException("payload node " + Hex.encode(payload.getNode())
                    + " is not the signing key " + key.accountHex());
        }
        byte[] signature = key.sign(CanonicalBytes.attestation(signed));
        return SignedAttestation.newBuilder().setPayload(signed).setSignature(ByteBuffer.wrap(signature)).build();
    }
}
