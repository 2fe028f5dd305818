package io.stakestream.rewards.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The builder's standard-v1 dumps against the ones @openzeppelin/merkle-tree 1.0.8 wrote for the
 * same values (src/test/resources/openzeppelin): one leaf, three and five (odd counts, so one leaf
 * sits a level higher than the others).
 */
class TreeDumpTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode reference(String name) throws IOException {
        try (InputStream in = TreeDumpTest.class.getResourceAsStream("/openzeppelin/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    /** The values of a reference dump, in its order, as our leaves. */
    static List<RewardLeaf> leaves(JsonNode dump) {
        List<RewardLeaf> leaves = new ArrayList<>();
        for (JsonNode v : dump.get("values")) {
            JsonNode f = v.get("value");
            leaves.add(new RewardLeaf(f.get(0).asLong(), f.get(1).asText(), new BigInteger(f.get(2).asText()), new BigInteger(f.get(3).asText())));
        }
        return leaves;
    }

    @ParameterizedTest
    @ValueSource(strings = {"one", "three", "five"})
    void ourDumpIsOpenZeppelinsDump(String name) throws IOException {
        JsonNode expected = reference(name);
        StandardMerkleTree tree = StandardMerkleTree.of(leaves(expected));
        JsonNode ours = JSON.readTree(TreeDump.write(tree));
        assertThat(ours).isEqualTo(expected);
        assertThat(Hex.encode0x(tree.root())).isEqualTo(expected.get("tree").get(0).asText()).startsWith("0x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"one", "three", "five"})
    void openZeppelinsDumpReadsBackIntoTheSameTreeWithWorkingProofs(String name) throws IOException {
        JsonNode reference = reference(name);
        StandardMerkleTree tree = TreeDump.read(JSON.writeValueAsBytes(reference));
        assertThat(tree.leaves()).isEqualTo(leaves(reference));
        for (int i = 0; i < tree.size(); i++) {
            assertThat(StandardMerkleTree.verify(tree.root(), tree.leaves().get(i), tree.proof(i))).isTrue();
        }
        assertThat(TreeDump.write(TreeDump.read(TreeDump.write(tree)))).isEqualTo(TreeDump.write(tree));
    }

    @Test
    void aDumpWhoseTreeOrIndexesDoNotMatchItsValuesIsRefused() throws IOException {
        ObjectNode otherTokens = (ObjectNode) reference("three");
        ((com.fasterxml.jackson.databind.node.ArrayNode) otherTokens.get("values").get(0).get("value")).set(2, "1666666666666668");
        assertThatThrownBy(() -> TreeDump.read(JSON.writeValueAsBytes(otherTokens))).hasMessageContaining("not the tree of its values");
        ObjectNode badIndex = (ObjectNode) reference("three");
        ((ObjectNode) badIndex.get("values").get(0)).put("treeIndex", 3);
        assertThatThrownBy(() -> TreeDump.read(JSON.writeValueAsBytes(badIndex))).hasMessageContaining("treeIndex");
        ObjectNode otherFormat = (ObjectNode) reference("one");
        otherFormat.put("format", "simple-v1");
        assertThatThrownBy(() -> TreeDump.read(JSON.writeValueAsBytes(otherFormat))).hasMessageContaining("standard-v1");
    }
}
