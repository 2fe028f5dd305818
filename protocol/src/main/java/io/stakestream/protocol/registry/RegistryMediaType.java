package io.stakestream.protocol.registry;

/** Constants shared by the REST client and the in-process registry (in the embedded module). */
public final class RegistryMediaType {
    public static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    /** Confluent error codes, so clients written for Confluent understand ours. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INCOMPATIBLE = 409;

    private RegistryMediaType() {
    }
}
