package io.stakestream.protocol.registry;

/** A registry call failed; the message says what to do about it. */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        this(message, -1, -1, cause);
    }

    /** HTTP status, or -1 when the registry was not reached. */
    public int status() {
        return status;
    }

    /** Confluent error code (40401 subject not found, 40403 schema not found, 409 incompatible...), or -1. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
