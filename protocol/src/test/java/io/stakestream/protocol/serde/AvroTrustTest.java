package io.stakestream.protocol.serde;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.SignedCommand;
import io.stakestream.schemas.AvroTrust;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

/** Avro 1.12 refuses untrusted classes; we trust our generated package and nothing more. */
class AvroTrustTest {

    @Test
    void trustsGeneratedClassesOnly() {
        AvroTrust.install();
        AvroTrust.install(); // idempotent

        assertThatCode(() -> ClassSecurityValidator.validate(SignedCommand.class)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ClassSecurityValidator.validate(java.net.URLClassLoader.class))
                .isInstanceOf(SecurityException.class)
                .hasMessageContaining("Forbidden");
    }
}
