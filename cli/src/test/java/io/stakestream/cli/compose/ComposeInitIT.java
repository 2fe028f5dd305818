package io.stakestream.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.cli.up.LocalStack;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.protocol.crypto.Keys;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose/init-network.sh, network-init's entry point, run for real (sh and this build's CLI)
 * against an in-process broker, registry and ledger where Docker is not there to run the service:
 * every key the reward-builder service signs with is generated into the keys volume and registered
 * as a reward authority, the custody key is registered and funds the reward vault, and a second run
 * (a second `docker compose up`) keeps the keys, funds nothing twice and exits 0.
 */
class ComposeInitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;

    record Result(int code, String output) {
    }

    @Test
    void networkInitGeneratesAndRegistersEveryKeyTheRewardBuilderSignsWith(@TempDir Path dir) throws Exception {
        JsonNode services = ComposeFileTest.read().path("services");
        Path keysMount = Path.of(ComposeFileTest.mount(services.path("reward-builder"), "keys"));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        List<Path> builderKeys = new ArrayList<>();
        for (String inContainer : ComposeFileTest.builderKeyFiles(services)) {
            builderKeys.add(keys.resolve(keysMount.relativize(Path.of(inContainer)).toString()));
        }

        try (EmbeddedStack stack = EmbeddedStack.builder().partitions(PARTITIONS).start();
             PoolLedgerApp app = new PoolLedgerApp(LocalStack.ledgerConfig(stack, dir.resolve("streams"), PARTITIONS, 0)).start()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(120))).isTrue();

            Result first = init(stack, keys);
            assertThat(first.code()).as(first.output()).isZero();
            List<String> accounts = new ArrayList<>();
            for (Path key : builderKeys) {
                assertThat(key).as("generated").exists();
                accounts.add(Keys.load(key).accountHex());
            }
            assertThat(rewardAuthorities(app)).as("both of the builder's keys may sign reward records").containsAll(accounts);
            JsonNode network = network(app);
            assertThat(network.path("authorities").path("custody")).extracting(JsonNode::asText)
                    .containsExactly(Keys.load(keys.resolve("custody.key")).accountHex());
            assertThat(new BigInteger(network.path("vaultTokens").asText("0"))).as("the vault the records draw on is funded").isPositive();

            List<byte[]> before = new ArrayList<>();
            for (Path key : builderKeys) {
                before.add(Files.readAllBytes(key));
            }
            Result again = init(stack, keys);
            assertThat(again.code()).as(again.output()).isZero();
            assertThat(again.output()).contains("ALREADY_INITIALIZED", "DUPLICATE_DEPOSIT");
            assertThat(network(app).path("vaultTokens").asText()).as("funded once").isEqualTo(network.path("vaultTokens").asText());
            for (int i = 0; i < builderKeys.size(); i++) {
                assertThat(Files.readAllBytes(builderKeys.get(i))).as("kept, never overwritten").isEqualTo(before.get(i));
            }
            assertThat(rewardAuthorities(app)).containsAll(accounts);
        }
    }

    /** Runs the init script as network-init does, with this build's CLI on the classpath instead of the image's. */
    private static Result init(EmbeddedStack stack, Path keys) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", Path.of("..", "compose", "init-network.sh").toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("KEYS_DIR", keys.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl());
        env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        env.put("STAKESTREAM_CLASSPATH", System.getProperty("java.class.path"));
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private static List<String> rewardAuthorities(PoolLedgerApp app) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        network(app).path("authorities").path("reward").forEach(a -> out.add(a.asText()));
        return out;
    }

    private static JsonNode network(PoolLedgerApp app) throws IOException, InterruptedException {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.restUrl() + "/network")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }
}
