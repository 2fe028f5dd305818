package io.stakestream.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topics of topics.json. Immutable; the overrides return a new catalog so one broker size
 * cannot leak into another's settings.
 */
public final class TopicCatalog {

    /** Classpath location of the definitions (topics/topics.json in the source tree). */
    public static final String RESOURCE = "topics.json";

    private static final Set<String> FIELDS = Set.of("name", "partitions", "replicationFactor", "cleanupPolicy",
            "retentionMs", "timestampType", "copartitionedWith", "configs", "key", "value", "description");

    private final Map<String, TopicDefinition> byName;
    private final List<TopicDefinition> order;

    private TopicCatalog(List<TopicDefinition> topics) {
        Map<String, TopicDefinition> map = new LinkedHashMap<>();
        for (TopicDefinition t : topics) {
            if (map.put(t.name(), t) != null) {
                throw new IllegalArgumentException("topic " + t.name() + " is defined twice");
            }
        }
        for (TopicDefinition t : map.values()) {
            t.copartitionedWith().ifPresent(other -> {
                TopicDefinition peer = map.get(other);
                if (peer == null) {
                    throw new IllegalArgumentException(t.name() + " is co-partitioned with unknown topic " + other);
                }
                if (peer.partitions() != t.partitions()) {
                    throw new IllegalArgumentException(t.name() + " must have as many partitions as " + other + " ("
                            + peer.partitions() + "), has " + t.partitions());
                }
            });
        }
        this.byName = Map.copyOf(map);
        this.order = List.copyOf(map.values());
    }

    /** The definitions shipped in this build. */
    public static TopicCatalog load() {
        try (InputStream in = TopicCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the stakestream-topics jar is missing or broken");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TopicCatalog load(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode topics = root.path("topics");
        if (!topics.isArray()) {
            throw new IllegalArgumentException(RESOURCE + " needs a \"topics\" array");
        }
        List<TopicDefinition> definitions = new ArrayList<>();
        for (JsonNode node : topics) {
            definitions.add(parse(node));
        }
        return new TopicCatalog(definitions);
    }

    private static TopicDefinition parse(JsonNode node) {
        String name = required(node, "name", "?").asText();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(name + ": unknown field \"" + field + "\" (known: " + FIELDS + ")");
            }
        }
        Map<String, String> configs = new LinkedHashMap<>();
        node.path("configs").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
        return new TopicDefinition(
                name,
                required(node, "partitions", name).asInt(),
                (short) required(node, "replicationFactor", name).asInt(),
                required(node, "cleanupPolicy", name).asText(),
                required(node, "retentionMs", name).asLong(),
                required(node, "timestampType", name).asText(),
                Optional.ofNullable(node.path("copartitionedWith").asText(null)),
                configs,
                required(node, "key", name).asText(),
                required(node, "value", name).asText(),
                node.path("description").asText(""));
    }

    private static JsonNode required(JsonNode node, String field, String topic) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("topic " + topic + " in " + RESOURCE + " lacks \"" + field + "\"");
        }
        return value;
    }

    public List<TopicDefinition> topics() {
        return order;
    }

    public List<String> names() {
        return order.stream().map(TopicDefinition::name).toList();
    }

    public TopicDefinition topic(String name) {
        TopicDefinition t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no topic " + name + " in " + RESOURCE + "; known: " + names());
        }
        return t;
    }

    /** Every topic with this many partitions (keeps co-partitioned topics equal). */
    public TopicCatalog withPartitions(int partitions) {
        return new TopicCatalog(order.stream().map(t -> t.withPartitions(partitions)).toList());
    }

    /** Every topic with this replication factor; min.insync.replicas is lowered to fit. */
    public TopicCatalog withReplicationFactor(short replicationFactor) {
        return new TopicCatalog(order.stream().map(t -> t.withReplicationFactor(replicationFactor)).toList());
    }

    /** For a one-broker cluster: replication 1, partitions as declared. */
    public TopicCatalog forSingleNode() {
        return withReplicationFactor((short) 1);
    }

    /**
     * Applies TOPIC_PARTITIONS and TOPIC_REPLICATION_FACTOR when present (docker-compose's
     * single broker sets the latter to 1).
     */
    public TopicCatalog withOverrides(Map<String, String> env) {
        TopicCatalog catalog = this;
        String partitions = env.get("TOPIC_PARTITIONS");
        if (partitions != null && !partitions.isBlank()) {
            catalog = catalog.withPartitions(Integer.parseInt(partitions.trim()));
        }
        String replication = env.get("TOPIC_REPLICATION_FACTOR");
        if (replication != null && !replication.isBlank()) {
            catalog = catalog.withReplicationFactor(Short.parseShort(replication.trim()));
        }
        return catalog;
    }
}
