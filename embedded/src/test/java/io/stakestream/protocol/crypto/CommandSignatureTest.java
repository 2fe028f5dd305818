package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.serde.SignedPayloads;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CommandSignatureTest {

    static final AccountKey ALICE = AccountKey.fromSeedHex(AccountKeyTest.RFC_SECRET);
    static final AccountKey BOB = AccountKey.fromSeed(new byte[32]);
    static final SignedPayloads PAYLOADS = new SignedPayloads(new InProcessSchemaRegistry().client(), true);

    static SignedCommand stake() {
        return CommandSigner.of(ALICE, PAYLOADS).command("cmd-1", "pool-ä", 42,
                new Stake(new BigDecimal("1000000000000000000000")));
    }

    static CommandPayload payloadOf(SignedCommand command) {
        return PAYLOADS.command(command);
    }

    static SignatureCheck check(SignedCommand command) {
        return CommandVerifier.check(command, payloadOf(command));
    }

    static boolean verifies(SignedCommand command) {
        return check(command).isValid();
    }

    /** The original's signature on payload bytes written after a change to the decoded payload. */
    static SignedCommand tampered(SignedCommand original, Consumer<CommandPayload> change) {
        CommandPayload p = payloadOf(original);
        change.accept(p);
        return new SignedCommand(ByteBuffer.wrap(PAYLOADS.write(p)), original.getSignature().duplicate());
    }

    static ByteBuffer flipBit(ByteBuffer buffer, int bit) {
        byte[] bytes = Bytes.of(buffer);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        return ByteBuffer.wrap(bytes);
    }

    static String flipBit(String s, int bit) {
        char[] chars = s.toCharArray();
        chars[bit / 16] ^= (char) (1 << (bit % 16));
        return new String(chars);
    }

    @Test
    void signedCommandVerifies() {
        SignedCommand command = stake();

        assertThat(verifies(command)).isTrue();
        assertThat(check(command)).isEqualTo(SignatureCheck.VALID);
        assertThat(Bytes.of(payloadOf(command).getActor())).isEqualTo(ALICE.account());
        assertThat(command.getSignature().remaining()).isEqualTo(64);
        // Verifying must not consume the buffers the app later reads.
        assertThat(verifies(command)).isTrue();
    }

    @Test
    void theSignatureCoversTheTagAndThePayloadBytesAsTheyTravel() {
        SignedCommand command = stake();
        byte[] message = CommandSignatureTest.concat(CanonicalBytes.COMMAND_DOMAIN.getBytes(StandardCharsets.UTF_8),
                Bytes.of(command.getPayload()));

        assertThat(CanonicalBytes.command(command.getPayload())).isEqualTo(message);
        assertThat(Keys.verify(ALICE.account(), message, Bytes.of(command.getSignature()))).isTrue();
        assertThat(command.getPayload().get(0)).as("Confluent magic byte").isEqualTo((byte) 0);
    }

    @Test
    void signingIsDeterministic() {
        assertThat(stake()).isEqualTo(stake());
    }

    @Test
    void everySingleBitFlipOfTheSignatureFails() {
        SignedCommand original = stake();
        for (int bit = 0; bit < 512; bit++) {
            SignedCommand copy = new SignedCommand(original.getPayload().duplicate(), flipBit(original.getSignature(), bit));
            assertThat(verifies(copy)).as("signature bit %d", bit).isFalse();
        }
    }

    @Test
    void everySingleBitFlipOfThePayloadBytesFailsOrDoesNotDecode() {
        SignedCommand original = stake();
        int bits = original.getPayload().remaining() * 8;
        for (int bit = 0; bit < bits; bit++) {
            SignedCommand copy = new SignedCommand(flipBit(original.getPayload(), bit), original.getSignature().duplicate());
            CommandPayload decoded;
            try {
                decoded = PAYLOADS.command(copy);
            } catch (SerializationException undecodable) {
                continue; // the app rejects it UNDECODABLE
            }
            assertThat(CommandVerifier.verify(copy, decoded)).as("payload bit %d", bit).isFalse();
        }
    }

    @Test
    void everySingleBitFlipOfTheActorFails() {
        SignedCommand original = stake();
        for (int bit = 0; bit < 256; bit++) {
            int b = bit;
            SignedCommand copy = tampered(original, p -> p.setActor(flipBit(p.getActor(), b)));
            assertThat(check(copy)).as("actor bit %d", bit)
                    .isIn(SignatureCheck.BAD_SIGNATURE, SignatureCheck.INVALID_KEY);
        }
    }

    @Test
    void everySingleBitFlipOfThePayloadFieldsFails() {
        SignedCommand original = stake();
        CommandPayload p0 = payloadOf(original);
        for (int bit = 0; bit < p0.getCommandId().length() * 16; bit++) {
            int b = bit;
            assertBad(tampered(original, p -> p.setCommandId(flipBit(p.getCommandId(), b))), "commandId bit " + b);
        }
        for (int bit = 0; bit < p0.getPoolId().length() * 16; bit++) {
            int b = bit;
            assertBad(tampered(original, p -> p.setPoolId(flipBit(p.getPoolId(), b))), "poolId bit " + b);
        }
        for (int bit = 0; bit < 64; bit++) {
            int b = bit;
            assertBad(tampered(original, p -> p.setNonce(p.getNonce() ^ (1L << b))), "nonce bit " + b);
        }
        BigInteger amount = ((Stake) p0.getBody()).getAmount().toBigIntegerExact();
        for (int bit = 0; bit < amount.bitLength() + 8; bit++) {
            BigDecimal changed = new BigDecimal(amount.flipBit(bit));
            assertBad(tampered(original, p -> p.setBody(new Stake(changed))), "amount bit " + bit);
        }
    }

    @Test
    void sameFieldsUnderAnotherCommandTypeFail() {
        SignedCommand original = stake();
        BigDecimal amount = ((Stake) payloadOf(original).getBody()).getAmount();

        assertBad(tampered(original, p -> p.setBody(new Unstake(null, amount))), "stake signature on an unstake");
    }

    @Test
    void bytesInsideTheBodyAreCovered() {
        SignedCommand original = CommandSigner.of(ALICE, PAYLOADS).command("c", "p", 1, new ClaimUnstake(BOB.accountBuffer()));
        assertThat(verifies(original)).isTrue();
        for (int bit = 0; bit < 256; bit++) {
            int b = bit;
            assertBad(tampered(original, p -> {
                ClaimUnstake claim = (ClaimUnstake) p.getBody();
                p.setBody(new ClaimUnstake(flipBit(claim.getOwner(), b)));
            }), "owner bit " + b);
        }
    }

    @Test
    void anotherAccountsSignatureFails() {
        SignedCommand byAlice = stake();
        SignedCommand byBob = CommandSigner.of(BOB, PAYLOADS).command("cmd-1", "pool-ä", 42, (Stake) payloadOf(byAlice).getBody());

        SignedCommand swapped = new SignedCommand(byAlice.getPayload().duplicate(), byBob.getSignature());
        assertThat(check(swapped)).isEqualTo(SignatureCheck.BAD_SIGNATURE);

        SignedCommand claimedByBob = tampered(byAlice, p -> p.setActor(BOB.accountBuffer()));
        assertThat(check(claimedByBob)).isEqualTo(SignatureCheck.BAD_SIGNATURE);
    }

    @Test
    void wrongLengthsAndGarbageAreFalseNotExceptions() {
        SignedCommand original = stake();

        for (int len : new int[] {0, 31, 33, 64}) {
            SignedCommand c = tampered(original, p -> p.setActor(ByteBuffer.wrap(new byte[len])));
            assertThat(check(c)).as("actor of %d bytes", len).isEqualTo(SignatureCheck.BAD_KEY_LENGTH);
        }
        for (int len : new int[] {0, 32, 63, 65, 128}) {
            SignedCommand c = new SignedCommand(original.getPayload().duplicate(), ByteBuffer.wrap(new byte[len]));
            assertThat(check(c)).as("signature of %d bytes", len).isEqualTo(SignatureCheck.BAD_SIGNATURE_LENGTH);
        }
        CommandPayload decoded = payloadOf(original);
        assertThat(CommandVerifier.check(new SignedCommand(original.getPayload(), null), decoded)).isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(CommandVerifier.check(new SignedCommand(null, original.getSignature()), decoded)).isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(CommandVerifier.check(original, null)).isEqualTo(SignatureCheck.MISSING_FIELD);
        decoded.setActor(null);
        assertThat(CommandVerifier.check(original, decoded)).isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(CommandVerifier.verify(null, null)).isFalse();

        SignedCommand notAPoint = tampered(original, p -> p.setActor(ByteBuffer.wrap(AccountKeyTest.notACurvePoint())));
        assertThat(check(notAPoint)).isEqualTo(SignatureCheck.INVALID_KEY);
    }

    @Test
    void aPayloadThatCannotBeWrittenCannotBeSigned() {
        CommandPayload fractional = payloadOf(stake());
        fractional.setBody(new Stake(new BigDecimal("1.5")));
        assertThatThrownBy(() -> CommandSigner.of(ALICE, PAYLOADS).sign(fractional)).isInstanceOf(SerializationException.class);
        CommandPayload noId = payloadOf(stake());
        noId.setCommandId(null);
        assertThatThrownBy(() -> CommandSigner.of(ALICE, PAYLOADS).sign(noId)).isInstanceOf(SerializationException.class);
    }

    @Test
    void decimalNotationDoesNotChangeTheBytes() {
        SignedCommand plain = stake();
        SignedCommand scientific = CommandSigner.of(ALICE, PAYLOADS).command("cmd-1", "pool-ä", 42, new Stake(new BigDecimal("1E+21")));
        assertThat(scientific.getPayload()).isEqualTo(plain.getPayload());
    }

    @Test
    void aCommandSignatureIsNotValidUnderTheAttestationTag() {
        SignedCommand command = stake();
        byte[] underAttestationTag = concat(CanonicalBytes.ATTESTATION_DOMAIN.getBytes(StandardCharsets.UTF_8), Bytes.of(command.getPayload()));

        assertThat(Keys.verify(ALICE.account(), underAttestationTag, Bytes.of(command.getSignature()))).isFalse();
    }

    @Test
    void signFillsAMissingActorAndRefusesSomeoneElses() {
        CommandPayload noActor = payloadOf(stake());
        noActor.setActor(null);

        SignedCommand signed = CommandSigner.of(ALICE, PAYLOADS).sign(noActor);

        assertThat(verifies(signed)).isTrue();
        assertThat(noActor.getActor()).as("caller's payload is untouched").isNull();
        CommandPayload bobs = payloadOf(stake());
        bobs.setActor(BOB.accountBuffer());
        assertThatThrownBy(() -> CommandSigner.of(ALICE, PAYLOADS).sign(bobs)).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertBad(SignedCommand command, String what) {
        assertThat(verifies(command)).as(what).isFalse();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
