package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.ALREADY_ACCRUED;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.WRONG_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.RewardTree;
import io.stakestream.ledger.testkit.RewardTree.Leaf;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CreateRewardRecord: only for a closed epoch, once, with a 32-byte root, and with per-partition
 * budgets that name distinct partitions of the topic and add up to the totals. The record the
 * ledger keeps is the one a later accrual is checked against.
 */
class RewardRecordRulesTest {
    static final String POOL = "gpu-1";
    final LedgerHarness h = new LedgerHarness().init();
    final RewardTree tree = new RewardTree(0, List.of(Leaf.of(POOL, 600, 60)));

    RewardRecordRulesTest() {
        h.partitions = 2;
        h.pool(Account.named("operator"), POOL, 1_000);
        // network-wide funding is shared among the partitions: enough here for any budget below
        h.fundRewards(java.math.BigInteger.valueOf(10_000), java.math.BigInteger.valueOf(1_000));
    }

    static PartitionBudget budget(int partition, long tokens, long usdc) {
        return new PartitionBudget(partition, BigDecimal.valueOf(tokens), BigDecimal.valueOf(usdc));
    }

    CreateRewardRecord record(List<PartitionBudget> budgets) {
        return LedgerHarness.recordOf(tree, budgets);
    }

    RewardRecordState stored(long epoch) {
        return h.store.get(Table.REWARD_RECORDS, Keys.epoch(epoch));
    }

    @Test
    void onlyAClosedEpochGetsARecordAndOnlyOne() {
        h.no(WRONG_EPOCH, h.rewarder, Keys.NETWORK, record(List.of(budget(0, 600, 60))));
        assertThat(stored(0)).isNull();
        h.closeEpoch();
        h.ok(h.rewarder, Keys.NETWORK, record(List.of(budget(0, 400, 60), budget(1, 200, 0))));
        RewardRecordState kept = stored(0);
        assertThat(kept.getRoot()).isEqualTo(tree.root());
        assertThat(kept.getBudgetTokens()).as("this partition's share").isEqualByComparingTo("400");
        assertThat(kept.getBudgetUsdc()).isEqualByComparingTo("60");
        assertThat(kept.getTotalTokens()).isEqualByComparingTo("600");
        h.no(ALREADY_ACCRUED, h.rewarder, Keys.NETWORK, record(List.of(budget(0, 600, 60))));
        assertThat(stored(0)).isEqualTo(kept);
    }

    @Test
    void aRootIsThirtyTwoBytes() {
        h.closeEpoch();
        CreateRewardRecord shortRoot = record(List.of(budget(0, 600, 60)));
        shortRoot.setRoot(ByteBuffer.wrap(new byte[31]));
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, shortRoot);
        assertThat(stored(0)).isNull();
    }

    @Test
    void budgetsNameDistinctPartitionsOfTheTopicAndAddUpToTheTotals() {
        h.closeEpoch();
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, record(List.of(budget(0, 300, 30), budget(0, 300, 30))));
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, record(List.of(budget(0, 300, 30), budget(2, 300, 30))));
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, record(List.of(budget(-1, 300, 30), budget(0, 300, 30))));
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, record(List.of(budget(0, 599, 60))));
        h.no(INVALID_ARGUMENT, h.rewarder, Keys.NETWORK, record(List.of(budget(0, 600, 61))));
        assertThat(stored(0)).isNull();
        // a partition the record does not name may accrue nothing
        h.ok(h.rewarder, Keys.NETWORK, record(List.of(budget(1, 600, 60))));
        assertThat(stored(0).getBudgetTokens()).isEqualByComparingTo("0");
    }
}
