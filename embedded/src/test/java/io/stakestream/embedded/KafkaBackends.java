package io.stakestream.embedded;

import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Supplies every backend to a parameterized test: {@code @ParameterizedTest @ArgumentsSource(KafkaBackends.class)}
 * or the shorthand {@link OnEveryKafkaBackend}. Each backend starts once per test run (JUnit's root
 * store closes it at the end). Without Docker the Testcontainers case still appears and is skipped
 * with the reason, rather than silently missing.
 */
public final class KafkaBackends implements ArgumentsProvider {

    private static final Logger log = LoggerFactory.getLogger(KafkaBackends.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBackends.class);

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return Stream.of(
                Arguments.of(Named.of("embedded", embedded(context))),
                Arguments.of(Named.of("testcontainers", testcontainers(context))));
    }

    /** The shared in-process backend, for tests that need only one. */
    public static KafkaBackend embedded(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent("embedded", k -> new Closing(new EmbeddedKafkaBackend()), Closing.class).backend;
    }

    static KafkaBackend testcontainers(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent("testcontainers", k -> {
            if (!dockerAvailable()) {
                log.info("no Docker engine: the Testcontainers backend will be skipped");
                return new Closing(new Unavailable("testcontainers", "Docker is not available"));
            }
            return new Closing(new TestcontainersKafkaBackend());
        }, Closing.class).backend;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    /** Closes the backend when the test run ends. */
    private record Closing(KafkaBackend backend) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            if (backend instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** Stands in for a backend that cannot run here: any use aborts the test, which JUnit reports as skipped. */
    private record Unavailable(String name, String reason) implements KafkaBackend {
        @Override
        public String bootstrapServers() {
            return Assumptions.abort(name + " backend skipped: " + reason);
        }

        @Override
        public String schemaRegistryUrl() {
            return Assumptions.abort(name + " backend skipped: " + reason);
        }
    }
}
