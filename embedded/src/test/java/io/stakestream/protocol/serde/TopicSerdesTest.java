package io.stakestream.protocol.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryException;
import io.stakestream.topics.Topics;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Each topic's serdes are for that topic's record type, registered under its TopicNameStrategy
 * subject; keys are plain strings; the dead-letter topic keeps raw bytes. Also the framing edges:
 * a header with no body, a frame that is not v0, auto-registration off, and which registry
 * failures count as an outage.
 */
class TopicSerdesTest {

    final InProcessSchemaRegistry registry = new InProcessSchemaRegistry();
    final SchemaRegistryClient client = registry.client();
    final StakestreamSerdes serdes = new StakestreamSerdes(client);

    /** The topic serdes write values with the schema of this class, registered under {@code <topic>-value}. */
    void writesAs(TopicSerdes<String, ?> t, String topic, Class<?> type) {
        assertThat(t.name()).isEqualTo(topic);
        ConfluentAvroSerializer<?> values = (ConfluentAvroSerializer<?>) t.valueSerde().serializer();
        int id = values.schemaId(topic);
        Schema schema = org.apache.avro.specific.SpecificData.get().getSchema(type);
        assertThat(client.schemaById(id)).isEqualTo(schema);
        assertThat(values.schema()).isEqualTo(schema);
        assertThat(client.idOf(topic + "-value", schema)).isEqualTo(id);
        assertThat(t.keySerde().serializer().serialize(topic, "gpu-1")).isEqualTo("gpu-1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyTopicHasItsOwnRecordType() {
        assertThat(serdes.registry()).isSameAs(client);
        writesAs(serdes.commands(), Topics.COMMANDS, SignedCommand.class);
        writesAs(serdes.attestations(), Topics.ATTESTATIONS, SignedAttestation.class);
        writesAs(serdes.events(), Topics.EVENTS, LedgerEvent.class);
        writesAs(serdes.rejections(), Topics.REJECTIONS, Rejection.class);
        writesAs(serdes.slashes(), Topics.SLASHES, SlashOutcome.class);
        writesAs(serdes.payouts(), Topics.PAYOUTS, Payout.class);
        writesAs(serdes.poolEpochSummaries(), Topics.POOL_EPOCH_SUMMARIES, EpochSummaryMessage.class);
        writesAs(serdes.rewardRoots(), Topics.REWARD_ROOTS, RewardRoot.class);
        writesAs(serdes.rewardProofs(), Topics.REWARD_PROOFS, RewardProof.class);
        TopicSerdes<byte[], byte[]> dead = serdes.deadLetters();
        assertThat(dead.name()).isEqualTo(Topics.DEAD_LETTERS);
        assertThat(dead.valueSerde().serializer().serialize(Topics.DEAD_LETTERS, new byte[] {9, 8})).containsExactly(9, 8);
    }

    @Test
    void theSignedPayloadsAreTheSerdesOwnAndAUrlGivesARestClient() {
        SetModel body = new SetModel("m", BigDecimal.ONE, true);
        byte[] written = serdes.valueSerde(SetModel.class).serializer().serialize("t", body);
        assertThat(serdes.valueSerde(SetModel.class).deserializer().deserialize("t", written)).isEqualTo(body);
        assertThat(serdes.payloads()).isNotNull().isSameAs(serdes.payloads());
        assertThat(StakestreamSerdes.forUrl("http://127.0.0.1:1").registry().url()).isEqualTo("http://127.0.0.1:1");
    }

    @Test
    void aSerdeConfiguredForKeysRegistersUnderTheKeySubject() {
        ConfluentAvroSerde<SetModel> serde = serdes.valueSerde(SetModel.class);
        serde.configure(Map.of(), true);
        byte[] written = serde.serializer().serialize("models", new SetModel("m", BigDecimal.ONE, true));
        assertThat(ConfluentWireFormat.schemaId(written)).isEqualTo(client.idOf("models-key", SetModel.getClassSchema()));
    }

    @Test
    void withAutoRegistrationOffOnlyARegisteredSchemaIsWritten() {
        StakestreamSerdes strict = new StakestreamSerdes(client, false);
        ConfluentAvroSerializer<SetModel> writer = strict.valueSerde(SetModel.class).serializer();
        assertThatThrownBy(() -> writer.serialize("unregistered", new SetModel("m", BigDecimal.ONE, true)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("auto-register is off");
        int id = client.register("registered-value", SetModel.getClassSchema());
        assertThat(ConfluentWireFormat.schemaId(writer.serialize("registered", new SetModel("m", BigDecimal.ONE, true)))).isEqualTo(id);
    }

    @Test
    void theFrameIsMagicByteThenABigEndianId() {
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, 1, 2, 3, 4})).isEqualTo(0x01020304);
        assertThat(ConfluentWireFormat.subject("t", false)).isEqualTo("t-value");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {1, 0, 0, 0, 1})).hasMessageContaining("magic byte 0x01");
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeaderWithoutABodyIsABadBodyNotAShortFrame() {
        int id = client.register("t-value", SetModel.getClassSchema());
        byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(id).array();
        ConfluentAvroDeserializer<SetModel> reader = new ConfluentAvroDeserializer<>(SetModel.class, client);
        assertThatThrownBy(() -> reader.deserialize("t", header)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not match writer schema id " + id);
        assertThatThrownBy(() -> reader.deserialize("t", new byte[4])).hasMessageContaining("needs at least 5");
    }

    @Test
    void onlyAnUnansweredOrFailingRegistryIsAnOutage() {
        assertThat(ConfluentAvroDeserializer.isRegistryOutage(new SerializationException("x",
                new SchemaRegistryException("down", -1, 0, null)))).isTrue();
        assertThat(ConfluentAvroDeserializer.isRegistryOutage(new SchemaRegistryException("5xx", 500, 50001, null))).isTrue();
        assertThat(ConfluentAvroDeserializer.isRegistryOutage(new SchemaRegistryException("4xx", 499, 40401, null))).isFalse();
        assertThat(ConfluentAvroDeserializer.isRegistryOutage(new SerializationException("not the registry"))).isFalse();
        assertThat(ConfluentAvroDeserializer.isRegistryOutage(null)).isFalse();
    }
}
