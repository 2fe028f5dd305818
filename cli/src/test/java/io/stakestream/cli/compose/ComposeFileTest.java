package io.stakestream.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml read as data (Jackson's YAML module, anchors and merge keys resolved): what
 * makes the stack come up on one broker without Docker here to run it. Replication 1 for the
 * streams-app's internal topics, a healthy ledger before network-init, network-init's keys reaching
 * the reward-builder, the dumps shared, every dependency and volume declared.
 */
class ComposeFileTest {

    static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final Pattern MAIN = Pattern.compile("io\\.stakestream\\.[a-z.]+\\.[A-Z]\\w+");

    private final JsonNode services = read().path("services");

    @Test
    void everyServiceRunsOnOneBroker() {
        assertThat(names(services)).contains("kafka", "schema-registry", "topic-setup", "streams-app", "network-init", "reward-builder");
        for (String service : new String[] {"topic-setup", "streams-app", "network-init", "reward-builder"}) {
            JsonNode env = services.path(service).path("environment");
            assertThat(env.path("TOPIC_REPLICATION_FACTOR").asText()).as("%s: one replica on one broker", service).isEqualTo("1");
            assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText()).as(service).isEqualTo("kafka:9092");
        }
        JsonNode kafka = services.path("kafka").path("environment");
        assertThat(kafka.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText()).isEqualTo("1");
        assertThat(kafka.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText()).isEqualTo("1");
        assertThat(kafka.path("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asText()).isEqualTo("1");
    }

    @Test
    void theNetworkIsInitializedWithTheKeysTheRewardBuilderSignsWith() throws Exception {
        JsonNode init = services.path("network-init");
        assertThat(init.path("depends_on").path("streams-app").path("condition").asText())
                .as("the CLI waits for outcomes: the ledger must be RUNNING").isEqualTo("service_healthy");
        assertThat(services.path("streams-app").path("healthcheck").path("test").toString()).contains("/health");
        assertThat(init.path("restart").asText()).isEqualTo("no");
        String keysDir = init.path("environment").path("KEYS_DIR").asText();
        assertThat(mount(init, "keys")).isEqualTo(keysDir);

        JsonNode builder = services.path("reward-builder");
        assertThat(builder.path("depends_on").path("network-init").path("condition").asText()).isEqualTo("service_completed_successfully");
        // the epoch clock's key and the reward job's own key, both in the volume network-init writes; ComposeInitIT
        // runs the init script and checks it generates both and registers both as reward authorities
        List<String> keyFiles = builderKeyFiles(services);
        assertThat(keyFiles).as("the clock signs with times as nonces, the job with epochs: two keys").doesNotHaveDuplicates();
        assertThat(keyFiles).allSatisfy(k -> assertThat(Path.of(k).getParent()).isEqualTo(Path.of(mount(builder, "keys"))));

        // the script the entrypoint runs is in the image
        assertThat(init.path("entrypoint").toString()).contains("/app/init-network.sh");
        assertThat(Files.readString(Path.of("..", "Dockerfile"))).contains("compose/init-network.sh /app/init-network.sh");
    }

    /** The key files the reward-builder service signs with, as paths inside its container. */
    static List<String> builderKeyFiles(JsonNode services) {
        JsonNode env = services.path("reward-builder").path("environment");
        return List.of(env.path("REWARD_KEY_FILE").asText(), env.path("BUILDER_KEY_FILE").asText());
    }

    @Test
    void theDumpsTheBuilderWritesAreWhatTheAppServes() {
        JsonNode app = services.path("streams-app");
        JsonNode builder = services.path("reward-builder");
        // the builder writes DATA_DIR/trees/epoch-<n>.json; the app reads REWARD_DUMP_DIR/epoch-<n>.json
        assertThat(builder.path("environment").path("DATA_DIR").asText()).isEqualTo(mount(builder, "reward-data"));
        assertThat(app.path("environment").path("REWARD_DUMP_DIR").asText()).isEqualTo(mount(app, "reward-data") + "/trees");
    }

    @Test
    void dependenciesVolumesAndEntryPointsAllExist() {
        JsonNode compose = read();
        Set<String> declaredVolumes = names(compose.path("volumes"));
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            for (String dependency : names(s.getValue().path("depends_on"))) {
                assertThat(names(services)).as("%s depends on %s", s.getKey(), dependency).contains(dependency);
            }
            for (JsonNode v : s.getValue().path("volumes")) {
                String source = v.asText().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(declaredVolumes).as("%s mounts volume %s", s.getKey(), source).contains(source);
                }
            }
            String main = s.getValue().path("environment").path("SERVICE_MAIN").asText("");
            if (!main.isEmpty()) {
                Matcher m = MAIN.matcher(main);
                assertThat(m.matches()).as(main).isTrue();
                assertThat(classExists(main)).as("%s runs %s", s.getKey(), main).isTrue();
            }
        }
    }

    static JsonNode read() {
        try {
            return ComposeYaml.read(COMPOSE);
        } catch (Exception e) {
            throw new AssertionError("docker-compose.yml is not valid YAML: " + e.getMessage(), e);
        }
    }

    static String mount(JsonNode service, String volume) {
        for (JsonNode v : service.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[0].equals(volume)) {
                return parts[1];
            }
        }
        throw new AssertionError("no volume " + volume + " mounted in " + service);
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, ComposeFileTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
