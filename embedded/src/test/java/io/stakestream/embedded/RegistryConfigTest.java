package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls other languages' registry clients make before they register (e.g.
 * {@code @kafkajs/confluent-schema-registry}: GET /config/{subject}, 404 on a first registration,
 * then PUT it), over real HTTP, and the levels they set actually deciding what registers.
 */
class RegistryConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema V1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
    /** A field without a default: a BACKWARD reader of V1 data cannot fill it in. */
    private static final Schema V2_NO_DEFAULT = SchemaBuilder.record("R").fields().requiredString("a").requiredLong("b").endRecord();
    /** A field with a default: readable both ways. */
    private static final Schema V2_DEFAULT = SchemaBuilder.record("R").fields().requiredString("a")
            .name("c").type().longType().longDefault(0).endRecord();

    private final HttpClient http = HttpClient.newHttpClient();
    private InProcessSchemaRegistry registry = new InProcessSchemaRegistry().start();

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void globalAndSubjectLevelsAreReadAndSetTheConfluentWay() throws Exception {
        assertThat(call("GET", "/config", null).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        Answer none = send("GET", "/config/r-value", null);
        assertThat(none.status).isEqualTo(404);
        assertThat(none.json.path("error_code").asInt()).isEqualTo(40408);
        assertThat(call("GET", "/config/r-value?defaultToGlobal=true", null).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");

        assertThat(call("PUT", "/config/r-value", "{\"compatibility\":\"full\"}").path("compatibility").asText()).isEqualTo("FULL");
        assertThat(call("GET", "/config/r-value", null).path("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(call("PUT", "/config", "{\"compatibility\":\"NONE\"}").path("compatibility").asText()).isEqualTo("NONE");
        assertThat(call("GET", "/config", null).path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(call("GET", "/config/r-value", null).path("compatibilityLevel").asText()).isEqualTo("FULL");

        Answer bad = send("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}");
        assertThat(bad.status).isEqualTo(422);
        assertThat(bad.json.path("error_code").asInt()).isEqualTo(42203);

        assertThat(call("DELETE", "/config/r-value", null).path("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(send("GET", "/config/r-value", null).status).isEqualTo(404);
        assertThat(call("GET", "/schemas/types", null).toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void theLevelDecidesWhatRegisters() throws Exception {
        assertThat(register("r-value", V1).status).isEqualTo(200);
        // default BACKWARD: a new required field without a default is refused
        assertThat(register("r-value", V2_NO_DEFAULT).status).isEqualTo(409);
        call("PUT", "/config/r-value", "{\"compatibility\":\"NONE\"}");
        assertThat(register("r-value", V2_NO_DEFAULT).status).isEqualTo(200);
        call("PUT", "/config/r-value", "{\"compatibility\":\"FORWARD\"}");
        // FORWARD: readers on V2_NO_DEFAULT must read the candidate's data, which lacks b
        assertThat(register("r-value", V2_DEFAULT).status).isEqualTo(409);
        call("PUT", "/config/r-value", "{\"compatibility\":\"BACKWARD\"}");
        assertThat(register("r-value", V2_DEFAULT).status).isEqualTo(200);

        // -1 is the latest version, as in Confluent's API
        JsonNode latest = call("GET", "/subjects/r-value/versions/-1", null);
        assertThat(latest.path("version").asInt()).isEqualTo(3);
        assertThat(new Schema.Parser().parse(latest.path("schema").asText())).isEqualTo(V2_DEFAULT);
        assertThat(call("POST", "/compatibility/subjects/r-value/versions/-1", body(V1)).path("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void levelsSurviveARestartWithTheJournal(@TempDir Path dir) throws Exception {
        registry.close();
        Path journal = dir.resolve("registry.jsonl");
        registry = new InProcessSchemaRegistry(0, journal).start();
        register("r-value", V1);
        call("PUT", "/config/r-value", "{\"compatibility\":\"NONE\"}");
        registry.close();

        registry = new InProcessSchemaRegistry(0, journal).start();
        assertThat(call("GET", "/config/r-value", null).path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(register("r-value", V2_NO_DEFAULT).status).isEqualTo(200);
    }

    private Answer register(String subject, Schema schema) throws Exception {
        return send("POST", "/subjects/" + subject + "/versions", body(schema));
    }

    private static String body(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        Answer a = send(method, path, body);
        assertThat(a.status).as(method + " " + path + ": " + a.json).isEqualTo(200);
        return a.json;
    }

    private Answer send(String method, String path, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(res.statusCode(), JSON.readTree(res.body()));
    }

    private record Answer(int status, JsonNode json) {
    }
}
