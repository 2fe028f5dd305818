package io.stakestream.protocol.serde;

import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into a generated class: the writer's schema comes from the
 * registry by id and is resolved against the class's own schema, so records written with an older
 * or newer compatible schema decode. Anything else is a {@link SerializationException} saying why.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final Class<T> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readerByWriterId = new ConcurrentHashMap<>();

    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        io.stakestream.schemas.AvroTrust.install();
        this.type = type;
        this.registry = registry;
        // The class's own model carries the decimal conversion, so amounts come back as BigDecimal.
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Everything comes through the constructor.
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < ConfluentWireFormat.HEADER_SIZE) {
            throw new SerializationException("undecodable record on " + topic + ": " + data.length
                    + " bytes, the Confluent wire format needs at least 5 (magic byte 0x00 + 4-byte schema id)");
        }
        if (data[0] != ConfluentWireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format("undecodable record on %s: magic byte 0x%02x, expected 0x00"
                    + " (not written by a Confluent-compatible Avro serializer)", topic, data[0]));
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        SpecificDatumReader<T> reader = readerFor(topic, id);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE, data.length - ConfluentWireFormat.HEADER_SIZE, null);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("undecodable record on " + topic + ": Avro body does not match writer schema id "
                    + id + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new SerializationException("undecodable record on " + topic + ": trailing bytes after the "
                        + type.getSimpleName() + " written with schema id " + id);
            }
        } catch (IOException e) {
            throw new SerializationException("undecodable record on " + topic + ": " + e.getMessage(), e);
        }
        return record;
    }

    /**
     * True when {@code failure} came from the registry being down or failing (no answer, or HTTP 5xx),
     * not from the record: a caller should retry or stop rather than reject the record as poison.
     */
    public static boolean isRegistryOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException e) {
                return e.status() == -1 || e.status() >= 500;
            }
        }
        return false;
    }

    private static final long UNKNOWN_ID_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_UNKNOWN_IDS = 10_000;
    private final Map<Integer, Long> unknownUntil = new java.util.concurrent.ConcurrentHashMap<>();

    private SpecificDatumReader<T> readerFor(String topic, int id) {
        SpecificDatumReader<T> cached = readerByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        Long until = unknownUntil.get(id);
        if (until != null && System.nanoTime() - until < 0) {
            throw new SerializationException("undecodable record on " + topic + ": schema id " + id
                    + " is unknown to the registry at " + registry.url() + " (wrong registry, or the registry lost its state)");
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                // Poison records with made-up ids must not cost a registry round trip each (tens of ms
                // against the in-process registry): remember the miss briefly. Ids are never reused.
                if (unknownUntil.size() >= MAX_UNKNOWN_IDS) {
                    unknownUntil.clear();
                }
                unknownUntil.put(id, System.nanoTime() + UNKNOWN_ID_TTL_NANOS);
            }
            String why = e.isNotFound() ? "schema id " + id + " is unknown to the registry at " + registry.url()
                    + " (wrong registry, or the registry lost its state)" : e.getMessage();
            throw new SerializationException("undecodable record on " + topic + ": " + why, e);
        }
        String disagreement = LogicalTypeAgreement.firstMismatch(writerSchema, readerSchema);
        if (disagreement != null) {
            throw new SerializationException("undecodable record on " + topic + ": writer schema id " + id + " cannot be read as "
                    + readerSchema.getFullName() + ": " + disagreement + " (amounts are decimal(78,0) base units)");
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        readerByWriterId.putIfAbsent(id, reader);
        return reader;
    }
}
