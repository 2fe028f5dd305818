package io.stakestream.app.testkit;

import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.ledger.Keys;
import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import io.stakestream.protocol.serde.SignedPayloads;
import java.util.List;

/**
 * The commands a test needs to get a network going: initialize the program, register a model,
 * open pools, stake. Each method returns signed commands ready to send, with fresh nonces.
 */
public final class Program {

    public static final String MODEL = "llama-3-70b";

    public final Actor admin;
    public final Actor rewarder;

    /** Signs for the topology tests' {@link TestRegistry}. */
    public Program() {
        this(TestRegistry.payloads());
    }

    /** Signs with schema ids of the registry the ledger under test reads with. */
    public Program(SignedPayloads payloads) {
        admin = new Actor("admin", TestAccounts.ADMIN, payloads);
        rewarder = new Actor("rewarder", TestAccounts.REWARDER, payloads);
    }

    /** CreatePoolOverview with the default parameters, then SetModel for {@link #MODEL}; both to pool "*". */
    public List<SignedCommand> init() {
        return init(TestParams.defaults().build());
    }

    public List<SignedCommand> init(GlobalParameters params) {
        return List.of(
                admin.sign(Keys.NETWORK, new CreatePoolOverview(params, TestParams.authorities())),
                admin.sign(Keys.NETWORK, new SetModel(MODEL, TestParams.amount(0), true)));
    }

    /** CreateOperatorPool for {@code poolId} by {@code operator}, with an initial self-stake. */
    public SignedCommand createPool(Actor operator, String poolId, long initialStake) {
        return createPool(operator, poolId, initialStake, null);
    }

    /** {@link #createPool} with free-form "notes" in its metadata (null = none), e.g. long ones for a large pool record. */
    public SignedCommand createPool(Actor operator, String poolId, long initialStake, String notes) {
        CreateOperatorPool body = CreateOperatorPool.newBuilder()
                .setModelId(MODEL)
                .setRegion("eu-west")
                .setMetadataJson("{\"url\":\"https://" + poolId + ".example\",\"name\":\"" + poolId + "\""
                        + (notes == null ? "" : ",\"notes\":\"" + notes + "\"") + "}")
                .setOperatorAuthKeys(List.of(operator.key().accountBuffer()))
                .setRegistrationFee(TestParams.amount(0))
                .setInitialStake(TestParams.amount(initialStake))
                .build();
        return operator.sign(poolId, body);
    }

    /** CreateStakingRecord then Stake: a delegator joins a pool. */
    public List<SignedCommand> delegate(Actor delegator, String poolId, long amount) {
        return List.of(delegator.sign(poolId, new CreateStakingRecord()), stake(delegator, poolId, amount));
    }

    public SignedCommand stake(Actor staker, String poolId, long amount) {
        return staker.sign(poolId, new Stake(TestParams.amount(amount)));
    }

    public SignedCommand epochClose(long epoch) {
        return rewarder.sign(Keys.NETWORK, new EpochClose(epoch));
    }

    /**
     * The reward-builder's part for a closed epoch on a one-partition ledger: the record over these
     * leaves (OpenZeppelin tree, the whole budget on partition 0), then each leaf's AccrueReward with its proof.
     */
    public List<SignedCommand> reward(long epoch, RewardLeaf... leaves) {
        StandardMerkleTree tree = StandardMerkleTree.of(List.of(leaves));
        BigDecimal tokens = new BigDecimal(List.of(leaves).stream().map(RewardLeaf::tokens).reduce(BigInteger.ZERO, BigInteger::add));
        BigDecimal usdc = new BigDecimal(List.of(leaves).stream().map(RewardLeaf::usdc).reduce(BigInteger.ZERO, BigInteger::add));
        List<SignedCommand> out = new ArrayList<>();
        out.add(rewarder.sign(Keys.NETWORK, CreateRewardRecord.newBuilder().setEpoch(epoch).setRoot(ByteBuffer.wrap(tree.root()))
                .setLeafCount(leaves.length).setTotalTokens(tokens).setTotalUsdc(usdc)
                .setPartitionBudgets(List.of(new PartitionBudget(0, tokens, usdc))).build()));
        for (int i = 0; i < leaves.length; i++) {
            RewardLeaf l = leaves[i];
            out.add(rewarder.sign(l.poolId(), new AccrueReward(epoch, new BigDecimal(l.tokens()), new BigDecimal(l.usdc()), tree.proofBuffers(i))));
        }
        return out;
    }
}
