package io.stakestream.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a ledger instance's REST API says about the pools and the given accounts. */
final class Rest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Rest() {
    }

    /** "/pools" and "/accounts/{a}/positions" for each account -> body. */
    static Map<String, JsonNode> snapshot(String baseUrl, List<String> accounts) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        out.put("/pools", get(baseUrl + "/pools?sort=stake"));
        for (String a : accounts) {
            out.put("/accounts/" + a + "/positions", get(baseUrl + "/accounts/" + a + "/positions"));
        }
        return out;
    }

    /** GET, retrying while the instance answers 503 (not RUNNING yet, rebalancing). */
    static JsonNode get(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                return JSON.readTree(res.body());
            }
            if (res.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("GET " + url + " -> " + res.statusCode() + " " + res.body());
            }
            Thread.sleep(200);
        }
    }
}
