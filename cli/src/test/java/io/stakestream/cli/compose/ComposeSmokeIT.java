package io.stakestream.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * `docker compose up --build` for real, where a Docker engine runs (skipped cleanly where not):
 * the ledger reaches RUNNING on one broker, network-init initializes the network, and the
 * reward-builder's epoch closes, signed with the key network-init registered, are accepted.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Container
    private static final ComposeContainer COMPOSE = new ComposeContainer(new File("../docker-compose.yml"))
            .withLocalCompose(true)
            .withBuild(true)
            .withEnv("EPOCH_SECONDS", "5")
            .withExposedService("streams-app", 8080, Wait.forHttp("/health").forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(10)));

    @Test
    void theStackInitializesItselfAndClosesEpochs() throws Exception {
        String api = "http://" + COMPOSE.getServiceHost("streams-app", 8080) + ":" + COMPOSE.getServicePort("streams-app", 8080);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode network = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(api + "/network")).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                network = JSON.readTree(res.body());
                if (network.path("currentEpoch").asLong() >= 2) {
                    break;
                }
            }
            Thread.sleep(1_000);
        }
        assertThat(network).as("network-init initialized the network").isNotNull();
        assertThat(network.path("authorities").path("reward").size()).isEqualTo(1);
        assertThat(network.path("currentEpoch").asLong()).as("the reward-builder's epoch closes were accepted").isGreaterThanOrEqualTo(2);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(api + "/dashboard/")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("stakestream");
    }
}
