package io.stakestream.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.SignedCommand;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The yes-or-no forms of the key and signature checks, and hex of a buffer, which callers use directly. */
class KeyAndHexEdgesTest {

    @Test
    void onlyAThirtyTwoByteCurvePointIsAnAccount() {
        assertThat(Keys.isValidAccount(CommandSignatureTest.ALICE.account())).isTrue();
        assertThat(Keys.isValidAccount(new byte[31])).isFalse();
        assertThat(Keys.isValidAccount(null)).isFalse();
    }

    @Test
    void verifyAnswersTrueForTheSignedCommandAndFalseForAnother() {
        SignedCommand command = CommandSignatureTest.stake();
        assertThat(CommandVerifier.verify(command, CommandSignatureTest.payloadOf(command))).isTrue();
        SignedCommand forged = new SignedCommand(command.getPayload(), CommandSignatureTest.flipBit(command.getSignature(), 3));
        assertThat(CommandVerifier.verify(forged, CommandSignatureTest.payloadOf(forged))).isFalse();
    }

    @Test
    void hexOfABufferIsItsRemainingBytesAndLeavesItsPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0x0a, (byte) 0xff, 0x01});
        buffer.get();
        assertThat(Hex.encode(buffer)).isEqualTo("ff01");
        assertThat(buffer.position()).isEqualTo(1);
    }
}
