package io.stakestream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stakestream.app.StreamsConfigs;
import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.app.topology.PoolLedgerTopology;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API of an instance whose ledger is not RUNNING yet: retryable 503s, never a number. */
class QueryServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "ab".repeat(32);
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaStreams streams;
    private QueryServer server;
    private io.stakestream.app.outputs.OutputLog outputs;

    @BeforeEach
    void start() throws Exception {
        LedgerMetrics metrics = new LedgerMetrics();
        metrics.consumed();
        StakestreamSerdes serdes = new StakestreamSerdes(new InProcessSchemaRegistry().client());
        Properties props = StreamsConfigs.base("rest-test", "127.0.0.1:1", Files.createTempDirectory("rest").toString(), "dlq");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HostInfo self = new HostInfo("127.0.0.1", http.getAddress().getPort());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        // created, never started: exactly what a query sees before the first assignment
        streams = new KafkaStreams(new PoolLedgerTopology(LedgerTopics.defaults(), serdes, 1, metrics).build(), props);
        outputs = new io.stakestream.app.outputs.OutputLog("127.0.0.1:1", serdes, LedgerTopics.defaults());
        server = new QueryServer(http, new LedgerQueries(streams, self, 1), outputs, null, metrics, () -> "").start();
    }

    @AfterEach
    void stop() {
        server.close();
        outputs.close();
        streams.close();
    }

    @Test
    void everyQueryAnswersRetryable503BeforeRunning() throws Exception {
        for (String path : new String[] {"/pools/alice", "/pools/alice/positions/" + ACCOUNT, "/pools?sort=stake",
                "/accounts/" + ACCOUNT + "/positions", "/health"}) {
            HttpResponse<String> res = get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(503);
            assertThat(res.headers().firstValue("Retry-After")).as(path).hasValue("1");
            JsonNode body = JSON.readTree(res.body());
            assertThat(body.path("retryable").asBoolean()).as(path).isTrue();
        }
        assertThat(JSON.readTree(get("/health").body()).path("state").asText()).isEqualTo("CREATED");
    }

    @Test
    void badInputIsAClient400Or404() throws Exception {
        assertThat(get("/pools/alice/positions/not-hex").statusCode()).isEqualTo(400);
        assertThat(get("/accounts/123/positions").statusCode()).isEqualTo(400);
        assertThat(get("/pools?sort=mood").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = get("/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("retryable").asBoolean()).isFalse();
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        HttpResponse<String> res = get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(res.body()).contains("# TYPE stakestream_records_consumed_total counter")
                .contains("stakestream_records_consumed_total 1")
                .contains("stakestream_streams_running{state=\"CREATED\"} 0");
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
