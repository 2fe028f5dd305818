package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.ForeignPayloads;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestRegistry;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.CommandSigner;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Review defect 13: a client in another language signs the payload bytes it sends, and the ledger
 * checks the signature over exactly those bytes (SIGN_MODE_DIRECT), never over its own
 * re-encoding. The payloads here are built from a schema parsed from JSON and GenericRecords, not
 * from the project's generated classes. Before the fix both accepted cases were refused BAD_SIGNATURE.
 */
class SignedBytesTopologyTest {

    private final LedgerDriver ledger = new LedgerDriver();
    private final Program program = new Program();
    private final Actor alice = Actor.named("bytes-operator");
    private final Actor bob = Actor.named("bytes-delegator");

    @BeforeEach
    void network() {
        ledger.send(program.init()).send(program.createPool(alice, "bytes", 1_000)).send(program.delegate(bob, "bytes", 100)).drain();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aDecimalInANonMinimalTwosComplementFormVerifiesAndCountsItsValue() {
        // 250 is 0x00FA at its shortest; this client writes it in 8 bytes
        byte[] payload = ForeignPayloads.sameSchema(TestRegistry.serdes().registry())
                .stake("foreign-1", "bytes", bob, 3, ForeignPayloads.padded(BigInteger.valueOf(250), 8));

        ledger.send(CommandSigner.signBytes(payload, bob.key()));

        assertThat(ledger.rejections()).isEmpty();
        assertThat(ledger.events()).hasSize(1);
        assertThat(ledger.pool("bytes").getTotalStake()).isEqualByComparingTo("1350");
    }

    @Test
    void aCompatibleWriterSchemaWithAnExtraDefaultedFieldVerifiesAndDecodes() {
        byte[] payload = ForeignPayloads.withExtraField(TestRegistry.serdes().registry())
                .stake("foreign-2", "bytes", bob, 3, BigInteger.valueOf(40).toByteArray());

        ledger.send(CommandSigner.signBytes(payload, bob.key()));

        assertThat(ledger.rejections()).isEmpty();
        assertThat(ledger.events()).hasSize(1);
        assertThat(ledger.pool("bytes").getTotalStake()).isEqualByComparingTo("1140");
    }

    @Test
    void oneFlippedBitOfForeignBytesIsABadSignatureAndChangesNothing() {
        byte[] payload = ForeignPayloads.withExtraField(TestRegistry.serdes().registry())
                .stake("foreign-3", "bytes", bob, 3, ForeignPayloads.padded(BigInteger.valueOf(40), 4));
        SignedCommand signed = CommandSigner.signBytes(payload, bob.key());
        payload[payload.length - 1] ^= 0x08; // inside the amount: still decodes, to 48

        ledger.send(new SignedCommand(java.nio.ByteBuffer.wrap(payload), signed.getSignature()));

        assertThat(ledger.rejections()).singleElement().satisfies(r -> assertThat(r.value.getReason()).isEqualTo(RejectReason.BAD_SIGNATURE));
        assertThat(ledger.pool("bytes").getTotalStake()).isEqualByComparingTo("1100");
    }

    @Test
    void aWriterSchemaThatGivesAmountsADecimalPlaceIsUndecodableNotReadAsTenTimesTheAmount() {
        byte[] payload = ForeignPayloads.withAmountScale(TestRegistry.serdes().registry(), 1)
                .stake("foreign-4", "bytes", bob, 3, BigInteger.valueOf(15).toByteArray()); // 1.5 tokens to this writer

        ledger.sendKeyed("bytes", CommandSigner.signBytes(payload, bob.key()));

        assertThat(ledger.rejections()).singleElement().satisfies(r -> {
            assertThat(r.value.getReason()).isEqualTo(RejectReason.UNDECODABLE);
            assertThat(r.value.getMessage()).contains("decimal(78,1)").contains("decimal(78,0)");
        });
        assertThat(ledger.pool("bytes").getTotalStake()).isEqualByComparingTo("1100");
    }
}
