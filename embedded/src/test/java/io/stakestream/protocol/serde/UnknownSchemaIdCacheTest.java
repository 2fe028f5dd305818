package io.stakestream.protocol.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.SetModel;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Poison records with made-up schema ids cost one registry lookup per id, not one per record. */
class UnknownSchemaIdCacheTest {

    /** The real in-process registry client, counting the lookups by id that reach it. */
    private static final class Counting implements SchemaRegistryClient {
        private final SchemaRegistryClient real;
        final AtomicInteger lookups = new AtomicInteger();

        Counting(SchemaRegistryClient real) {
            this.real = real;
        }

        @Override
        public int register(String subject, Schema schema) {
            return real.register(subject, schema);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            return real.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            lookups.incrementAndGet();
            return real.schemaById(id);
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return real.isCompatible(subject, schema);
        }

        @Override
        public String url() {
            return real.url();
        }
    }

    @Test
    void aMissingIdIsAskedForOnceAndStillRejectedEveryTime() {
        Counting registry = new Counting(new InProcessSchemaRegistry().client());
        ConfluentAvroSerde<SetModel> serde = ConfluentAvroSerde.forValues(SetModel.class, registry);
        byte[] good = serde.serializer().serialize("t", new SetModel("m1", BigDecimal.TEN, true));
        byte[] poison = good.clone();
        ByteBuffer.wrap(poison).putInt(1, 987_654);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", poison))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id 987654 is unknown");
        }
        int afterPoison = registry.lookups.get();
        assertThat(afterPoison).isEqualTo(1);
        assertThat(serde.deserializer().deserialize("t", good).getModelId()).isEqualTo("m1");
    }
}
