package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.EpochClose;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Node.js's usual Schema Registry client, @kafkajs/confluent-schema-registry, against the
 * in-process registry: register() (which asks /config/{subject} first and sets the level after a
 * first registration), the latest id, and a record it encodes that our own serde decodes. Skips
 * where node and npm are missing or the npm registry cannot be reached.
 */
class KafkajsRegistryIT {

    private static final Path CLIENT = Path.of("..", "clients", "node");
    private static final Path AVSC = Path.of("..", "schemas", "avsc", "io.stakestream.avro.EpochClose.avsc");

    @Test
    void kafkajsRegistersAndEncodesWhatOurSerdeDecodes() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are not installed: the Node.js client check is skipped");
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--silent"), 300);
        assumeTrue(install.exit == 0, "npm ci could not install @kafkajs/confluent-schema-registry (no npm registry?): " + install.output);

        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry().start()) {
            String subject = "stakestream.epoch-check-value";
            Result node = run(List.of("node", "register-and-encode.mjs", registry.url(), AVSC.toAbsolutePath().toString(), subject,
                    "{\"epoch\": 7}"), 120);
            assertThat(node.exit).as(node.output).isZero();
            JsonNode out = new ObjectMapper().readTree(node.output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());

            assertThat(out.path("id").asInt()).isPositive();
            assertThat(out.path("again").asInt()).isEqualTo(out.path("id").asInt());
            assertThat(out.path("latest").asInt()).isEqualTo(out.path("id").asInt());
            byte[] encoded = Hex.decode(out.path("encodedHex").asText());
            EpochClose decoded = new StakestreamSerdes(new RestSchemaRegistryClient(registry.url())).valueSerde(EpochClose.class)
                    .deserializer().deserialize("stakestream.epoch-check", encoded);
            assertThat(decoded.getEpoch()).isEqualTo(7L);
            HttpResponse<String> level = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry.url() + "/config/" + subject)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(level.body()).as("kafkajs set the subject's level after its first registration").contains("BACKWARD");
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("node", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(CLIENT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
