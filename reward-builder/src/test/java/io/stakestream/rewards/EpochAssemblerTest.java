package io.stakestream.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EpochAssemblerTest {
    static final GlobalParameters PARAMS = Params.defaults(Account.named("treasury").key()).build();

    static EpochSummaryMessage summary(long epoch, String pool, int partition) {
        return new EpochSummaryMessage(PoolEpochSummary.newBuilder().setEpoch(epoch).setPoolId(pool).setPartition(partition)
                .setActive(true).setEffectiveStake(BigDecimal.ONE).setTier(0).setJobs(0).setSucceeded(0).setInvalidProofs(0)
                .setDropouts(0).setAvgLatencyMs(0).setMaxLatencyMs(0).setUsdcEarned(BigDecimal.ZERO).setRedistributable(BigDecimal.ZERO)
                .build());
    }

    static EpochSummaryMessage marker(long epoch, int partition, long pools) {
        return new EpochSummaryMessage(PartitionEpochClosed.newBuilder().setEpoch(epoch).setPartition(partition).setPartitions(2)
                .setPools(pools).setParams(PARAMS).build());
    }

    @Test
    void anEpochIsReadyOnlyWithEveryPartitionsMarkerAndEveryPoolItCounted() {
        EpochAssembler a = new EpochAssembler(0);
        a.add(marker(0, 1, 1));
        assertThat(a.poll()).as("partition 0 has not reported").isEmpty();
        a.add(marker(0, 0, 2));
        a.add(summary(0, "p0-a", 0));
        a.add(summary(0, "p1-a", 1));
        assertThat(a.poll()).as("partition 0 counted 2 pools, 1 arrived").isEmpty();
        a.add(summary(0, "p0-a", 0));                       // the same summary twice counts once
        assertThat(a.poll()).isEmpty();
        a.add(summary(0, "p0-b", 0));
        ClosedEpoch e = a.poll().orElseThrow();
        assertThat(e.epoch()).isZero();
        assertThat(e.partitions()).isEqualTo(2);
        assertThat(e.params()).isEqualTo(PARAMS);
        assertThat(e.summaries()).extracting(PoolEpochSummary::getPoolId).containsExactlyInAnyOrder("p0-a", "p0-b", "p1-a");
        assertThat(a.poll()).isEmpty();
        assertThat(a.next()).isEqualTo(1);
    }

    @Test
    void epochsComeOutInOrderEvenWhenALaterOneIsCompleteFirst() {
        EpochAssembler a = new EpochAssembler(4);
        a.add(marker(3, 0, 0));                              // already published: ignored
        a.add(marker(5, 0, 0));
        a.add(marker(5, 1, 0));
        assertThat(a.poll()).as("epoch 4 first").isEmpty();
        a.add(marker(4, 0, 0));
        a.add(marker(4, 1, 0));
        assertThat(a.poll().orElseThrow().epoch()).isEqualTo(4);
        assertThat(a.poll().orElseThrow().epoch()).isEqualTo(5);
        assertThat(a.poll()).isEmpty();
    }

    @Test
    void aBuilderThatNeverPublishedStartsAtTheOldestEpochOnTheTopic() {
        EpochAssembler a = new EpochAssembler(0);
        a.add(marker(7, 0, 0));
        a.add(marker(8, 0, 0));
        assertThat(a.lowest()).contains(7L);
        a.startAt(7);
        a.add(marker(7, 1, 0));
        assertThat(a.poll().orElseThrow().epoch()).isEqualTo(7);
    }
}
