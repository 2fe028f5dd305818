package io.stakestream.embedded;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Confluent's compatibility levels, decided with Avro's reader/writer rules. BACKWARD: a consumer
 * on the new schema reads what the old one wrote; FORWARD: the other way round; FULL: both. A
 * plain level checks the latest version, a transitive one every version.
 */
enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** The level named {@code name} (any case), or null when Confluent knows no such level. */
    static CompatibilityLevel named(String name) {
        try {
            return name == null ? null : valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code candidate} may follow {@code versions} (oldest first) under this level. */
    boolean allows(Schema candidate, List<Schema> versions) {
        if (this == NONE || versions.isEmpty()) {
            return true;
        }
        List<Schema> checked = name().endsWith("_TRANSITIVE") ? versions : List.of(versions.get(versions.size() - 1));
        boolean backward = this != FORWARD && this != FORWARD_TRANSITIVE;
        boolean forward = this != BACKWARD && this != BACKWARD_TRANSITIVE;
        for (Schema old : checked) {
            if (backward && !reads(candidate, old) || forward && !reads(old, candidate)) {
                return false;
            }
        }
        return true;
    }

    private static boolean reads(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
