package io.stakestream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.app.PoolLedgerApp;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /reconciliation read in a loop while custody's deposits flow: each deposit changes a
 * partition's network record (deposited) and a pool (its free balance) in one command, so books
 * read from those records one after the other could show half of it. Every answer must balance.
 */
class BooksWhileCommandsFlowIT {

    private static final Logger log = LoggerFactory.getLogger(BooksWhileCommandsFlowIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEPOSITS = 6_000;

    @Test
    void everyAnswerBalancesWhileDepositsChangeTheBooks() throws Exception {
        try (LiveLedger live = new LiveLedger()) {
            PoolLedgerApp app = live.startInstance();
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
            live.runScenario();
            HttpClient http = HttpClient.newHttpClient();
            BigInteger before = deposited(get(http, app));

            CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
                live.deposits(live.atlas, "atlas", DEPOSITS / 2);
                live.deposits(live.borealis, "borealis", DEPOSITS / 2);
            });
            List<JsonNode> unbalanced = new ArrayList<>();
            int answers = 0;
            BigInteger expected = before.add(LiveLedger.TOKEN.multiply(BigInteger.valueOf(DEPOSITS)));
            BigInteger seen = before;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            // until every deposit is in the books: the reads overlap the whole flow
            while (!seen.equals(expected) && System.nanoTime() < deadline) {
                JsonNode books = get(http, app);
                if (books == null) continue; // 503 retryable
                answers++;
                if (!books.path("balanced").asBoolean()) unbalanced.add(books);
                seen = deposited(books);
            }
            flow.join();
            log.info("{} answers read while {} deposits flowed, {} unbalanced{}", answers, DEPOSITS, unbalanced.size(),
                    unbalanced.isEmpty() ? "" : " (first: " + unbalanced.get(0) + ")");
            assertThat(seen).as("every deposit reached the books").isEqualTo(expected);
            assertThat(answers).as("answers read while deposits flowed").isGreaterThan(100);
            assertThat(unbalanced).as("answers that did not balance, of %d", answers).isEmpty();
        }
    }

    private static BigInteger deposited(JsonNode books) {
        return new BigInteger(books.path("assets").path("TOKEN").path("deposited").asText());
    }

    /** The books, or null for a 503 retryable; anything else fails. */
    private static JsonNode get(HttpClient http, PoolLedgerApp app) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(app.restUrl() + "/reconciliation"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 503) {
            assertThat(JSON.readTree(res.body()).path("retryable").asBoolean()).as(res.body()).isTrue();
            return null;
        }
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }
}
