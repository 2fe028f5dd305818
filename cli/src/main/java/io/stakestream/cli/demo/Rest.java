package io.stakestream.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The ledger's REST API as the demo reads it; a 503 (not RUNNING, rebalancing) is retried. */
final class Rest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Rest(String base) {
        this.base = base;
    }

    JsonNode pools() throws IOException, InterruptedException {
        return get("/pools?sort=stake");
    }

    JsonNode position(String pool, String accountHex) throws IOException, InterruptedException {
        return get("/pools/" + URLEncoder.encode(pool, StandardCharsets.UTF_8) + "/positions/" + accountHex);
    }

    JsonNode accountPositions(String accountHex) throws IOException, InterruptedException {
        return get("/accounts/" + accountHex + "/positions");
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                return JSON.readTree(res.body());
            }
            if (res.statusCode() != 503 || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("GET " + path + " answered " + res.statusCode() + ": " + res.body());
            }
            Thread.sleep(200);
        }
    }
}
