package io.stakestream.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.protocol.crypto.Hex;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the reward-builder reads off a tree besides its root and proofs (size, leaves in input
 * order, where each leaf sits for the standard-v1 dump, the dump's file name), and the encoder's
 * edges: a second dynamic value's offset and the uint widths the ABI has.
 */
class TreeShapeTest {

    static final List<RewardLeaf> FIVE = OpenZeppelinReferenceTest.FIVE.leaves();

    @Test
    void theTreeKeepsItsLeavesInInputOrderAndKnowsWhereEachSits() {
        StandardMerkleTree tree = StandardMerkleTree.of(FIVE);

        assertThat(tree.size()).isEqualTo(5);
        assertThat(tree.leaves()).isEqualTo(FIVE);
        List<byte[]> nodes = tree.nodes();
        assertThat(nodes).hasSize(9);
        for (int i = 0; i < FIVE.size(); i++) {
            int at = tree.treeIndex(i);
            assertThat(at).as("leaf %d sits among the last five nodes", i).isBetween(4, 8);
            assertThat(nodes.get(at)).as("the node at leaf %d's tree index is its hash", i).isEqualTo(tree.leafHash(i));
        }
        assertThatThrownBy(() -> tree.treeIndex(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theProofOfTheFirstLeafIsFoundByValueAndAnUnknownLeafIsRefused() {
        StandardMerkleTree tree = StandardMerkleTree.of(FIVE);

        assertThat(tree.proof(FIVE.get(0))).usingRecursiveComparison().isEqualTo(tree.proof(0));
        RewardLeaf stranger = new RewardLeaf(12, "nobody", BigInteger.ONE, BigInteger.ONE);
        assertThatThrownBy(() -> tree.proof(stranger)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in tree");
    }

    @Test
    void aDumpIsNamedByItsEpoch() {
        assertThat(TreeDumps.fileName(0)).isEqualTo("epoch-0.json");
        assertThat(TreeDumps.fileName(3)).isEqualTo("epoch-3.json");
        assertThatThrownBy(() -> TreeDumps.fileName(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondStringsOffsetCountsTheFirstStringsTail() {
        byte[] encoded = AbiEncoder.tuple().string("a").string("b").encode();

        // two head words (offsets 0x40 and 0x80), then each tail: length word and one padded data word
        assertThat(Hex.encode0x(encoded)).isEqualTo(AbiEncoderTest.words(
                "0000000000000000000000000000000000000000000000000000000000000040",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "0000000000000000000000000000000000000000000000000000000000000001",
                "6100000000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000001",
                "6200000000000000000000000000000000000000000000000000000000000000"));
    }

    @Test
    void uintWidthsRunFromEightToTwoHundredFiftySixBitsInSteps()  {
        assertThat(AbiEncoder.tuple().uint(8, BigInteger.valueOf(255)).encode()).hasSize(32);
        assertThat(AbiEncoder.tuple().uint(256, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)).encode()).hasSize(32);
        assertThatThrownBy(() -> AbiEncoder.tuple().uint(8, BigInteger.valueOf(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbiEncoder.tuple().uint(0, BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbiEncoder.tuple().uint(264, BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbiEncoder.tuple().uint(64, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
