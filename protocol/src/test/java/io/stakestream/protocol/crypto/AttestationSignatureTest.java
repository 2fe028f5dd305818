package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.SignedAttestation;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AttestationSignatureTest {

    static final AccountKey NODE = AccountKey.fromSeedHex(AccountKeyTest.RFC_SECRET);

    static SignedAttestation batch() {
        return AttestationSigner.of(NODE).attestation("batch-1", "pool-a", 7, List.of(
                new JobResult(3L, "job-1", "llama-70b", true, 850L, true, true, new BigDecimal("1250000"), null),
                new JobResult(3L, "job-2", "llama-70b", false, 12000L, true, false, BigDecimal.ZERO, null)));
    }

    /** Tampers with a freshly signed batch (not a newBuilder copy: Avro's allow-list refuses it). */
    static SignedAttestation tampered(Consumer<AttestationPayload> change) {
        SignedAttestation copy = batch();
        change.accept(copy.getPayload());
        return copy;
    }

    @Test
    void signedBatchVerifies() {
        assertThat(AttestationVerifier.verify(batch())).isTrue();
        assertThat(batch()).isEqualTo(batch());
    }

    @Test
    void anyChangeToTheBatchFails() {
        SignedAttestation original = batch();
        for (int bit = 0; bit < 512; bit++) {
            SignedAttestation copy = batch();
            copy.setSignature(CommandSignatureTest.flipBit(original.getSignature(), bit));
            assertThat(AttestationVerifier.verify(copy)).as("signature bit %d", bit).isFalse();
        }
        for (int bit = 0; bit < 256; bit++) {
            int b = bit;
            assertThat(AttestationVerifier.verify(tampered(p -> p.setNode(CommandSignatureTest.flipBit(p.getNode(), b)))))
                    .as("node bit %d", bit).isFalse();
        }
        for (int bit = 0; bit < 64; bit++) {
            int b = bit;
            assertThat(AttestationVerifier.verify(tampered(p -> p.setNonce(p.getNonce() ^ (1L << b)))))
                    .as("nonce bit %d", bit).isFalse();
        }
        assertThat(AttestationVerifier.verify(tampered(p -> p.setBatchId("batch-2")))).isFalse();
        assertThat(AttestationVerifier.verify(tampered(p -> p.setPoolId("pool-b")))).isFalse();
        assertThat(AttestationVerifier.verify(tampered(p -> p.getResults().get(0).setSuccess(false)))).isFalse();
        assertThat(AttestationVerifier.verify(tampered(p -> p.getResults().get(1).setCompleted(true)))).isFalse();
        assertThat(AttestationVerifier.verify(tampered(p -> p.getResults().get(0).setLatencyMs(849L)))).isFalse();
        assertThat(AttestationVerifier.verify(tampered(p -> p.getResults().get(0).setUsdcFee(new BigDecimal("1250001")))))
                .isFalse();
        assertThat(AttestationVerifier.verify(tampered(p -> p.setResults(new ArrayList<>(p.getResults().subList(0, 1))))))
                .as("a dropped job").isFalse();
    }

    @Test
    void garbageIsFalseNotAnException() {
        assertThat(AttestationVerifier.check(null)).isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(AttestationVerifier.check(tampered(p -> p.setNode(ByteBuffer.allocate(31)))))
                .isEqualTo(SignatureCheck.BAD_KEY_LENGTH);
        SignedAttestation shortSignature = batch();
        shortSignature.setSignature(ByteBuffer.allocate(63));
        assertThat(AttestationVerifier.check(shortSignature)).isEqualTo(SignatureCheck.BAD_SIGNATURE_LENGTH);
        assertThat(AttestationVerifier.check(tampered(p -> p.setResults(null))))
                .isEqualTo(SignatureCheck.UNENCODABLE_PAYLOAD);
    }

    @Test
    void anAttestationSignatureIsNotACommandSignature() {
        SignedAttestation attestation = batch();
        byte[] canonical = CanonicalBytes.attestation(attestation.getPayload());

        assertThat(canonical).startsWith("stakestream/attestation/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Keys.verify(NODE.account(), canonical, Bytes.of(attestation.getSignature()))).isTrue();
        byte[] asCommand = CommandSignatureTest.concat(CanonicalBytes.COMMAND_DOMAIN.getBytes(),
                java.util.Arrays.copyOfRange(canonical, CanonicalBytes.ATTESTATION_DOMAIN.length(), canonical.length));
        assertThat(Keys.verify(NODE.account(), asCommand, Bytes.of(attestation.getSignature()))).isFalse();
    }

    @Test
    void anotherNodesPayloadIsRefused() {
        AttestationPayload other = batch().getPayload();
        other.setNode(AccountKey.fromSeed(new byte[32]).accountBuffer());
        assertThatThrownBy(() -> AttestationSigner.sign(other, NODE)).isInstanceOf(IllegalArgumentException.class);
    }
}
