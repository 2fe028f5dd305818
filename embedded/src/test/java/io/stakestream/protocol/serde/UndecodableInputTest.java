package io.stakestream.protocol.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.SetModel;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class UndecodableInputTest {

    private final InProcessSchemaRegistry registry = new InProcessSchemaRegistry();
    private final ConfluentAvroSerde<SetModel> serde = ConfluentAvroSerde.forValues(SetModel.class, registry.client());
    private final byte[] good = serde.serializer().serialize("t", new SetModel("m1", BigDecimal.TEN, true));

    @Test
    void nullStaysNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void tooShortForTheHeader() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("at least 5");
    }

    @Test
    void wrongMagicByte() {
        byte[] bytes = good.clone();
        bytes[0] = 0x7b; // '{' - someone produced JSON
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0x7b, expected 0x00");
    }

    @Test
    void unknownSchemaId() {
        byte[] bytes = HexFormat.of().parseHex("00000003e7" + "046d3102000a01"); // id 999
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 999 is unknown to the registry")
                .satisfies(e -> assertThat(ConfluentAvroDeserializer.isRegistryOutage(e)).isFalse());
    }

    @Test
    void registryDownWhileDeserializingIsAnOutageNotPoison() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConfluentAvroDeserializer<SetModel> offline =
                new ConfluentAvroDeserializer<>(SetModel.class, new RestSchemaRegistryClient("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> offline.deserialize("t", good))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreachable")
                .satisfies(e -> assertThat(ConfluentAvroDeserializer.isRegistryOutage(e)).isTrue());
    }

    @Test
    void truncatedBody() {
        byte[] bytes = Arrays.copyOf(good, good.length - 2);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Avro body does not match writer schema id 1");
    }

    @Test
    void trailingGarbage() {
        byte[] bytes = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void registryDownWhileSerializingSaysWhatToDo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConfluentAvroSerde<SetModel> offline =
                ConfluentAvroSerde.forValues(SetModel.class, new RestSchemaRegistryClient("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> offline.serializer().serialize("t", new SetModel("m", BigDecimal.ONE, false)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreachable: start it or set SCHEMA_REGISTRY_URL");
    }
}
