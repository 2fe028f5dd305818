package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CommandSignatureTest {

    static final AccountKey ALICE = AccountKey.fromSeedHex(AccountKeyTest.RFC_SECRET);
    static final AccountKey BOB = AccountKey.fromSeed(new byte[32]);

    static SignedCommand stake() {
        return CommandSigner.of(ALICE).command("cmd-1", "pool-ä", 42,
                new Stake(new BigDecimal("1000000000000000000000")));
    }

    /**
     * A copy to tamper with, so every case starts from the signed original. Built by hand: Avro's
     * newBuilder(other) deep copy refuses classes outside its allow-list.
     */
    static SignedCommand copy(SignedCommand command) {
        CommandPayload p = command.getPayload();
        return new SignedCommand(
                new CommandPayload(p.getCommandId(), p.getPoolId(), p.getActor().duplicate(), p.getNonce(), p.getBody()),
                command.getSignature().duplicate());
    }

    static SignedCommand tampered(SignedCommand original, Consumer<CommandPayload> change) {
        SignedCommand copy = copy(original);
        change.accept(copy.getPayload());
        return copy;
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

        assertThat(CommandVerifier.verify(command)).isTrue();
        assertThat(CommandVerifier.check(command)).isEqualTo(SignatureCheck.VALID);
        assertThat(Bytes.of(command.getPayload().getActor())).isEqualTo(ALICE.account());
        assertThat(command.getSignature().remaining()).isEqualTo(64);
        // Verifying must not consume the buffers the app later reads.
        assertThat(CommandVerifier.verify(command)).isTrue();
    }

    @Test
    void signingIsDeterministic() {
        assertThat(stake()).isEqualTo(stake());
    }

    @Test
    void everySingleBitFlipOfTheSignatureFails() {
        SignedCommand original = stake();
        for (int bit = 0; bit < 512; bit++) {
            SignedCommand copy = copy(original);
            copy.setSignature(flipBit(original.getSignature(), bit));
            assertThat(CommandVerifier.verify(copy)).as("signature bit %d", bit).isFalse();
        }
    }

    @Test
    void everySingleBitFlipOfTheActorFails() {
        SignedCommand original = stake();
        for (int bit = 0; bit < 256; bit++) {
            int b = bit;
            SignedCommand copy = tampered(original, p -> p.setActor(flipBit(p.getActor(), b)));
            assertThat(CommandVerifier.check(copy)).as("actor bit %d", bit)
                    .isIn(SignatureCheck.BAD_SIGNATURE, SignatureCheck.INVALID_KEY);
        }
    }

    @Test
    void everySingleBitFlipOfThePayloadFieldsFails() {
        SignedCommand original = stake();
        CommandPayload p0 = original.getPayload();
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
        BigDecimal amount = ((Stake) original.getPayload().getBody()).getAmount();

        assertBad(tampered(original, p -> p.setBody(new Unstake(null, amount))), "stake signature on an unstake");
    }

    @Test
    void bytesInsideTheBodyAreCovered() {
        SignedCommand original = CommandSigner.of(ALICE).command("c", "p", 1, new ClaimUnstake(BOB.accountBuffer()));
        assertThat(CommandVerifier.verify(original)).isTrue();
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
        SignedCommand byBob = CommandSigner.of(BOB).command("cmd-1", "pool-ä", 42, (Stake) byAlice.getPayload().getBody());

        SignedCommand swapped = copy(byAlice);
        swapped.setSignature(byBob.getSignature());
        assertThat(CommandVerifier.check(swapped)).isEqualTo(SignatureCheck.BAD_SIGNATURE);

        SignedCommand claimedByBob = tampered(byAlice, p -> p.setActor(BOB.accountBuffer()));
        assertThat(CommandVerifier.check(claimedByBob)).isEqualTo(SignatureCheck.BAD_SIGNATURE);
    }

    @Test
    void wrongLengthsAndGarbageAreFalseNotExceptions() {
        SignedCommand original = stake();

        for (int len : new int[] {0, 31, 33, 64}) {
            SignedCommand c = tampered(original, p -> p.setActor(ByteBuffer.wrap(new byte[len])));
            assertThat(CommandVerifier.check(c)).as("actor of %d bytes", len).isEqualTo(SignatureCheck.BAD_KEY_LENGTH);
        }
        for (int len : new int[] {0, 32, 63, 65, 128}) {
            SignedCommand c = copy(original);
            c.setSignature(ByteBuffer.wrap(new byte[len]));
            assertThat(CommandVerifier.check(c)).as("signature of %d bytes", len)
                    .isEqualTo(SignatureCheck.BAD_SIGNATURE_LENGTH);
        }
        SignedCommand noSignature = copy(original);
        noSignature.setSignature(null);
        assertThat(CommandVerifier.check(noSignature)).isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(CommandVerifier.check(tampered(original, p -> p.setActor(null)))).isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(CommandVerifier.check(new SignedCommand(null, original.getSignature())))
                .isEqualTo(SignatureCheck.MISSING_FIELD);
        assertThat(CommandVerifier.verify(null)).isFalse();

        SignedCommand notAPoint = tampered(original, p -> p.setActor(ByteBuffer.wrap(AccountKeyTest.notACurvePoint())));
        assertThat(CommandVerifier.check(notAPoint)).isEqualTo(SignatureCheck.INVALID_KEY);

        assertThat(CommandVerifier.check(tampered(original, p -> p.setCommandId(null))))
                .isEqualTo(SignatureCheck.UNENCODABLE_PAYLOAD);
        assertThat(CommandVerifier.check(tampered(original, p -> p.setBody("not a command"))))
                .isEqualTo(SignatureCheck.UNENCODABLE_PAYLOAD);
        assertThat(CommandVerifier.check(tampered(original, p -> p.setBody(new Stake(new BigDecimal("1.5"))))))
                .isEqualTo(SignatureCheck.UNENCODABLE_PAYLOAD);
    }

    @Test
    void canonicalBytesStartWithTheDomainTagAndIgnoreDecimalNotation() {
        CommandPayload plain = stake().getPayload();
        CommandPayload scientific = copy(stake()).getPayload();
        scientific.setBody(new Stake(new BigDecimal("1E+21")));

        byte[] bytes = CanonicalBytes.command(plain);
        byte[] tag = "stakestream/command/v1".getBytes(StandardCharsets.UTF_8);
        assertThat(java.util.Arrays.copyOf(bytes, tag.length)).isEqualTo(tag);
        assertThat(CanonicalBytes.command(scientific)).isEqualTo(bytes);
    }

    @Test
    void aCommandSignatureIsNotValidUnderTheAttestationTag() {
        SignedCommand command = stake();
        byte[] canonical = CanonicalBytes.command(command.getPayload());
        byte[] avro = java.util.Arrays.copyOfRange(canonical, CanonicalBytes.COMMAND_DOMAIN.length(), canonical.length);
        byte[] underAttestationTag = concat(CanonicalBytes.ATTESTATION_DOMAIN.getBytes(StandardCharsets.UTF_8), avro);

        assertThat(Keys.verify(ALICE.account(), underAttestationTag, Bytes.of(command.getSignature()))).isFalse();
    }

    @Test
    void signFillsAMissingActorAndRefusesSomeoneElses() {
        CommandPayload noActor = stake().getPayload();
        noActor.setActor(null);

        SignedCommand signed = CommandSigner.sign(noActor, ALICE);

        assertThat(CommandVerifier.verify(signed)).isTrue();
        assertThat(noActor.getActor()).as("caller's payload is untouched").isNull();
        CommandPayload bobs = stake().getPayload();
        bobs.setActor(BOB.accountBuffer());
        assertThatThrownBy(() -> CommandSigner.of(ALICE).sign(bobs)).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertBad(SignedCommand command, String what) {
        assertThat(CommandVerifier.verify(command)).as(what).isFalse();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
