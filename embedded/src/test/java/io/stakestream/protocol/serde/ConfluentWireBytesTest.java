package io.stakestream.protocol.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes against hand-encoded hex (Avro spec: longs and lengths as zigzag varints,
 * strings and bytes length-prefixed, decimal as big-endian two's complement bytes), behind the
 * Confluent header 0x00 + big-endian id.
 */
class ConfluentWireBytesTest {

    private static final HexFormat HEX = HexFormat.of();

    private final InProcessSchemaRegistry registry = new InProcessSchemaRegistry();
    private final SchemaRegistryClient client = registry.client();

    @Test
    void setModelWithIdOneMatchesHandEncodedBytes() {
        ConfluentAvroSerde<SetModel> serde = ConfluentAvroSerde.forValues(SetModel.class, client);
        SetModel record = new SetModel("m1", new BigDecimal("255"), true);

        byte[] bytes = serde.serializer().serialize("stakestream.commands", record);

        // 00 | 00000001 | modelId: len 2 -> zigzag 04, "m1" | 255 -> two's complement 00 ff, len 2 -> 04 | true -> 01
        assertThat(HEX.formatHex(bytes)).isEqualTo("00" + "00000001" + "04" + "6d31" + "04" + "00ff" + "01");
        assertThat(registry.subjects()).containsExactly("stakestream.commands-value");
        assertThat(serde.deserializer().deserialize("stakestream.commands", bytes)).isEqualTo(record);
    }

    @Test
    void schemaIdIsBigEndianAndLongsAreZigzagVarints() {
        // 300 other schemas first, so EpochClose gets id 301 = 0x0000012d.
        for (int i = 0; i < 300; i++) {
            Schema filler = SchemaBuilder.record("Filler" + i).namespace("test").fields().requiredInt("x").endRecord();
            client.register("filler-" + i + "-value", filler);
        }
        ConfluentAvroSerde<EpochClose> serde = ConfluentAvroSerde.forValues(EpochClose.class, client);

        // epoch 64 -> zigzag 128 -> varint 80 01
        assertThat(HEX.formatHex(serde.serializer().serialize("t", new EpochClose(64L)))).isEqualTo("00" + "0000012d" + "8001");
        // epoch -1 -> zigzag 1
        assertThat(HEX.formatHex(serde.serializer().serialize("t", new EpochClose(-1L)))).isEqualTo("00" + "0000012d" + "01");
        assertThat(ConfluentWireFormat.schemaId(serde.serializer().serialize("t", new EpochClose(0L)))).isEqualTo(301);
    }

    @Test
    void decimalsAreMinimalTwosComplement() {
        ConfluentAvroSerde<Stake> serde = ConfluentAvroSerde.forValues(Stake.class, client);
        BigDecimal max = new BigDecimal(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));

        // -1 -> ff, length 1 -> zigzag 02
        assertThat(HEX.formatHex(serde.serializer().serialize("t", new Stake(new BigDecimal(-1)))))
                .isEqualTo("00" + "00000001" + "02" + "ff");
        // 0 -> one byte 00
        assertThat(HEX.formatHex(serde.serializer().serialize("t", new Stake(BigDecimal.ZERO))))
                .isEqualTo("00" + "00000001" + "02" + "00");
        // 2^256-1 needs a 00 sign byte: 33 bytes, zigzag 66 = 0x42
        byte[] bytes = serde.serializer().serialize("t", new Stake(max));
        assertThat(HEX.formatHex(bytes)).isEqualTo("00" + "00000001" + "42" + "00" + "ff".repeat(32));
        assertThat(serde.deserializer().deserialize("t", bytes).getAmount()).isEqualTo(max);
    }

    @Test
    void nestedUnionRecordRoundTrips() {
        ConfluentAvroSerde<SignedCommand> serde = ConfluentAvroSerde.forValues(SignedCommand.class, client);
        SignedPayloads payloads = new SignedPayloads(client, true);
        CommandPayload payload = CommandPayload.newBuilder()
                .setCommandId("c-1")
                .setPoolId("pool-7")
                .setActor(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setNonce(9)
                .setBody(new Stake(new BigDecimal("1000000000000000000000")))
                .build();
        SignedCommand command = SignedCommand.newBuilder()
                .setPayload(ByteBuffer.wrap(payloads.write(payload)))
                .setSignature(ByteBuffer.wrap(new byte[64]))
                .build();

        SignedCommand back = serde.deserializer().deserialize("stakestream.commands",
                serde.serializer().serialize("stakestream.commands", command));

        assertThat(back).isEqualTo(command);
        assertThat(payloads.command(back)).isEqualTo(payload);
        assertThat(((Stake) payloads.command(back).getBody()).getAmount()).isEqualByComparingTo("1e21");
    }

    @Test
    void keySubjectsAreSeparateFromValueSubjects() {
        ConfluentAvroSerde<EpochClose> keys = ConfluentAvroSerde.forKeys(EpochClose.class, client);
        ConfluentAvroSerde<EpochClose> values = ConfluentAvroSerde.forValues(EpochClose.class, client);

        keys.serializer().serialize("stakestream.reward-roots", new EpochClose(1L));
        values.serializer().serialize("stakestream.reward-roots", new EpochClose(1L));

        assertThat(registry.subjects()).containsExactly("stakestream.reward-roots-key", "stakestream.reward-roots-value");
        assertThat(keys.serializer().schemaId("stakestream.reward-roots")).isEqualTo(1); // one schema, one id
    }
}
