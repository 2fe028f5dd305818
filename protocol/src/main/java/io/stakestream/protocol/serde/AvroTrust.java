package io.stakestream.protocol.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes outside its trusted packages ("Forbidden ..."). The
 * system property {@code org.apache.avro.SERIALIZABLE_PACKAGES} is read once, when Avro's classes
 * load, so setting it later is too late; installing a global predicate works at any time.
 */
public final class AvroTrust {

    /** Package of the generated classes. */
    public static final String AVRO_PACKAGE = "io.stakestream.avro";

    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Trusts io.stakestream.avro in addition to whatever was trusted before. Idempotent. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (installed) {
                return;
            }
            ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
            ClassSecurityPredicate ours = c -> c.getName().startsWith(AVRO_PACKAGE + ".");
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, ours));
            installed = true;
        }
    }
}
