package io.stakestream.cli;

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
import java.util.Optional;

/** The streams-app query API: 503 (starting, rebalancing) is retried for a few seconds; no answer is {@link Unreachable}. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Api(String base) {
        this.base = base;
    }

    /** The answer, or empty on 404; any other status is an error naming it. */
    public Optional<JsonNode> find(String path) throws InterruptedException {
        Reply r = send(path);
        return r.status() == 404 ? Optional.empty() : Optional.of(read(r.body()));
    }

    /** The answer; 404 becomes an error with the API's own message and {@code hint}. */
    public JsonNode get(String path, String hint) throws InterruptedException {
        Reply r = send(path);
        if (r.status() == 404) {
            throw new IllegalStateException(error(r.body()) + (hint.isEmpty() ? "" : ": " + hint));
        }
        return read(r.body());
    }

    private record Reply(int status, String body) {
    }

    private Reply send(String path) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            HttpResponse<String> res;
            try {
                res = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException | IllegalArgumentException e) {
                throw new Unreachable("no query API answers at " + base + ": start it with `stakestream up` (or docker compose up),"
                        + " or pass --api URL");
            }
            if (res.statusCode() == 200 || res.statusCode() == 404) {
                return new Reply(res.statusCode(), res.body());
            }
            if (res.statusCode() != 503 || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("GET " + base + path + " answered " + res.statusCode() + ": " + error(res.body())
                        + (res.statusCode() == 503 ? " (the ledger is starting or rebalancing: try again shortly)" : ""));
            }
            Thread.sleep(250);
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the query API answered something that is not JSON: " + e.getMessage());
        }
    }

    private static String error(String body) {
        try {
            return JSON.readTree(body).path("error").asText(body);
        } catch (IOException notJson) {
            return body;
        }
    }
}
