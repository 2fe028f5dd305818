package io.stakestream.protocol.registry;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API the serde needs. Implementations cache, so
 * callers may ask on every record.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it registered) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under {@code subject}; fails if it is not registered. */
    int idOf(String subject, Schema schema);

    /** The schema with this global id; fails with {@link SchemaRegistryException} if unknown. */
    Schema schemaById(int id);

    /** Whether {@code schema} may be registered next under {@code subject} (true for a new subject). */
    boolean isCompatible(String subject, Schema schema);

    /** Where the registry lives, for messages. */
    String url();
}
