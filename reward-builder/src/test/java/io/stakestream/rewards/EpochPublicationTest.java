package io.stakestream.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.EmissionForm;
import io.stakestream.avro.EmissionSchedule;
import io.stakestream.avro.EmissionStep;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.protocol.crypto.Bytes;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.crypto.CommandVerifier;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import io.stakestream.rewards.tree.TreeDump;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EpochPublicationTest {
    /** The payload serde of an in-process registry: what the builder's commands are written with here. */
    static final io.stakestream.protocol.serde.SignedPayloads PAYLOADS =
            new io.stakestream.protocol.serde.StakestreamSerdes(new io.stakestream.embedded.InProcessSchemaRegistry().client()).payloads();
    static final CommandSigner BUILDER = CommandSigner.of(io.stakestream.protocol.crypto.Keys.demo("reward-builder"), PAYLOADS);
    static final GlobalParameters PARAMS = Params.defaults(Account.named("treasury").key())
            .setEmissionSchedule(EmissionSchedule.newBuilder().setForm(EmissionForm.TABLE)
                    .setTable(new ArrayList<>(List.of(new EmissionStep(0L, BigDecimal.valueOf(10_000))))).build()).build();

    static PoolEpochSummary pool(String id, int partition, long stake, long usdc, boolean active) {
        return PoolEpochSummary.newBuilder().setEpoch(3).setPoolId(id).setPartition(partition).setActive(active)
                .setEffectiveStake(BigDecimal.valueOf(stake)).setTier(0).setJobs(2).setSucceeded(2).setInvalidProofs(0).setDropouts(0)
                .setAvgLatencyMs(100).setMaxLatencyMs(100).setUsdcEarned(BigDecimal.valueOf(usdc)).setRedistributable(BigDecimal.ZERO)
                .setRegion("eu").build();
    }

    static ClosedEpoch epoch3() {
        return new ClosedEpoch(3, 3, List.of(pool("cirrus", 2, 1_000, 5, true), pool("atlas", 0, 3_000, 0, true),
                pool("borealis", 0, 1_000, 7, false), pool("idle", 1, 500, 0, false)), PARAMS);
    }

    @Test
    void rootProofsRecordAndAccrualsAgreeAndBudgetsAddUpPerPartition() throws Exception {
        EpochPublication p = EpochPublication.of(epoch3(), BUILDER);
        // atlas 3000 and cirrus 1000 share 10,000: 7,500 and 2,500; borealis (inactive) only its USDC; idle earns nothing: no leaf
        assertThat(p.proofs()).extracting(RewardProof::getPoolId).containsExactly("atlas", "borealis", "cirrus");
        assertThat(p.proofs()).extracting(r -> r.getTokens().intValueExact()).containsExactly(7_500, 0, 2_500);
        assertThat(p.root().getLeafCount()).isEqualTo(3);
        assertThat(p.root().getTotalTokens()).isEqualByComparingTo("10000");
        assertThat(p.root().getTotalUsdc()).isEqualByComparingTo("12");
        assertThat(p.root().getEmission()).isEqualByComparingTo("10000");
        assertThat(p.root().getPartitionTotals()).extracting(PartitionBudget::getPartition).containsExactly(0, 1, 2);
        assertThat(p.root().getPartitionTotals()).extracting(b -> b.getTokens().intValueExact(), b -> b.getUsdc().intValueExact())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7_500, 7), org.assertj.core.groups.Tuple.tuple(0, 0),
                        org.assertj.core.groups.Tuple.tuple(2_500, 5));
        for (RewardProof proof : p.proofs()) {
            RewardLeaf leaf = RewardLeaf.of(3, proof.getPoolId(), proof.getTokens(), proof.getUsdc());
            assertThat(StandardMerkleTree.verify(proof.getRoot(), leaf, proof.getProof())).isTrue();
            assertThat(Bytes.of(proof.getLeaf())).isEqualTo(leaf.hash());
        }
        CreateRewardRecord record = (CreateRewardRecord) PAYLOADS.command(p.record()).getBody();
        assertThat(PAYLOADS.command(p.record()).getPoolId()).isEqualTo(Keys.NETWORK);
        assertThat(record.getRoot()).isEqualTo(p.root().getRoot());
        assertThat(record.getPartitionBudgets()).isEqualTo(p.root().getPartitionTotals());
        assertThat(p.accruals()).extracting(c -> PAYLOADS.command(c).getPoolId()).containsExactly("atlas", "borealis", "cirrus");
        for (SignedCommand c : p.commands()) {
            assertThat(CommandVerifier.verify(c, PAYLOADS.command(c))).isTrue();
            assertThat(PAYLOADS.command(c).getNonce()).as("epoch + 1").isEqualTo(4);
        }
        AccrueReward atlas = (AccrueReward) PAYLOADS.command(p.accruals().get(0)).getBody();
        assertThat(atlas.getProof()).isEqualTo(p.proofs().get(0).getProof());
        assertThat(TreeDump.read(p.dump()).root()).isEqualTo(Bytes.of(p.root().getRoot()));
    }

    @Test
    void theSameSummariesInAnyOrderGiveByteIdenticalOutput() {
        EpochPublication a = EpochPublication.of(epoch3(), BUILDER);
        List<PoolEpochSummary> reversed = new ArrayList<>(epoch3().summaries());
        java.util.Collections.reverse(reversed);
        EpochPublication b = EpochPublication.of(new ClosedEpoch(3, 3, reversed, PARAMS), BUILDER);
        assertThat(b.root()).isEqualTo(a.root());
        assertThat(b.proofs()).isEqualTo(a.proofs());
        assertThat(b.commands()).isEqualTo(a.commands());     // Ed25519 is deterministic: same signatures
        assertThat(b.dump()).isEqualTo(a.dump());
    }

    @Test
    void accrualsSignedOnEveryCoreAreOneThreadsCommandsInLeafOrder() {
        List<PoolEpochSummary> pools = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) pools.add(pool("pool-" + i, i % 3, 1_000 + i, i % 5, true));
        EpochPublication p = EpochPublication.of(new ClosedEpoch(3, 3, pools, PARAMS), BUILDER);
        assertThat(p.accruals()).hasSize(p.proofs().size());
        for (int i = 0; i < p.proofs().size(); i++) {
            RewardProof proof = p.proofs().get(i);
            SignedCommand alone = BUILDER.command("accrue-" + EpochPublication.proofKey(proof.getPoolId(), 3), proof.getPoolId(), 4,
                    new AccrueReward(3L, proof.getTokens(), proof.getUsdc(), proof.getProof()));
            assertThat(p.accruals().get(i)).as("accrual %d", i).isEqualTo(alone);
        }
    }

    @Property(tries = 60)
    void budgetsAddUpToTheTotalsAndEveryProofLeadsToTheRoot(@ForAll @Size(min = 1, max = 9) List<@LongRange(min = 0, max = 1_000_000) Long> stakes,
                                                         @ForAll @IntRange(min = 1, max = 4) int partitions) {
        List<PoolEpochSummary> pools = new ArrayList<>();
        for (int i = 0; i < stakes.size(); i++) {
            pools.add(pool("pool-" + i, i % partitions, stakes.get(i), i % 3 == 0 ? 0 : 11L * i, i % 4 != 3));
        }
        EpochPublication p = EpochPublication.of(new ClosedEpoch(3, partitions, pools, PARAMS), BUILDER);
        BigDecimal tokens = p.root().getPartitionTotals().stream().map(PartitionBudget::getTokens).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal usdc = p.root().getPartitionTotals().stream().map(PartitionBudget::getUsdc).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(tokens).isEqualByComparingTo(p.root().getTotalTokens());
        assertThat(usdc).isEqualByComparingTo(p.root().getTotalUsdc());
        assertThat(p.root().getPartitionTotals()).hasSize(partitions);
        assertThat(p.proofs()).hasSize((int) p.root().getLeafCount()).hasSameSizeAs(p.accruals());
        for (RewardProof proof : p.proofs()) {
            assertThat(StandardMerkleTree.verify(p.root().getRoot(), RewardLeaf.of(3, proof.getPoolId(), proof.getTokens(), proof.getUsdc()),
                    proof.getProof())).isTrue();
        }
    }

    @Test
    void anEpochInWhichNoPoolEarnedCommitsAZeroRootWithoutLeaves() {
        EpochPublication p = EpochPublication.of(new ClosedEpoch(3, 2, List.of(pool("idle", 1, 500, 0, false)), PARAMS), BUILDER);
        assertThat(p.root().getLeafCount()).isZero();
        assertThat(Bytes.of(p.root().getRoot())).isEqualTo(new byte[32]);
        assertThat(p.proofs()).isEmpty();
        assertThat(p.accruals()).isEmpty();
        assertThat(p.dump()).isNull();
        assertThat(p.root().getPartitionTotals()).hasSize(2).allSatisfy(b -> assertThat(b.getTokens()).isEqualByComparingTo(BigDecimal.ZERO));
        assertThat(p.allocation().unallocated()).isEqualTo(BigInteger.valueOf(10_000));
    }

    @Test
    void aPoolTheLedgerOwesGetsAZeroLeafSoItsLaterAccrualsAreNotHeldForever() {
        // active with no effective stake: the ledger marks the epoch owed at the close, the allocation gives it nothing
        EpochPublication p = EpochPublication.of(new ClosedEpoch(3, 2, List.of(pool("empty", 1, 0, 0, true), pool("idle", 0, 500, 0, false)), PARAMS),
                BUILDER);
        assertThat(p.proofs()).extracting(RewardProof::getPoolId).containsExactly("empty");
        assertThat(p.proofs()).extracting(r -> r.getTokens().signum(), r -> r.getUsdc().signum())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0));
        assertThat(p.root().getLeafCount()).isEqualTo(1);
        assertThat(p.accruals()).extracting(c -> PAYLOADS.command(c).getPoolId()).containsExactly("empty");
        RewardProof proof = p.proofs().get(0);
        assertThat(StandardMerkleTree.verify(p.root().getRoot(), RewardLeaf.of(3, "empty", proof.getTokens(), proof.getUsdc()), proof.getProof()))
                .isTrue();
    }
}
