package io.stakestream.protocol.crypto;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.protocol.serde.SignedPayloads;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Signs job attestation batches for one node key over the payload bytes it sends:
 * {@code AttestationSigner.of(nodeKey, serdes.payloads()).attestation(...)}.
 */
public final class AttestationSigner {

    private final AccountKey key;
    private final SignedPayloads payloads;

    private AttestationSigner(AccountKey key, SignedPayloads payloads) {
        this.key = Objects.requireNonNull(key, "key");
        this.payloads = Objects.requireNonNull(payloads, "payloads");
    }

    public static AttestationSigner of(AccountKey key, SignedPayloads payloads) {
        return new AttestationSigner(key, payloads);
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
        return sign(payload);
    }

    /**
     * Signs the payload as it is; a null node is filled in with the key (on a copy).
     *
     * @throws IllegalArgumentException when the node is another key
     */
    public SignedAttestation sign(AttestationPayload payload) {
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
        return signBytes(payloads.write(signed), key);
    }

    /** Signs Confluent-framed AttestationPayload bytes as some writer produced them. */
    public static SignedAttestation signBytes(byte[] payload, AccountKey key) {
        ByteBuffer bytes = Bytes.wrapCopy(payload);
        byte[] signature = key.sign(CanonicalBytes.attestation(bytes));
        return SignedAttestation.newBuilder().setPayload(bytes).setSignature(ByteBuffer.wrap(signature)).build();
    }
}
