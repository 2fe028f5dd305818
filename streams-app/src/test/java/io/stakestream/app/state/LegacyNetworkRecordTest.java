package io.stakestream.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Asset;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.ledger.Reconciliation;
import io.stakestream.ledger.Table;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.protocol.serde.ConfluentWireFormat;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * A network record stored before the reward records held their own reserved amounts: it kept them
 * in vaultTokensReserved/vaultUsdcReserved. Today's store serde reads it (the writer's schema comes
 * from the registry) and drops them, and the books counted today (vault in the network record,
 * budget - accrued in each record) are the books counted then (vault + reserved): nothing to rewrite.
 */
class LegacyNetworkRecordTest {

    final SchemaRegistryClient registry = new InProcessSchemaRegistry().client();
    final StakestreamSerdes serdes = new StakestreamSerdes(registry);

    @Test
    void aNetworkRecordThatKeptTheReservedAmountsReadsAsTheSameBooks() throws Exception {
        Schema legacy;
        try (InputStream in = getClass().getResourceAsStream("/legacy/NetworkState-with-vault-reserved.avsc")) {
            legacy = new Schema.Parser().parse(in);
        }
        assertThat(legacy.getField("vaultTokensReserved")).isNotNull();
        NetworkState today = NetworkState.newBuilder().setTokensFunded(dec(1_000)).setUsdcFunded(dec(50))
                .setVaultTokens(dec(100)).setVaultUsdc(dec(20)).build();
        // epoch 3's record took 900 tokens and 30 USDC from the vault; 250 tokens and 10 USDC of it have accrued since
        RewardRecordState record = RewardRecordState.newBuilder().setEpoch(3).setRoot(ByteBuffer.wrap(new byte[32])).setLeafCount(2)
                .setTotalTokens(dec(900)).setTotalUsdc(dec(30)).setCommittedAt(0)
                .setBudgetTokens(dec(900)).setBudgetUsdc(dec(30)).setAccruedTokens(dec(250)).setAccruedUsdc(dec(10)).build();
        GenericRecord old = asLegacy(today, legacy);
        old.put("vaultTokensReserved", unscaled(900 - 250));
        old.put("vaultUsdcReserved", unscaled(30 - 10));
        String topic = "stakestream-ledger-" + Table.NETWORK.name() + "-changelog";
        byte[] stored = framed(registry.register(ConfluentWireFormat.subject(topic, false), legacy), old, legacy);

        NetworkState read = (NetworkState) LedgerStores.valueSerde(Table.NETWORK, serdes).deserializer().deserialize(topic, stored);

        assertThat(read).isEqualTo(today);
        // then: vault + reserved in the network record; now: the vault there and budget - accrued in the record
        Reconciliation tokens = Reconciliation.of(Asset.TOKEN, read, List.of(), List.of(record));
        Reconciliation usdc = Reconciliation.of(Asset.USDC, read, List.of(), List.of(record));
        assertThat(tokens.held().get("vault")).isEqualTo(BigInteger.valueOf(100 + 650));
        assertThat(usdc.held().get("vault")).isEqualTo(BigInteger.valueOf(20 + 20));
        assertThat(tokens.deposited().subtract(tokens.held().get("vault"))).isEqualTo(BigInteger.valueOf(250)); // what accrued into pools
    }

    /** Today's record written under the legacy schema (its extra fields null), by schema resolution. */
    private static GenericRecord asLegacy(NetworkState today, Schema legacy) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<>(NetworkState.class).write(today, e);
        e.flush();
        return new GenericDatumReader<GenericRecord>(NetworkState.getClassSchema(), legacy)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] framed(int schemaId, GenericRecord record, Schema schema) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, e);
        e.flush();
        return out.toByteArray();
    }

    /** A decimal(78,0) as the generic (unconverted) datum: its unscaled two's-complement bytes. */
    private static ByteBuffer unscaled(long amount) {
        return ByteBuffer.wrap(BigInteger.valueOf(amount).toByteArray());
    }

    private static BigDecimal dec(long amount) {
        return BigDecimal.valueOf(amount);
    }
}
