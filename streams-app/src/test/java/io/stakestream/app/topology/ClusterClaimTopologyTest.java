package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.ClusterLeaf;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster claim in the topology: the accepting record routes one leg per named pool back into
 * the commands topic (the driver feeds it to the ledger again), each leg accrues its own pool and
 * a pool the signer does not operate is refused alone, keyed by that pool.
 */
class ClusterClaimTopologyTest {
    private final LedgerDriver ledger = new LedgerDriver();
    private final Program program = new Program();
    private final Actor op = Actor.named("cluster-operator");
    private final Actor other = Actor.named("other-operator");

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void legsAreRoutedPerPoolAndReportedPerPool() {
        ledger.send(program.init())
                .send(program.createPool(op, "gpu-a", 1_000))
                .send(program.createPool(op, "gpu-b", 1_000))
                .send(program.createPool(other, "gpu-c", 1_000))
                .send(program.epochClose(0));
        List<RewardLeaf> leaves = List.of(new RewardLeaf(0, "gpu-a", BigInteger.valueOf(100), BigInteger.ZERO),
                new RewardLeaf(0, "gpu-b", BigInteger.valueOf(200), BigInteger.ZERO), new RewardLeaf(0, "gpu-c", BigInteger.valueOf(300), BigInteger.ZERO));
        StandardMerkleTree tree = StandardMerkleTree.of(leaves);
        ledger.send(program.rewarder.sign(Keys.NETWORK, CreateRewardRecord.newBuilder().setEpoch(0).setRoot(ByteBuffer.wrap(tree.root()))
                .setLeafCount(3).setTotalTokens(BigDecimal.valueOf(600)).setTotalUsdc(BigDecimal.ZERO)
                .setPartitionBudgets(List.of(new PartitionBudget(0, BigDecimal.valueOf(600), BigDecimal.ZERO))).build()));
        List<ClusterLeaf> claimed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RewardLeaf l = leaves.get(i);
            claimed.add(new ClusterLeaf(l.poolId(), 0L, new BigDecimal(l.tokens()), BigDecimal.ZERO, tree.proofBuffers(i)));
        }
        ledger.events();
        ledger.send(op.sign("gpu-a", new ClaimRewardsCluster(0L, 0L, claimed)));

        List<LedgerEvent> events = ledger.events().stream().map(kv -> kv.value).toList();
        assertThat(events).filteredOn(e -> e.getCommand().equals("ClaimRewardsCluster") && e.getTokenDelta() != null)
                .extracting(LedgerEvent::getPoolId).containsExactly("gpu-a", "gpu-b");
        assertThat(ledger.pool("gpu-a").getTokensIn()).isEqualByComparingTo("1100");
        assertThat(ledger.pool("gpu-b").getTokensIn()).isEqualByComparingTo("1200");
        assertThat(ledger.pool("gpu-c").getTokensIn()).isEqualByComparingTo("1000");
        List<KeyValue<String, io.stakestream.avro.Rejection>> refused = ledger.rejections();
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).key).isEqualTo("gpu-c");
        assertThat(refused.get(0).value.getReason()).isEqualTo(RejectReason.UNAUTHORIZED);
        // the claim and its three legs are four inputs: each one event-producing or refused
        assertThat(ledger.metrics().consumedCount()).isEqualTo(ledger.metrics().acceptedCount() + ledger.metrics().rejectedCount());
    }
}
