package io.stakestream.protocol.serde;

import io.stakestream.protocol.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serde for one generated Avro class in the Confluent wire format, subjects by TopicNameStrategy.
 * Built explicitly (type, registry, key or value), because Kafka Streams does not configure serdes
 * handed to it in code.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient registry, boolean isKey, boolean autoRegister) {
        this.serializer = new ConfluentAvroSerializer<>(type, registry, isKey, autoRegister);
        this.deserializer = new ConfluentAvroDeserializer<>(type, registry);
    }

    /** A value serde that registers its schema on first use. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forValues(Class<T> type, SchemaRegistryClient registry) {
        return new ConfluentAvroSerde<>(type, registry, false, true);
    }

    /** A key serde that registers its schema on first use. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forKeys(Class<T> type, SchemaRegistryClient registry) {
        return new ConfluentAvroSerde<>(type, registry, true, true);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
    }

    @Override
    public ConfluentAvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public ConfluentAvroDeserializer<T> deserializer() {
        return deserializer;
    }
}
