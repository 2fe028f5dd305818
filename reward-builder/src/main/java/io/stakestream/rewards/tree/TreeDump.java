package io.stakestream.rewards.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An epoch's reward tree in OpenZeppelin's {@code standard-v1} dump format, the JSON that
 * {@code StandardMerkleTree.load} of @openzeppelin/merkle-tree reads:
 * <pre>
 * {"format": "standard-v1", "leafEncoding": ["uint64","string","uint256","uint256"],
 *  "tree": ["0x..root", ...], "values": [{"value": ["3","atlas-gpu","1666666666666667","2500000"], "treeIndex": 4}, ...]}
 * </pre>
 * Numbers are decimal strings (exact for uint256, and what ethers' ABI coder takes); hashes 0x hex.
 */
public final class TreeDump {
    public static final String FORMAT = "standard-v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TreeDump() {}

    public static byte[] write(StandardMerkleTree tree) {
        ObjectNode dump = JSON.createObjectNode();
        dump.put("format", FORMAT);
        ArrayNode encoding = dump.putArray("leafEncoding");
        Arrays.stream(RewardLeaf.ABI_TYPES).forEach(encoding::add);
        ArrayNode nodes = dump.putArray("tree");
        tree.nodes().forEach(n -> nodes.add(Hex.encode0x(n)));
        ArrayNode values = dump.putArray("values");
        for (int i = 0; i < tree.size(); i++) {
            RewardLeaf leaf = tree.leaves().get(i);
            ObjectNode v = values.addObject();
            v.putArray("value").add(Long.toString(leaf.epoch())).add(leaf.poolId()).add(leaf.tokens().toString()).add(leaf.usdc().toString());
            v.put("treeIndex", tree.treeIndex(i));
        }
        try {
            return JSON.writeValueAsBytes(dump);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a tree dump", e);
        }
    }

    /** Reads a dump back and rebuilds its tree; refuses one whose nodes or indexes are not what its values give. */
    public static StandardMerkleTree read(byte[] json) throws IOException {
        JsonNode dump = JSON.readTree(json);
        require(FORMAT.equals(dump.path("format").asText()), "not a " + FORMAT + " dump: format is " + dump.path("format"));
        List<String> encoding = new ArrayList<>();
        dump.path("leafEncoding").forEach(e -> encoding.add(e.asText()));
        require(encoding.equals(List.of(RewardLeaf.ABI_TYPES)), "leafEncoding " + encoding + " is not a reward leaf's " + List.of(RewardLeaf.ABI_TYPES));
        List<RewardLeaf> leaves = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (JsonNode v : dump.path("values")) {
            JsonNode value = v.path("value");
            require(value.size() == 4, "a value has 4 fields: " + value);
            leaves.add(new RewardLeaf(Long.parseLong(value.get(0).asText()), value.get(1).asText(),
                    new BigInteger(value.get(2).asText()), new BigInteger(value.get(3).asText())));
            indexes.add(v.path("treeIndex").asInt(-1));
        }
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        List<String> nodes = new ArrayList<>();
        dump.path("tree").forEach(n -> nodes.add(n.asText().toLowerCase()));
        require(nodes.equals(tree.nodes().stream().map(Hex::encode0x).toList()), "the dump's tree is not the tree of its values");
        for (int i = 0; i < indexes.size(); i++) {
            require(indexes.get(i) == tree.treeIndex(i), "value " + i + " has treeIndex " + indexes.get(i) + ", expected " + tree.treeIndex(i));
        }
        return tree;
    }

    private static void require(boolean ok, String message) throws IOException {
        if (!ok) throw new IOException(message);
    }
}
