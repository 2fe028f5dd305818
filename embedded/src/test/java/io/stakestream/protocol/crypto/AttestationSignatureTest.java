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
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AttestationSignatureTest {

    static final AccountKey NODE = AccountKey.fromSeedHex(AccountKeyTest.RFC_SECRET);

    static SignedAttestation batch() {
        return AttestationSigner.of(NODE, CommandSignatureTest.PAYLOADS).attestation("batch-1", "pool-a", 7, List.of(
                new JobResult(3L, "job-1", "llama-70b", true, 850L, true, true, new BigDecimal("1250000"), null),
                new JobResult(3L, "job-2", "llama-70b", false, 12000L, true, false, BigDecimal.ZERO, null)));
    }

    static AttestationPayload payloadOf(SignedAttestation a) {
        return CommandSignatureTest.PAYLOADS.attestation(a);
    }

    static boolean verifies(SignedAttestation a) {
        return AttestationVerifier.verify(a, payloadOf(a));
    }

    /** The batch's signature on payload bytes written after a change to the decoded payload. */
    static SignedAttestation tampered(Consumer<AttestationPayload> change) {
        SignedAttestation original = batch();
        AttestationPayload p = payloadOf(original);
        change.accept(p);
        return new SignedAttestation(ByteBuffer.wrap(CommandSignatureTest.PAYLOADS.write(p)), original.getSignature());
    }

    @Test
    void signedBatchVerifies() {
        assertThat(verifies(batch())).isTrue();
        assertThat(batch()).isEqualTo(batch());
    }

    @Test
    void anyChangeToTheBatchFails() {
        SignedAttestation original = batch();
        for (int bit = 0; bit < 512; bit++) {
            SignedAttestation copy = new SignedAttestation(original.getPayload().duplicate(),
                    CommandSignatureTest.flipBit(original.getSignature(), bit));
            assertThat(verifies(copy)).as("signature bit %d", bit).isFalse();
        }
        for (int bit = 0; bit < 256; bit++) {
            int b = bit;
            assertThat(verifies(tampered(p -> p.setNode(CommandSignatureTest.flipBit(p.getNode(), b)))))
                    .as("node bit %d", bit).isFalse();
        }
        for (int bit = 0; bit < 64; bit++) {
            int b = bit;
            assertThat(verifies(tampered(p -> p.setNonce(p.getNonce() ^ (1L << b))))).as("nonce bit %d", bit).isFalse();
        }
        assertThat(verifies(tampered(p -> p.setBatchId("batch-2")))).isFalse();
        assertThat(verifies(tampered(p -> p.setPoolId("pool-b")))).isFalse();
        assertThat(verifies(tampered(p -> p.getResults().get(0).setSuccess(false)))).isFalse();
        assertThat(verifies(tampered(p -> p.getResults().get(1).setCompleted(true)))).isFalse();
        assertThat(verifies(tampered(p -> p.getResults().get(0).setLatencyMs(849L)))).isFalse();
        assertThat(verifies(tampered(p -> p.getResults().get(0).setUsdcFee(new BigDecimal("1250001"))))).isFalse();
        assertThat(verifies(tampered(p -> p.setResults(new ArrayList<>(p.getResults().subList(0, 1)))))).as("a dropped job").isFalse();
    }

    @Test
    void garbageIsFalseNotAnException() {
        assertThat(AttestationVerifier.check(null, null)).isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(AttestationVerifier.check(tampered(p -> p.setNode(ByteBuffer.allocate(31))), payloadOf(tampered(p -> p.setNode(ByteBuffer.allocate(31))))))
                .isEqualTo(SignatureCheck.BAD_KEY_LENGTH);
        SignedAttestation shortSignature = new SignedAttestation(batch().getPayload(), ByteBuffer.allocate(63));
        assertThat(AttestationVerifier.check(shortSignature, payloadOf(shortSignature))).isEqualTo(SignatureCheck.BAD_SIGNATURE_LENGTH);
        AttestationPayload noResults = payloadOf(batch());
        noResults.setResults(null);
        assertThatThrownBy(() -> AttestationSigner.of(NODE, CommandSignatureTest.PAYLOADS).sign(noResults))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void anAttestationSignatureIsNotACommandSignature() {
        SignedAttestation attestation = batch();
        byte[] canonical = CanonicalBytes.attestation(attestation.getPayload());

        assertThat(canonical).startsWith("stakestream/attestation/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Keys.verify(NODE.account(), canonical, Bytes.of(attestation.getSignature()))).isTrue();
        byte[] asCommand = CanonicalBytes.command(attestation.getPayload());
        assertThat(Keys.verify(NODE.account(), asCommand, Bytes.of(attestation.getSignature()))).isFalse();
    }

    @Test
    void anotherNodesPayloadIsRefused() {
        AttestationPayload other = payloadOf(batch());
        other.setNode(AccountKey.fromSeed(new byte[32]).accountBuffer());
        assertThatThrownBy(() -> AttestationSigner.of(NODE, CommandSignatureTest.PAYLOADS).sign(other))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
