package io.stakestream.protocol.serde;

import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record in the Confluent wire format, byte for byte what Confluent's
 * KafkaAvroSerializer writes for the same schema id. The schema is registered (or, with
 * auto-register off, looked up) once per subject; the id is cached.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final boolean autoRegister;
    private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
    private boolean isKey;

    public ConfluentAvroSerializer(Class<T> type, SchemaRegistryClient registry, boolean isKey, boolean autoRegister) {
        io.stakestream.schemas.AvroTrust.install();
        SpecificData model = SpecificData.getForClass(type);
        this.registry = registry;
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null; // tombstone stays a tombstone
        }
        return serializeUnder(ConfluentWireFormat.subject(topic, isKey), record);
    }

    /** Writes the record with the id of its schema under {@code subject}, e.g. a RecordNameStrategy subject. */
    public byte[] serializeUnder(String subject, T record) {
        int id = schemaIdOf(subject);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for subject " + subject
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The id the records of {@code topic} are written with. */
    public int schemaId(String topic) {
        return schemaIdOf(ConfluentWireFormat.subject(topic, isKey));
    }

    private int schemaIdOf(String subject) {
        return idBySubject.computeIfAbsent(subject, s -> {
            try {
                return autoRegister ? registry.register(s, schema) : registry.idOf(s, schema);
            } catch (SchemaRegistryException e) {
                throw new SerializationException("cannot get a schema id for subject " + s + ": " + e.getMessage()
                        + (autoRegister ? "" : " (auto-register is off: run `stakestream topics` to register schemas)"), e);
            }
        });
    }

    public Schema schema() {
        return schema;
    }
}
