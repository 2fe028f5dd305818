package io.stakestream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query API over a live stack with two instances (one partition each): every route answers
 * what the network did, both instances answer every route identically, the OpenAPI document lists
 * exactly the routes served, and a rebalance gives 503s, never another number.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueriesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LiveLedger live;
    private PoolLedgerApp a;
    private PoolLedgerApp b;

    @BeforeAll
    void start() throws Exception {
        live = new LiveLedger();
        a = live.startInstance();
        b = live.startInstance();
        assertThat(a.awaitRunning(Duration.ofSeconds(90)) && b.awaitRunning(Duration.ofSeconds(90))).isTrue();
        live.runScenario();
    }

    @AfterAll
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void poolsCarryTierSharePriceRewardStatusAndPerformance() throws Exception {
        JsonNode atlas = get(a, "/pools/atlas");
        // 5000 + 3000 staked, then a reward of 100: T grew
        assertThat(new BigInteger(atlas.path("totalStake").asText())).isGreaterThan(LiveLedger.TOKEN.multiply(BigInteger.valueOf(8_000)));
        assertThat(atlas.path("tier").asInt()).isEqualTo(2);
        assertThat(new BigDecimal(atlas.path("sharePrice").asText())).isGreaterThan(BigDecimal.ONE);
        assertThat(atlas.path("rewardStatus").path("activeForRewards").asBoolean()).isTrue();
        assertThat(atlas.path("rewardStatus").path("lifecycle").asText()).isEqualTo("ACTIVE");
        assertThat(atlas.path("performance").path("epoch").asLong()).isEqualTo(1);
        // Avro arrays are JSON arrays of hex, not a Java toString()
        assertThat(atlas.path("operatorAuthKeys").isArray()).isTrue();
        assertThat(atlas.path("operatorAuthKeys").get(0).asText()).isEqualTo(live.atlas.accountHex());
        JsonNode network = get(b, "/network");
        assertThat(network.path("authorities").path("admin").get(0).asText()).isEqualTo(TestAccounts.ADMIN.accountHex());
        assertThat(network.path("params").path("tierThresholds").get(0).asText()).isEqualTo(LiveLedger.tokens(500).toPlainString());

        JsonNode cirrus = get(b, "/pools/cirrus");
        assertThat(cirrus.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(cirrus.path("halted").asBoolean()).isTrue();
        assertThat(cirrus.path("rewardStatus").path("activeForRewards").asBoolean()).isFalse();
        assertThat(cirrus.path("rewardStatus").path("reasons").findValuesAsText("code")).containsExactly("HALTED");
        assertThat(cirrus.path("tier").asInt()).isEqualTo(1);
    }

    @Test
    void rankingsByStakeAndByPerformance() throws Exception {
        assertThat(get(a, "/pools?sort=stake").findValuesAsText("poolId")).containsExactly("atlas", "borealis", "cirrus");
        // epoch 1: borealis 4/4 at 100 ms, atlas 3/4 at 200 ms, cirrus no jobs (last, whatever its stake)
        JsonNode byPerformance = get(b, "/pools?sort=performance");
        assertThat(byPerformance.findValuesAsText("poolId")).containsExactly("borealis", "atlas", "cirrus");
        JsonNode borealis = byPerformance.get(0).path("performance");
        assertThat(borealis.path("epoch").asLong()).isEqualTo(1);
        assertThat(borealis.path("jobs").asLong()).isEqualTo(4);
        assertThat(borealis.path("slaPpm").asLong()).isEqualTo(1_000_000);
        assertThat(borealis.path("avgLatencyMs").asLong()).isEqualTo(100);
        assertThat(byPerformance.get(1).path("performance").path("slaPpm").asLong()).isEqualTo(750_000);
        assertThat(byPerformance.get(2).path("performance").path("jobs").asLong()).isZero();
        assertThat(status(a, "/pools?sort=mood")).isEqualTo(400);
    }

    @Test
    void pendingSlashesShowTheirDisputeWindow() throws Exception {
        JsonNode all = get(a, "/slashes");
        assertThat(all).hasSize(1);
        JsonNode s = all.get(0);
        assertThat(s.path("poolId").asText()).isEqualTo("cirrus");
        assertThat(s.path("slashId").asText()).isEqualTo("sla-1");
        assertThat(s.path("proposedEpoch").asLong()).isEqualTo(0);
        long current = s.path("currentEpoch").asLong();
        assertThat(current).isEqualTo(2);
        assertThat(s.path("disputeWindowOpen").asBoolean()).isEqualTo(current < s.path("executableEpoch").asLong());
        assertThat(s.path("epochsUntilExecutable").asLong()).isEqualTo(Math.max(0, s.path("executableEpoch").asLong() - current));
        assertThat(get(b, "/pools/cirrus/slashes")).isEqualTo(all);
        assertThat(get(b, "/pools/atlas/slashes")).isEmpty();
        assertThat(get(b, "/slashes/executed")).isEmpty();
    }

    @Test
    void rejectionsAreCountedByReason() throws Exception {
        JsonNode r = get(a, "/rejections");
        assertThat(r.path("byReason").path("ZERO_AMOUNT").asLong()).isEqualTo(1);
        assertThat(r.path("byReason").path("REPLAY").asLong()).isEqualTo(1);
        assertThat(r.path("byReason").path("UNKNOWN_POOL").asLong()).isEqualTo(1);
        assertThat(r.path("total").asLong()).isEqualTo(3);
    }

    @Test
    void rootsProofsAndTheTreeDump() throws Exception {
        StandardMerkleTree tree = live.epoch0;
        JsonNode root = get(a, "/epochs/0/root");
        assertThat(root.path("root").asText()).isEqualTo(Hex.encode(tree.root()));
        assertThat(root.path("leafCount").asLong()).isEqualTo(2);
        assertThat(root.path("tree").asText()).isEqualTo("/epochs/0/tree");
        assertThat(get(b, "/epochs").findValuesAsText("epoch")).containsExactly("0");

        JsonNode proof = get(b, "/epochs/0/proofs/atlas");
        assertThat(proof.path("tokens").asText()).isEqualTo(LiveLedger.tokens(100).toPlainString());
        List<byte[]> siblings = new ArrayList<>();
        proof.path("proof").forEach(h -> siblings.add(Hex.decode(h.asText())));
        assertThat(StandardMerkleTree.verify(Hex.decode(root.path("root").asText()), Hex.decode(proof.path("leaf").asText()), siblings))
                .as("the served proof leads to the served root").isTrue();

        JsonNode dump = get(a, "/epochs/0/tree");
        assertThat(dump.path("tree").get(0).asText()).isEqualTo(Hex.encode0x(tree.root()));
        assertThat(status(a, "/epochs/7/tree")).isEqualTo(404);
        assertThat(status(a, "/epochs/7/root")).isEqualTo(404);
        assertThat(status(a, "/epochs/x/root")).isEqualTo(400);
        assertThat(status(a, "/epochs/0/proofs/nowhere")).isEqualTo(404);
    }

    @Test
    void historyShowsSharePriceAndRewardsPerEpoch() throws Exception {
        JsonNode history = get(b, "/pools/atlas/history");
        Map<Long, JsonNode> byEpoch = new TreeMap<>();
        history.forEach(h -> byEpoch.put(h.path("epoch").asLong(), h));
        assertThat(byEpoch.keySet()).containsExactly(0L, 1L);
        assertThat(new BigDecimal(byEpoch.get(0L).path("sharePrice").asText())).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(byEpoch.get(0L).path("rewardTokens").asText()).isEqualTo(LiveLedger.tokens(100).toPlainString());
        assertThat(byEpoch.get(0L).path("totalStake").asText()).isEqualTo(LiveLedger.tokens(8_000).toPlainString());
        assertThat(new BigDecimal(byEpoch.get(1L).path("sharePrice").asText())).isGreaterThan(BigDecimal.ONE);
        assertThat(byEpoch.get(1L).path("accruedTokens").asText()).isEqualTo(LiveLedger.tokens(100).toPlainString());
        assertThat(get(a, "/pools/nowhere/history")).isEmpty();
    }

    @Test
    void bothInstancesAnswerEveryRouteIdentically() throws Exception {
        List<String> paths = List.of("/pools?sort=stake", "/pools?sort=performance", "/pools/atlas", "/pools/borealis", "/pools/cirrus",
                "/pools/atlas/positions/" + live.dave.accountHex(), "/accounts/" + live.dave.accountHex() + "/positions",
                "/pools/cirrus/slashes", "/slashes", "/slashes/executed", "/rejections", "/epochs", "/epochs/0/root",
                "/epochs/0/proofs/atlas", "/epochs/0/tree", "/pools/atlas/history", "/network", "/epochs/0/reward-record");
        for (String path : paths) {
            HttpResponse<String> fromA = answered(a, path);
            HttpResponse<String> fromB = answered(b, path);
            assertThat(fromA.statusCode()).as(path).isEqualTo(fromB.statusCode());
            assertThat(fromA.statusCode()).as(path).isIn(200, 404);
            assertThat(JSON.readTree(fromA.body())).as(path).isEqualTo(JSON.readTree(fromB.body()));
        }
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesServed() throws Exception {
        JsonNode doc = get(a, "/openapi.json");
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        Map<String, String> samples = Map.of("{poolId}", "atlas", "{account}", live.dave.accountHex(), "{epoch}", "0");
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String path = template;
            for (var e : samples.entrySet()) {
                path = path.replace(e.getKey(), e.getValue());
            }
            HttpResponse<String> res = answered(a, path);
            assertThat(res.statusCode()).as("documented route %s answers", template).isEqualTo(200);
            assertThat(doc.path("paths").path(template).path("get").path("responses").has("200")).isTrue();
        }
        // and what is not documented is not served
        for (String undocumented : List.of("/pools/atlas/shares", "/epochs/0/leaves", "/admin")) {
            assertThat(JSON.readTree(send(a, undocumented).body()).path("error").asText()).as(undocumented).startsWith("no such");
        }
    }

    @Test
    void metricsIncludeKafkaStreamsThroughMicrometer() throws Exception {
        String metrics = send(a, "/metrics").body();
        assertThat(metrics).contains("stakestream_records_accepted_total");
        // the binder's names: kafka_stream_* per client, tagged with our app names
        assertThat(metrics).containsPattern("kafka_stream_\\w*commit_latency_avg\\{[^}]*app=\"ledger\"");
        assertThat(metrics).containsPattern("kafka_consumer_\\w*records_lag\\w*\\{");
        assertThat(metrics).contains("app=\"attestation-gateway\"");
    }

    @Test
    void aRebalanceAnswers503NeverAnotherNumber() throws Exception {
        String before = JSON.readTree(send(a, "/pools/atlas").body()).toString();
        PoolLedgerApp c = live.startInstance();
        List<Integer> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean settled = false;
        while (!settled && System.nanoTime() < deadline) {
            for (PoolLedgerApp via : List.of(a, b)) {
                HttpResponse<String> res = send(via, "/pools/atlas");
                seen.add(res.statusCode());
                if (res.statusCode() == 503) {
                    assertThat(JSON.readTree(res.body()).path("retryable").asBoolean()).isTrue();
                } else {
                    assertThat(res.statusCode()).isEqualTo(200);
                    assertThat(JSON.readTree(res.body()).toString()).as("same answer through the rebalance").isEqualTo(before);
                }
            }
            settled = c.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING && seen.get(seen.size() - 1) == 200;
            Thread.sleep(50);
        }
        assertThat(settled).as("the third instance joined and answers settled; statuses seen: %s", seen).isTrue();
        c.close();
        live.apps.remove(c);
    }

    private JsonNode get(PoolLedgerApp via, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> res = send(via, path);
            if (res.statusCode() == 200) {
                return JSON.readTree(res.body());
            }
            if (res.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " -> " + res.statusCode() + " " + res.body());
            }
            Thread.sleep(200);
        }
    }

    /** The first answer that is not a retryable 503 (another test's instance may be rebalancing). */
    private HttpResponse<String> answered(PoolLedgerApp via, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> res = send(via, path);
        while (res.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            res = send(via, path);
        }
        return res;
    }

    private int status(PoolLedgerApp via, String path) throws Exception {
        return answered(via, path).statusCode();
    }

    private HttpResponse<String> send(PoolLedgerApp via, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(via.restUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
