package io.stakestream.protocol.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to a Confluent-compatible Schema Registry over HTTP (java.net.http). Ids are global and
 * immutable, so both directions are cached for the life of the client.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String url) {
        this(url, Duration.ofSeconds(10));
    }

    public RestSchemaRegistryClient(String url, Duration timeout) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no Schema Registry URL: set SCHEMA_REGISTRY_URL (e.g. http://localhost:8081)");
        }
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String url() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idBySubjectAndSchema.computeIfAbsent(cacheKey(subject, schema), k -> {
            JsonNode reply = call("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
            int id = reply.path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("Schema Registry at " + baseUrl + " answered without an id: " + reply, null);
            }
            schemaById.putIfAbsent(id, schema);
            log.debug("registered subject {} -> schema id {}", subject, id);
            return id;
        });
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return idBySubjectAndSchema.computeIfAbsent(cacheKey(subject, schema), k -> {
            JsonNode reply = call("POST", "/subjects/" + encode(subject), body(schema));
            int id = reply.path("id").asInt(-1);
            schemaById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemaById.computeIfAbsent(id, k -> {
            JsonNode reply = call("GET", "/schemas/ids/" + id, null);
            String text = reply.path("schema").asText(null);
            if (text == null) {
                throw new SchemaRegistryException("Schema Registry at " + baseUrl + " returned no schema for id " + id, null);
            }
            return new Schema.Parser().parse(text);
        });
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode reply = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body(schema));
            return reply.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            // Nothing registered yet: anything is compatible with nothing.
            if (e.errorCode() == RegistryMediaType.SUBJECT_NOT_FOUND || e.errorCode() == RegistryMediaType.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    private static String cacheKey(String subject, Schema schema) {
        return subject + '\n' + schema.toString();
    }

    private static String body(Schema schema) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", schema.toString());
        node.put("schemaType", "AVRO");
        return node.toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", RegistryMediaType.V1_JSON + ", application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", RegistryMediaType.V1_JSON)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new SchemaRegistryException("Schema Registry at " + baseUrl
                    + " unreachable: start it or set SCHEMA_REGISTRY_URL", e);
        } catch (HttpTimeoutException e) {
            throw new SchemaRegistryException("Schema Registry at " + baseUrl + " did not answer " + method + " " + path
                    + " within " + timeout.toSeconds() + " s: check that it is up and not overloaded", e);
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema Registry at " + baseUrl + " failed on " + method + " " + path
                    + ": " + e + "; check SCHEMA_REGISTRY_URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling Schema Registry at " + baseUrl, e);
        }
        JsonNode reply = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            int code = reply.path("error_code").asInt(response.statusCode());
            String message = reply.path("message").asText(response.body());
            throw new SchemaRegistryException("Schema Registry at " + baseUrl + " refused " + method + " " + path
                    + ": HTTP " + response.statusCode() + " error " + code + ": " + message,
                    response.statusCode(), code, null);
        }
        return reply;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            // Not JSON (e.g. a proxy's HTML page): surface the start of it.
            ObjectNode node = JSON.createObjectNode();
            node.put("message", text.length() > 200 ? text.substring(0, 200) + "..." : text);
            return node;
        }
    }
}
