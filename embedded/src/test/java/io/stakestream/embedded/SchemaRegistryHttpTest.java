package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.SetModel;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client against the in-process registry, over real HTTP on 127.0.0.1. */
class SchemaRegistryHttpTest {

    private final InProcessSchemaRegistry registry = new InProcessSchemaRegistry().start();
    private final RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void idsAreGlobalInRegistrationOrder() {
        assertThat(client.register("stakestream.commands-value", SetModel.getClassSchema())).isEqualTo(1);
        assertThat(client.register("stakestream.events-value", EpochClose.getClassSchema())).isEqualTo(2);
        // same schema under another subject: same id
        assertThat(client.register("other-value", SetModel.getClassSchema())).isEqualTo(1);
        // a fresh client (no cache) gets the same answers from the server
        RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(registry.url() + "/");
        assertThat(fresh.register("stakestream.commands-value", SetModel.getClassSchema())).isEqualTo(1);
        assertThat(fresh.idOf("stakestream.events-value", EpochClose.getClassSchema())).isEqualTo(2);
        assertThat(fresh.schemaById(2)).isEqualTo(EpochClose.getClassSchema());
        assertThat(registry.subjects()).containsExactly("stakestream.commands-value", "stakestream.events-value", "other-value");
    }

    @Test
    void aStoppedRegistryIsAnOutageAndComesBackAtTheSamePortWithTheSameIds() {
        String url = registry.url();
        int id = client.register("s-value", SetModel.getClassSchema());

        registry.stop();
        RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(url);
        assertThatThrownBy(() -> fresh.schemaById(id))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).as("not reached").isEqualTo(-1));

        registry.start();
        assertThat(registry.url()).isEqualTo(url);
        assertThat(fresh.schemaById(id)).isEqualTo(SetModel.getClassSchema());
        assertThat(fresh.register("s-value", SetModel.getClassSchema())).isEqualTo(id);
    }

    @Test
    void notFoundAnswersCarryConfluentErrorCodes() {
        client.register("s-value", SetModel.getClassSchema());

        assertThatThrownBy(() -> client.schemaById(42))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                });
        assertThatThrownBy(() -> client.idOf("s-value", EpochClose.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> client.idOf("nobody-value", EpochClose.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        // no subject yet: anything is compatible
        assertThat(client.isCompatible("nobody-value", EpochClose.getClassSchema())).isTrue();
        // an unrelated record cannot read SetModel data
        assertThat(client.isCompatible("s-value", EpochClose.getClassSchema())).isFalse();
    }

    @Test
    void speaksTheConfluentJsonShapes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\",\"schemaType\":\"AVRO\"}";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/r-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).isEqualTo("{\"id\":1}");
        assertThat(registered.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");

        HttpResponse<String> byId = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byId.body()).isEqualTo("{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[]}\"}");

        HttpResponse<String> latest = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/r-value/versions/latest")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(latest.body()).contains("\"version\":1").contains("\"id\":1").contains("\"subject\":\"r-value\"");

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/7")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error_code\":40403");
    }

    @Test
    void cachedAnswersSurviveTheRegistryGoingAway() {
        int id = client.register("s-value", SetModel.getClassSchema());
        registry.close();

        assertThat(client.register("s-value", SetModel.getClassSchema())).isEqualTo(id);
        assertThat(client.schemaById(id)).isEqualTo(SetModel.getClassSchema());
        assertThatThrownBy(() -> client.schemaById(id + 1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("Schema Registry at " + client.url() + " unreachable: start it or set SCHEMA_REGISTRY_URL");
    }

    @Test
    void portCanBeFixed() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (InProcessSchemaRegistry fixed = new InProcessSchemaRegistry(port).start()) {
            assertThat(fixed.url()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(new RestSchemaRegistryClient(fixed.url()).register("x-value", SetModel.getClassSchema())).isEqualTo(1);
        }
    }
}
