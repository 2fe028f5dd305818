package io.stakestream.rewards;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import io.stakestream.rewards.tree.TreeDump;
import io.stakestream.rewards.weights.EpochRewards;
import io.stakestream.rewards.weights.EpochRewards.Allocation;
import io.stakestream.rewards.weights.EpochRewards.PoolReward;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the builder publishes for one epoch, computed from the epoch's summaries alone, so the same
 * input gives the same bytes: the root, one proof per leaf, the reward record for every partition
 * and one accrual per leaf. A leaf is a pool the ledger marked as owed at the close (summarized
 * active, or with USDC earned), even with nothing earned, or one that earned tokens or USDC; with
 * none, the root is 32 zero bytes and there is no tree. Commands are signed with deterministic ids and nonces (epoch + 1,
 * per pool and the builder's key; Ed25519 signatures are deterministic too).
 *
 * @param tree null when no pool is owed a leaf
 */
public record EpochPublication(long epoch, Allocation allocation, StandardMerkleTree tree, RewardRoot root,
                               List<RewardProof> proofs, SignedCommand record, List<SignedCommand> accruals, int rewardDelayEpochs) {

    public static final int ROOT_LENGTH = 32;

    public static EpochPublication of(ClosedEpoch closed, CommandSigner builder) {
        long epoch = closed.epoch();
        Allocation allocation = EpochRewards.allocate(epoch, closed.summaries(), closed.params());
        // the ledger owes a leaf to every pool summarized active or with USDC earned (EpochClose), and
        // holds its later accruals and entries until that leaf lands: such a pool gets one, even a zero one
        Set<String> owed = closed.summaries().stream()
                .filter(s -> s.getActive() || Amounts.big(s.getUsdcEarned()).signum() > 0)
                .map(PoolEpochSummary::getPoolId).collect(Collectors.toSet());
        List<PoolReward> paid = allocation.pools().stream()
                .filter(p -> owed.contains(p.poolId()) || p.tokens().signum() > 0 || p.usdc().signum() > 0).toList();
        StandardMerkleTree tree = paid.isEmpty() ? null
                : StandardMerkleTree.of(paid.stream().map(p -> new RewardLeaf(epoch, p.poolId(), p.tokens(), p.usdc())).toList());
        ByteBuffer root = ByteBuffer.wrap(tree == null ? new byte[ROOT_LENGTH] : tree.root());

        BigInteger[] tokens = new BigInteger[closed.partitions()];
        BigInteger[] usdc = new BigInteger[closed.partitions()];
        Arrays.fill(tokens, BigInteger.ZERO);
        Arrays.fill(usdc, BigInteger.ZERO);
        List<RewardProof> proofs = new ArrayList<>();
        long nonce = epoch + 1;
        for (int i = 0; i < paid.size(); i++) {
            PoolReward p = paid.get(i);
            tokens[p.partition()] = tokens[p.partition()].add(p.tokens());
            usdc[p.partition()] = usdc[p.partition()].add(p.usdc());
            proofs.add(new RewardProof(epoch, p.poolId(), Amounts.dec(p.tokens()), Amounts.dec(p.usdc()), ByteBuffer.wrap(tree.leafHash(i)),
                    tree.proofBuffers(i), root.duplicate()));
        }
        // signing is most of the builder's work (one Ed25519 signature per pool) and the ledger waits on
        // it: on every core. Ed25519 signatures are deterministic, and the ordered stream keeps the leaves'
        // order, so the commands are the same bytes in the same order as one thread's
        List<SignedCommand> accruals = IntStream.range(0, paid.size()).parallel()
                .mapToObj(i -> builder.command("accrue-" + proofKey(paid.get(i).poolId(), epoch), paid.get(i).poolId(), nonce,
                        new AccrueReward(epoch, Amounts.dec(paid.get(i).tokens()), Amounts.dec(paid.get(i).usdc()), tree.proofBuffers(i))))
                .collect(Collectors.toCollection(ArrayList::new));
        List<PartitionBudget> budgets = new ArrayList<>();
        for (int partition = 0; partition < closed.partitions(); partition++) {
            budgets.add(new PartitionBudget(partition, Amounts.dec(tokens[partition]), Amounts.dec(usdc[partition])));
        }
        BigInteger totalTokens = paid.stream().map(PoolReward::tokens).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger totalUsdc = paid.stream().map(PoolReward::usdc).reduce(BigInteger.ZERO, BigInteger::add);
        RewardRoot rewardRoot = new RewardRoot(epoch, root.duplicate(), (long) paid.size(), Amounts.dec(totalTokens), Amounts.dec(totalUsdc),
                Amounts.dec(allocation.emission()), Amounts.dec(allocation.redistributed()), budgets);
        SignedCommand record = builder.command("reward-record-" + epoch, Keys.NETWORK, nonce,
                new CreateRewardRecord(epoch, root.duplicate(), (long) paid.size(), Amounts.dec(totalTokens), Amounts.dec(totalUsdc),
                        new ArrayList<>(budgets)));
        return new EpochPublication(epoch, allocation, tree, rewardRoot, proofs, record, accruals,
                closed.params().getRewardDelayEpochs());
    }

    /** The reward-proofs key. */
    public static String proofKey(String poolId, long epoch) {
        return poolId + "@" + epoch;
    }

    /** The standard-v1 dump, or null without a tree. */
    public byte[] dump() {
        return tree == null ? null : TreeDump.write(tree);
    }

    /** The reward record first, then the accruals: the order they go to the commands topic in when there is no reward delay. */
    public List<SignedCommand> commands() {
        List<SignedCommand> all = new ArrayList<>();
        all.add(record);
        all.addAll(accruals);
        return all;
    }
}
