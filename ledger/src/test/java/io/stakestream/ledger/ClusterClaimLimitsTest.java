package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.COOLDOWN_NOT_OVER;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.ClusterLeaf;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.RewardTree.Leaf;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks a cluster claim meets where it lands, each from both sides: a range from a
 * non-negative epoch, ending no later than the last closed epoch the reward delay allows, at least
 * one leaf, and every leaf naming a pool id of 1 to 64 bytes.
 */
class ClusterClaimLimitsTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");

    static ClaimRewardsCluster claim(long from, long to, List<ClusterLeaf> leaves) {
        return new ClaimRewardsCluster(from, to, new ArrayList<>(leaves));
    }

    static ClusterLeaf leaf(String poolId, long epoch) {
        return new ClusterLeaf(poolId, epoch, BigDecimal.ONE, BigDecimal.ZERO, new ArrayList<>());
    }

    @Test
    void theRangeStartsAtZeroOrLaterAndEndsAtTheLastClaimableEpoch() {
        h.pool(op, "gpu-1", 1_000);
        h.closeEpoch();
        h.closeEpoch(); // epochs 0 and 1 closed: claimable through 1 with no reward delay
        h.commitRecord(0, Leaf.of("gpu-1", 10, 0));
        h.commitRecord(1, Leaf.of("gpu-1", 20, 0));
        List<ClusterLeaf> leaves = AccrualRulesTest.cluster(h, 0, 1, "gpu-1").getLeaves();

        h.no(INVALID_ARGUMENT, op, "gpu-1", claim(-1, 1, leaves));
        assertThat(h.no(COOLDOWN_NOT_OVER, op, "gpu-1", claim(0, 2, List.of(leaf("gpu-1", 2)))).message())
                .contains("claimed up to epoch 1");
        assertThat(h.ok(op, "gpu-1", claim(0, 1, leaves)).routes()).containsExactly("gpu-1");
        assertThat(h.ok(op, "gpu-1", claim(1, 1, List.of(leaves.get(1)))).routes()).containsExactly("gpu-1");
    }

    @Test
    void aClaimNamesAtLeastOneLeafAndEachLeafAPoolIdOfOneToSixtyFourBytes() {
        h.pool(op, "gpu-1", 1_000);
        h.closeEpoch();
        h.no(INVALID_ARGUMENT, op, "gpu-1", claim(0, 0, List.of()));
        h.no(INVALID_ARGUMENT, op, "gpu-1", claim(0, 0, List.of(leaf("", 0))));
        h.no(INVALID_ARGUMENT, op, "gpu-1", claim(0, 0, List.of(leaf("é".repeat(32) + "x", 0)))); // 65 bytes
        assertThat(h.ok(op, "gpu-1", claim(0, 0, List.of(leaf("é".repeat(32), 0)))).routes()).containsExactly("é".repeat(32));
        assertThat(h.ok(op, "gpu-1", claim(0, 0, List.of(leaf("g", 0), leaf("gpu-1", 0), leaf("g", 0)))).routes())
                .as("one leg per pool, in the order named").containsExactly("g", "gpu-1");
    }
}
