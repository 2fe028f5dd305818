package io.stakestream.app.testkit;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutSettled;
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
    /** Plays the chain indexer: one new chain transfer per deposit or funding. */
    public final Actor custody;
    /**
     * Shared by every Program in the JVM: tests on one broker's default topics replay each other's
     * deposits, so no two may name the same chain transfer.
     */
    private static final java.util.concurrent.atomic.AtomicLong CHAIN_TRANSFERS = new java.util.concurrent.atomic.AtomicLong();

    /** Signs for the topology tests' {@link TestRegistry}. */
    public Program() {
        this(TestRegistry.payloads());
    }

    /** Signs with schema ids of the registry the ledger under test reads with. */
    public Program(SignedPayloads payloads) {
        admin = new Actor("admin", TestAccounts.ADMIN, payloads);
        rewarder = new Actor("rewarder", TestAccounts.REWARDER, payloads);
        custody = new Actor("custody", TestAccounts.CUSTODY, payloads);
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

    /** A chain transfer nobody credited yet; the same number always gives the same reference. */
    public static ChainRef chainRef(long transfer) {
        byte[] hash = new byte[32];
        java.nio.ByteBuffer.wrap(hash).putLong(transfer);
        return new ChainRef(1L, java.nio.ByteBuffer.wrap(hash), 0L);
    }

    public ChainRef nextChainRef() {
        return chainRef(CHAIN_TRANSFERS.incrementAndGet());
    }

    /** Custody credits tokens to owner's free balance in the pool (staked too with {@code stake}); goes to the deposits topic. */
    public SignedCommand deposit(Actor owner, String poolId, long amount, boolean stake) {
        return deposit(owner, poolId, amount, stake, nextChainRef());
    }

    public SignedCommand deposit(Actor owner, String poolId, long amount, boolean stake, ChainRef ref) {
        return custody.sign(poolId, new Deposit(owner.key().accountBuffer(), Asset.TOKEN, TestParams.amount(amount), ref, stake));
    }

    /** Custody funds the reward vault (network-wide: send it to every partition). */
    public SignedCommand fundRewards(long tokens, long usdc) {
        return custody.sign(Keys.NETWORK, new FundRewards(TestParams.amount(tokens), TestParams.amount(usdc), nextChainRef()));
    }

    /** Custody acknowledges a payout it sent. */
    public SignedCommand settle(Payout payout) {
        return custody.sign(payout.getPoolId(), new PayoutSettled(payout.getPayoutId(), nextChainRef()));
    }

    /** The deposits topic's key for a deposit: its chain reference, so every copy of a transfer meets the same dedupe task. */
    public static String depositKey(SignedPayloads payloads, SignedCommand deposit) {
        return Keys.chainRef(((Deposit) payloads.command(deposit).getBody()).getChainRef());
    }

    public static boolean isDeposit(SignedPayloads payloads, SignedCommand c) {
        return payloads.command(c).getBody() instanceof Deposit;
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
