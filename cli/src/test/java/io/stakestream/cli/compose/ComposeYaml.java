package io.stakestream.cli.compose;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A compose file as a tree, read with Jackson's YAML parser. Jackson's own tree keeps an alias as
 * the anchor's name, so this reader resolves anchors and aliases itself and then applies merge keys
 * ({@code <<: *anchor}) the way compose does: the map's own keys win. Scalars stay text, as compose
 * passes environment values.
 */
final class ComposeYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Map<String, JsonNode> anchors = new HashMap<>();

    private ComposeYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            parser.nextToken();
            return merged(new ComposeYaml().value(parser));
        }
    }

    private JsonNode value(YAMLParser p) throws IOException {
        String anchor = p.getCurrentAnchor();
        JsonNode node;
        if (p.currentToken() == JsonToken.START_OBJECT) {
            ObjectNode o = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                o.set(name, value(p));
            }
            node = o;
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            ArrayNode a = NODES.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                a.add(value(p));
            }
            node = a;
        } else if (p.isCurrentAlias()) {
            JsonNode target = anchors.get(p.getText());
            if (target == null) {
                throw new IOException("alias *" + p.getText() + " before its anchor");
            }
            return target.deepCopy();
        } else {
            node = p.currentToken() == JsonToken.VALUE_NULL ? NODES.nullNode() : NODES.textNode(p.getText());
        }
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private static JsonNode merged(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(n -> out.add(merged(n)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = NODES.objectNode();
        JsonNode base = node.get("<<");
        if (base != null) {
            merged(base).fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("<<")) {
                out.set(e.getKey(), merged(e.getValue()));
            }
        });
        return out;
    }
}
