package io.stakestream.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stakestream.protocol.registry.RegistryMediaType;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema Registry that speaks the REST subset of Confluent's over real HTTP on 127.0.0.1, for the
 * embedded demo and the tests. Ids are global and handed out 1, 2, 3... in registration order; the
 * same schema always gets the same id, whatever the subject. New versions of a subject must pass
 * its compatibility level ({@code /config}, default BACKWARD as Confluent's). State lives in
 * memory, plus an optional append-only journal file.
 */
public final class InProcessSchemaRegistry implements AutoCloseable {

    static {
        // the JDK's HttpServer writes headers and body apart: without TCP_NODELAY every answer waits
        // ~40 ms for the client's delayed ACK (BENCHMARKS.md, figure 9). Read once, by the first server made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(InProcessSchemaRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int requestedPort;
    private final Path journal;
    private final List<Schema> schemas = new ArrayList<>();          // id - 1 -> schema
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>(); // version - 1 -> id
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private HttpServer server;
    private ExecutorService executor;
    /** The port of the first start: a restart after {@link #stop} answers at the same address. */
    private int boundPort;

    /** A registry on a free port. */
    public InProcessSchemaRegistry() {
        this(0);
    }

    /** A registry on {@code port} (0 = any free port). */
    public InProcessSchemaRegistry(int port) {
        this(port, null);
    }

    /**
     * A registry that appends every new registration to {@code journal} (one JSON line each) and
     * replays it on construction. Replaying in order gives back the same ids, so records kept in
     * a Kafka data dir stay decodable after a restart of the demo.
     */
    public InProcessSchemaRegistry(int port, Path journal) {
        this.requestedPort = port;
        this.journal = journal;
        if (journal != null && Files.exists(journal)) {
            replay(journal);
        }
    }

    private void replay(Path file) {
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = JSON.readTree(line);
                if (entry.has("compatibility")) {
                    configure(entry.path("subject").asText(null), CompatibilityLevel.named(entry.path("compatibility").asText()), false);
                    continue;
                }
                register(entry.path("subject").asText(), new Schema.Parser().parse(entry.path("schema").asText()), false);
            }
            log.info("schema registry journal {}: {} registrations replayed", file, lineNo);
        } catch (IOException | RuntimeException e) {
            throw new SchemaRegistryException("cannot replay schema registry journal " + file + ": " + e.getMessage()
                    + "; delete it only together with the Kafka data it describes", e);
        }
    }

    private void append(String subject, Schema schema) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("subject", subject);
        entry.put("schema", schema.toString());
        append(entry);
    }

    private void append(ObjectNode entry) {
        try {
            Files.writeString(journal, entry + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot write schema registry journal " + journal + ": " + e.getMessage(), e);
        }
    }

    public synchronized InProcessSchemaRegistry start() {
        if (server != null) {
            return this;
        }
        int port = boundPort > 0 ? boundPort : requestedPort;
        server = bind(port);
        boundPort = server.getAddress().getPort();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("in-process Schema Registry listening at {}", url());
        return this;
    }

    private static HttpServer bind(int port) {
        IOException last = null;
        // a port just released by stop() can take a moment to be free again
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            } catch (IOException e) {
                last = e;
                if (port == 0) {
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new SchemaRegistryException("cannot bind the in-process Schema Registry to 127.0.0.1:" + port
                + ": " + last.getMessage() + "; pick another port or use 0", last);
    }

    /**
     * Stops answering HTTP, as a registry outage would, keeping every schema and id; {@link #start}
     * brings it back at the same port.
     */
    public void stop() {
        close();
        log.info("in-process Schema Registry stopped (port {} kept for a restart)", boundPort);
    }

    /** Base URL, e.g. http://127.0.0.1:40123. */
    public String url() {
        if (server == null) {
            throw new IllegalStateException("registry not started: call start() first");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    // ---- the registry itself, usable without HTTP too ----

    /** Registers under {@code subject}, returning the global id; throws {@link Refusal} if incompatible. */
    public synchronized int register(String subject, Schema schema) {
        return register(subject, schema, journal != null);
    }

    private synchronized int register(String subject, Schema schema, boolean journalIt) {
        String canonical = schema.toString();
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        Integer known = idByCanonical.get(canonical);
        if (known != null && versions.contains(known)) {
            return known;
        }
        CompatibilityLevel level = level(subject);
        if (!level.allows(schema, schemasOf(versions))) {
            throw new Refusal(409, RegistryMediaType.INCOMPATIBLE, "Schema being registered is incompatible with the latest schema of subject '"
                    + subject + "' (" + level + "): give new fields defaults, do not remove fields without defaults");
        }
        if (journalIt) {
            append(subject, schema); // before memory: a failed write must not hand out an id that is then lost
        }
        int id = known != null ? known : nextId(schema, canonical);
        List<Integer> updated = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        updated.add(id);
        log.debug("subject {} version {} -> id {}", subject, updated.size(), id);
        return id;
    }

    private int nextId(Schema schema, String canonical) {
        schemas.add(schema);
        int id = schemas.size();
        idByCanonical.put(canonical, id);
        return id;
    }

    private List<Schema> schemasOf(List<Integer> ids) {
        return ids.stream().map(id -> schemas.get(id - 1)).toList();
    }

    /** The level new versions of {@code subject} must pass: its own, else the global one. */
    private synchronized CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** Sets the global level ({@code subject} null) or a subject's ({@code level} null removes a subject's). */
    private synchronized void configure(String subject, CompatibilityLevel level, boolean journalIt) {
        if (journalIt && journal != null) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("subject", subject);
            entry.put("compatibility", level == null ? null : level.name());
            append(entry);
        }
        if (subject == null) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    /** The schema with this id, or null. */
    public synchronized Schema schema(int id) {
        return id >= 1 && id <= schemas.size() ? schemas.get(id - 1) : null;
    }

    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /**
     * A client that calls this registry directly, without HTTP: same answers, for tests and for the
     * demo's own producers when they share the JVM.
     */
    public SchemaRegistryClient client() {
        return new SchemaRegistryClient() {
            @Override
            public int register(String subject, Schema schema) {
                try {
                    return InProcessSchemaRegistry.this.register(subject, schema);
                } catch (Refusal r) {
                    throw new SchemaRegistryException(r.getMessage(), r.status, r.errorCode, r);
                }
            }

            @Override
            public int idOf(String subject, Schema schema) {
                try {
                    return (Integer) lookup(subject, schema).get("id");
                } catch (Refusal r) {
                    throw new SchemaRegistryException(r.getMessage(), r.status, r.errorCode, r);
                }
            }

            @Override
            public Schema schemaById(int id) {
                Schema schema = schema(id);
                if (schema == null) {
                    throw new SchemaRegistryException("Schema " + id + " not found", 404, RegistryMediaType.SCHEMA_NOT_FOUND, null);
                }
                return schema;
            }

            @Override
            public boolean isCompatible(String subject, Schema schema) {
                List<Integer> versions;
                synchronized (InProcessSchemaRegistry.this) {
                    versions = versionsBySubject.getOrDefault(subject, List.of());
                    return level(subject).allows(schema, schemasOf(versions));
                }
            }

            @Override
            public String url() {
                return server != null ? InProcessSchemaRegistry.this.url() : "in-process";
            }
        };
    }

    /** A refusal with the HTTP status and Confluent error code to answer. */
    public static final class Refusal extends RuntimeException {
        final int status;
        final int errorCode;

        Refusal(int status, int errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] path = Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
                    .filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            Object reply;
            try {
                reply = route(method, path, exchange.getRequestURI().getRawQuery(), exchange.getRequestBody());
            } catch (Refusal r) {
                respond(exchange, r.status, error(r.errorCode, r.getMessage()));
                return;
            } catch (RuntimeException e) {
                log.warn("in-process Schema Registry failed on {} {}", method, exchange.getRequestURI(), e);
                respond(exchange, 500, error(50001, "internal error: " + e));
                return;
            }
            respond(exchange, 200, JSON.writeValueAsString(reply));
        }
    }

    private Object route(String method, String[] p, String query, InputStream body) throws IOException {
        if (p.length == 0 && method.equals("GET")) {
            return Map.of();
        }
        if (p.length == 2 && p[0].equals("schemas") && p[1].equals("types") && method.equals("GET")) {
            return List.of("AVRO");
        }
        if (p.length >= 1 && p.length <= 2 && p[0].equals("config")) {
            return config(method, p.length == 2 ? p[1] : null, query, body);
        }
        if (p.length == 1 && p[0].equals("subjects") && method.equals("GET")) {
            return subjects();
        }
        if (p.length == 3 && p[0].equals("subjects") && p[2].equals("versions") && method.equals("POST")) {
            return Map.of("id", register(p[1], schemaOf(body)));
        }
        if (p.length == 3 && p[0].equals("subjects") && p[2].equals("versions") && method.equals("GET")) {
            return versionNumbers(p[1]);
        }
        if (p.length == 4 && p[0].equals("subjects") && p[2].equals("versions") && method.equals("GET")) {
            return version(p[1], p[3]);
        }
        if (p.length == 2 && p[0].equals("subjects") && method.equals("POST")) {
            return lookup(p[1], schemaOf(body));
        }
        if (p.length == 3 && p[0].equals("schemas") && p[1].equals("ids") && method.equals("GET")) {
            Schema schema = schema(parseInt(p[2]));
            if (schema == null) {
                throw new Refusal(404, RegistryMediaType.SCHEMA_NOT_FOUND, "Schema " + p[2] + " not found");
            }
            return Map.of("schema", schema.toString());
        }
        if (p.length == 5 && p[0].equals("compatibility") && p[1].equals("subjects") && p[3].equals("versions")
                && method.equals("POST")) {
            Schema candidate = schemaOf(body);
            List<Schema> against = p[4].equals("latest") || p[4].equals("-1") ? schemasOf(versions(p[2])) : List.of(schemaOfVersion(p[2], p[4]));
            return Map.of("is_compatible", level(p[2]).allows(candidate, against));
        }
        throw new Refusal(404, 404, "no such endpoint: " + method + " /" + String.join("/", p)
                + " (this in-process registry speaks only the subset stakestream uses)");
    }

    private synchronized List<Integer> versions(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new Refusal(404, RegistryMediaType.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return List.copyOf(versions);
    }

    private List<Integer> versionNumbers(String subject) {
        List<Integer> numbers = new ArrayList<>();
        for (int v = 1; v <= versions(subject).size(); v++) {
            numbers.add(v);
        }
        return numbers;
    }

    private Schema schemaOfVersion(String subject, String version) {
        List<Integer> versions = versions(subject);
        int v = latest(version) ? versions.size() : parseInt(version);
        if (v < 1 || v > versions.size()) {
            throw new Refusal(404, RegistryMediaType.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        return schema(versions.get(v - 1));
    }

    private Map<String, Object> version(String subject, String version) {
        List<Integer> versions = versions(subject);
        int v = latest(version) ? versions.size() : parseInt(version);
        Schema schema = schemaOfVersion(subject, version);
        return Map.of("subject", subject, "version", v, "id", versions.get(v - 1), "schema", schema.toString());
    }

    /** Confluent takes "latest" and -1 for the newest version. */
    private static boolean latest(String version) {
        return version.equals("latest") || version.equals("-1");
    }

    /**
     * {@code /config} and {@code /config/{subject}}: GET answers {"compatibilityLevel": ...} (a
     * subject without its own level is 404 40408 unless {@code defaultToGlobal=true}); PUT takes
     * {"compatibility": ...} and answers it back; DELETE removes a subject's own level.
     */
    private Object config(String method, String subject, String query, InputStream body) throws IOException {
        switch (method) {
            case "GET" -> {
                CompatibilityLevel own;
                synchronized (this) {
                    own = subject == null ? globalLevel : subjectLevels.get(subject);
                }
                if (own == null && !(query != null && query.contains("defaultToGlobal=true"))) {
                    throw new Refusal(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
                }
                return Map.of("compatibilityLevel", (own == null ? level(subject) : own).name());
            }
            case "PUT" -> {
                JsonNode request = JSON.readTree(body);
                String name = request == null ? null : request.path("compatibility").asText(null);
                CompatibilityLevel level = CompatibilityLevel.named(name);
                if (level == null) {
                    throw new Refusal(422, 42203, "Invalid compatibility level '" + name + "': one of "
                            + Arrays.toString(CompatibilityLevel.values()));
                }
                configure(subject, level, true);
                return Map.of("compatibility", level.name());
            }
            case "DELETE" -> {
                if (subject == null) {
                    throw new Refusal(405, 405, "the global level can be changed, not deleted");
                }
                CompatibilityLevel before = level(subject);
                configure(subject, null, true);
                return Map.of("compatibilityLevel", before.name());
            }
            default -> throw new Refusal(405, 405, method + " is not served on /config");
        }
    }

    private synchronized Map<String, Object> lookup(String subject, Schema schema) {
        List<Integer> versions = versions(subject);
        Integer id = idByCanonical.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new Refusal(404, RegistryMediaType.SCHEMA_NOT_FOUND, "Schema not found under subject '" + subject + "'");
        }
        return Map.of("subject", subject, "version", versions.indexOf(id) + 1, "id", id, "schema", schema.toString());
    }

    private static Schema schemaOf(InputStream body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new Refusal(422, RegistryMediaType.INVALID_SCHEMA, "request body is not JSON: " + e.getMessage());
        }
        String type = request == null ? null : request.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new Refusal(422, RegistryMediaType.INVALID_SCHEMA, "only AVRO schemas are supported, got " + type);
        }
        String text = request.path("schema").asText(null);
        if (text == null) {
            throw new Refusal(422, RegistryMediaType.INVALID_SCHEMA, "request body needs a \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new Refusal(422, RegistryMediaType.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Refusal(422, 42202, "not a number: " + s);
        }
    }

    private static String error(int code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error_code", code);
        node.put("message", message);
        return node.toString();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", RegistryMediaType.V1_JSON);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
