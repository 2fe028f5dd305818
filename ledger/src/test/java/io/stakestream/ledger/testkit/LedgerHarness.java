package io.stakestream.ledger.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutSettled;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PoolKind;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.Stake;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Ledger;
import io.stakestream.ledger.MemoryLedgerStore;
import io.stakestream.ledger.Outcome;
import io.stakestream.ledger.OutcomeWriter;
import io.stakestream.ledger.ProofVerifier;
import io.stakestream.ledger.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the ledger the way the topology does, one command at a time, and checks every invariant
 * after every command. Nonces and command ids are filled in; time moves only when a test says so.
 */
public class LedgerHarness {
    public final Account admin = Account.named("admin");
    public final Account slasher = Account.named("slasher");
    public final Account halter = Account.named("halter");
    public final Account rewarder = Account.named("rewarder");
    public final Account treasury = Account.named("treasury");
    /** Plays the chain indexer: deposits what a test stakes, funds what it accrues. */
    public final Account custody = Params.CUSTODY;

    public final MemoryLedgerStore store = new MemoryLedgerStore();
    public final Ledger ledger;
    public final Invariants invariants = new Invariants();
    private final Map<String, Long> nonces = new HashMap<>();
    public long now = 1_700_000_000_000L;
    /** The partition this ledger plays, of how many: every command lands here. */
    public int partition = 0;
    public int partitions = 1;
    public long consumed;
    public long accepted;
    public long rejected;
    public final List<Outcome> outcomes = new ArrayList<>();
    /** The payload of the last command sent. */
    public CommandPayload last;
    /** Off only for bulk set-up of very large pools, where a full check after every command is quadratic. */
    public boolean checkEveryCommand = true;
    /**
     * On: before a Stake, a pool creation with an initial stake, an emergency accrual or a reward
     * record, custody deposits (or funds) what is missing, as the chain indexer would have seen it
     * arrive; tests of the custody boundary itself switch it off.
     */
    public boolean custodyFunds = true;
    /** On: an emergency accrual for a closed epoch without a record first gets the empty record the builder would have sent. */
    public boolean emptyRecordsForEmergencies = true;
    private long chainTransfers;

    /** Trees of the reward records this harness committed, by epoch. */
    public final Map<Long, RewardTree> trees = new HashMap<>();

    public LedgerHarness() {
        this(RewardTree.VERIFIER);
    }

    public LedgerHarness(ProofVerifier proofs) {
        this.ledger = new Ledger(store, proofs);
    }

    public Outcome send(Account actor, String poolId, Object body) {
        fund(actor, poolId, body);
        return sendUnfunded(actor, poolId, body);
    }

    private Outcome sendUnfunded(Account actor, String poolId, Object body) {
        String nk = poolId + "/" + actor.name();
        long nonce = nonces.merge(nk, 1L, Long::sum);
        return applyRaw(actor, poolId, nonce, body, OutcomeWriter.ANY);
    }

    public Outcome sendRaw(Account actor, String poolId, long nonce, Object body) {
        return sendRaw(actor, poolId, nonce, body, OutcomeWriter.ANY);
    }

    /** Sends through {@code out}, which prepares (and may refuse, or fail on) the outcome before the ledger writes. */
    public Outcome sendRaw(Account actor, String poolId, long nonce, Object body, OutcomeWriter out) {
        fund(actor, poolId, body);
        return applyRaw(actor, poolId, nonce, body, out);
    }

    private Outcome applyRaw(Account actor, String poolId, long nonce, Object body, OutcomeWriter out) {
        CommandPayload p = CommandPayload.newBuilder().setCommandId("c" + consumed).setPoolId(poolId)
                .setActor(actor.key()).setNonce(nonce).setBody(body).build();
        last = p;
        return record(ledger.apply(p, now, partition, partitions, out));
    }

    /** The leg of a cluster claim for poolId, as the claim's partition routes it here. */
    public Outcome clusterLeg(CommandPayload claim, String poolId) {
        return record(ledger.applyClusterLeg(claim, poolId, now, partition, partitions));
    }

    private Outcome record(Outcome o) {
        consumed++;
        if (o.accepted()) {
            accepted++;
            assertThat(o.events()).as("an accepted command emits an event").isNotEmpty();
        } else {
            rejected++;
            assertThat(o.events()).isEmpty();
            assertThat(o.message()).isNotBlank();
        }
        assertThat(accepted + rejected).isEqualTo(consumed);
        if (checkEveryCommand) {
            outcomes.add(o);
            invariants.check(store);
        }
        return o;
    }

    /** Sends and requires acceptance. */
    public Outcome ok(Account actor, String poolId, Object body) {
        Outcome o = send(actor, poolId, body);
        assertThat(o.rejection()).as("%s rejected: %s", body.getClass().getSimpleName(), o.message()).isNull();
        return o;
    }

    /** Sends and requires a rejection with this reason, leaving pool and position state unchanged. */
    public Outcome no(RejectReason reason, Account actor, String poolId, Object body) {
        fund(actor, poolId, body);
        List<PoolState> poolsBefore = store.values(Table.POOLS);
        List<PositionState> positionsBefore = store.values(Table.POSITIONS);
        Outcome o = sendUnfunded(actor, poolId, body);
        assertThat(o.rejection()).as("expected %s, message: %s", reason, o.message()).isEqualTo(reason);
        assertThat(store.values(Table.POOLS)).isEqualTo(poolsBefore);
        assertThat(store.values(Table.POSITIONS)).isEqualTo(positionsBefore);
        return o;
    }

    // ---- custody ----

    /** A fresh reference to a chain transfer nobody has credited yet. */
    public ChainRef nextChainRef() {
        byte[] hash = new byte[32];
        java.nio.ByteBuffer.wrap(hash).putLong(++chainTransfers);
        return new ChainRef(1L, java.nio.ByteBuffer.wrap(hash), 0L);
    }

    public static Deposit deposit(Account owner, Asset asset, long amount, ChainRef ref, boolean stake) {
        return deposit(owner, asset, BigInteger.valueOf(amount), ref, stake);
    }

    public static Deposit deposit(Account owner, Asset asset, BigInteger amount, ChainRef ref, boolean stake) {
        return new Deposit(owner.key(), asset, new BigDecimal(amount), ref, stake);
    }

    /** Custody credits tokens to owner's free balance in the pool (a new chain transfer). */
    public Outcome deposit(Account owner, String poolId, BigInteger amount) {
        return ok(custody, poolId, deposit(owner, Asset.TOKEN, amount, nextChainRef(), false));
    }

    /** Custody funds the reward vault with a new chain transfer. */
    public Outcome fundRewards(BigInteger tokens, BigInteger usdc) {
        return ok(custody, Keys.NETWORK, new FundRewards(new BigDecimal(tokens), new BigDecimal(usdc), nextChainRef()));
    }

    /** Custody acknowledges a payout. */
    public Outcome settle(Payout payout) {
        return ok(custody, payout.getPoolId(), new PayoutSettled(payout.getPayoutId(), nextChainRef()));
    }

    /** Every payout issued so far that custody has not settled or failed. */
    public List<Payout> unsettledPayouts() {
        return store.values(Table.PAYOUTS);
    }

    private void fund(Account actor, String poolId, Object body) {
        if (!custodyFunds || actor.equals(custody)) return;
        if (body instanceof Stake s) topUp(actor, poolId, s.getAmount(), true);
        if (body instanceof CreateOperatorPool c && pool(poolId) == null) topUp(actor, poolId, c.getInitialStake(), false);
        if (body instanceof AccrueRewardEmergencyBypass a) {
            fundVault(a.getTokens(), a.getUsdc());
            if (emptyRecordsForEmergencies) emptyRecordFor(a.getEpoch());
        }
        if (body instanceof CreateRewardRecord r) fundVault(r.getTotalTokens(), r.getTotalUsdc());
    }

    private void topUp(Account owner, String poolId, BigDecimal amount, boolean needsRecord) {
        BigInteger want = valid(amount);
        if (want == null) return;
        PositionState p = position(poolId, owner);
        if (needsRecord && (p == null || pool(poolId) == null)) return; // the command's own refusal is what the test wants
        BigInteger free = p == null || p.getFreeTokens() == null ? BigInteger.ZERO : p.getFreeTokens().toBigInteger();
        // a deposit the ledger refuses (overflow, a bad pool id) leaves the command to meet its own refusal
        if (want.compareTo(free) > 0) send(custody, poolId, deposit(owner, Asset.TOKEN, want.subtract(free), nextChainRef(), false));
    }

    /**
     * An emergency accrual covers a pool the epoch's record left out: where a test has committed no
     * record for a closed epoch, the reward-builder would have committed one with no leaves.
     */
    private void emptyRecordFor(long epoch) {
        var n = store.get(Table.NETWORK, Keys.NETWORK_STATE);
        if (n == null || epoch < 0 || epoch >= n.getCurrentEpoch() || store.get(Table.REWARD_RECORDS, Keys.epoch(epoch)) != null) return;
        send(rewarder, Keys.NETWORK, CreateRewardRecord.newBuilder().setEpoch(epoch).setRoot(java.nio.ByteBuffer.wrap(new byte[32]))
                .setLeafCount(0L).setTotalTokens(BigDecimal.ZERO).setTotalUsdc(BigDecimal.ZERO).build());
    }

    private void fundVault(BigDecimal tokens, BigDecimal usdc) {
        BigInteger t = inRange(tokens);
        BigInteger u = inRange(usdc);
        if (t == null || u == null) return;
        var n = store.get(Table.NETWORK, Keys.NETWORK_STATE);
        if (n == null || n.getParams() == null) return;
        BigInteger needT = t.subtract(big0(n.getVaultTokens())).max(BigInteger.ZERO);
        BigInteger needU = u.subtract(big0(n.getVaultUsdc())).max(BigInteger.ZERO);
        if (needT.signum() > 0 || needU.signum() > 0) send(custody, Keys.NETWORK, new FundRewards(new BigDecimal(needT), new BigDecimal(needU), nextChainRef()));
    }

    /** A positive whole amount in range, else null (the command's own check refuses it). */
    private static BigInteger valid(BigDecimal d) {
        BigInteger v = inRange(d);
        return v == null || v.signum() == 0 ? null : v;
    }

    private static BigInteger inRange(BigDecimal d) {
        if (d == null || d.signum() < 0 || d.stripTrailingZeros().scale() > 0) return null;
        BigInteger v = d.toBigInteger();
        return v.compareTo(io.stakestream.ledger.Amounts.MAX) > 0 ? null : v;
    }

    private static BigInteger big0(BigDecimal d) {
        return d == null ? BigInteger.ZERO : d.toBigInteger();
    }

    // ---- set-up steps ----

    public LedgerHarness init() {
        return init(Params.defaults(treasury.key()).build());
    }

    public LedgerHarness init(GlobalParameters params) {
        ok(admin, Keys.NETWORK, new CreatePoolOverview(params, Params.authorities(admin, slasher, halter, rewarder)));
        ok(admin, Keys.NETWORK, new SetModel("llama-70b", BigDecimal.ZERO, true));
        return this;
    }

    public static CreateOperatorPool createPool(long initialStake) {
        return CreateOperatorPool.newBuilder().setModelId("llama-70b").setKind(PoolKind.PROVIDER).setRegion("eu-west")
                .setMetadataJson("{\"url\":\"https://node.example\",\"name\":\"node\"}").setOperatorAuthKeys(new ArrayList<>())
                .setRegistrationFee(BigDecimal.ZERO).setInitialStake(BigDecimal.valueOf(initialStake)).build();
    }

    /** Custody credits the operator's initial stake ahead of the pool, then the operator registers and stakes it. */
    public void pool(Account operator, String poolId, long initialStake) {
        ok(operator, poolId, createPool(initialStake));
    }

    /** A delegator joins: its record, then custody credits and stakes its transfer in one Deposit. */
    public void delegate(Account who, String poolId, long amount) {
        if (position(poolId, who) == null) ok(who, poolId, new CreateStakingRecord());
        ok(custody, poolId, deposit(who, Asset.TOKEN, amount, nextChainRef(), true));
    }

    public void closeEpoch() {
        ok(rewarder, Keys.NETWORK, new EpochClose(epoch()));
    }

    /** Commits epoch's reward record over these leaves, the whole budget on this harness's partition. */
    public Outcome commitRecord(long epoch, RewardTree.Leaf... leaves) {
        RewardTree before = trees.get(epoch);
        Outcome o = send(rewarder, Keys.NETWORK, commitRecordBody(epoch, leaves));
        if (!o.accepted()) {
            if (before == null) trees.remove(epoch);
            else trees.put(epoch, before);
        }
        return o;
    }

    public static CreateRewardRecord recordOf(RewardTree tree, List<PartitionBudget> budgets) {
        return CreateRewardRecord.newBuilder().setEpoch(tree.epoch).setRoot(tree.root()).setLeafCount(tree.size())
                .setTotalTokens(new BigDecimal(tree.totalTokens())).setTotalUsdc(new BigDecimal(tree.totalUsdc()))
                .setPartitionBudgets(new ArrayList<>(budgets)).build();
    }

    /** The permissionless AccrueReward of a pool's leaf in a committed record, with its proof. */
    public AccrueReward leafOf(String poolId, long epoch) {
        RewardTree tree = trees.get(epoch);
        RewardTree.Leaf leaf = tree.leaf(poolId);
        return new AccrueReward(epoch, new BigDecimal(leaf.tokens()), new BigDecimal(leaf.usdc()), new ArrayList<>(tree.proof(poolId)));
    }

    public Outcome accrueLeaf(Account sender, String poolId, long epoch) {
        return send(sender, poolId, leafOf(poolId, epoch));
    }

    /** Closes the open epoch, commits a record with one leaf per given pool, and accrues every leaf. */
    public long payEpoch(RewardTree.Leaf... leaves) {
        long epoch = epoch();
        closeEpoch();
        ok(rewarder, Keys.NETWORK, commitRecordBody(epoch, leaves));
        for (RewardTree.Leaf l : leaves) ok(Account.named("keeper"), l.poolId(), leafOf(l.poolId(), epoch));
        return epoch;
    }

    private CreateRewardRecord commitRecordBody(long epoch, RewardTree.Leaf... leaves) {
        RewardTree tree = new RewardTree(epoch, List.of(leaves));
        trees.put(epoch, tree);
        return recordOf(tree, List.of(new PartitionBudget(partition, new BigDecimal(tree.totalTokens()), new BigDecimal(tree.totalUsdc()))));
    }

    public void advanceDays(long days) {
        now += days * Params.DAY_SECONDS * 1000;
    }

    // ---- reads ----

    public long epoch() {
        var n = store.get(Table.NETWORK, Keys.NETWORK_STATE);
        return n == null ? 0 : n.getCurrentEpoch();
    }

    public PoolState pool(String poolId) {
        return store.get(Table.POOLS, poolId);
    }

    public PositionState position(String poolId, Account who) {
        return store.get(Table.POSITIONS, Keys.position(poolId, who.key()));
    }

    public BigInteger shares(String poolId, Account who) {
        return position(poolId, who).getShares().toBigInteger();
    }

    /** What a position is worth now, counting the shares its converted entries will hand it. */
    public BigInteger value(String poolId, Account who) {
        io.stakestream.ledger.Pool pool = io.stakestream.ledger.Pool.wrap(pool(poolId));
        return pool.valueOf(shares(poolId, who).add(pool.entries().convertedSharesOf(position(poolId, who))));
    }

    /** Tokens a position has waiting in entry buckets. */
    public BigInteger entryTokens(String poolId, Account who) {
        return position(poolId, who).getEntries().stream().map(e -> e.getTokens().toBigInteger()).reduce(BigInteger.ZERO, BigInteger::add);
    }

    public static BigInteger big(BigDecimal d) {
        return d == null ? null : d.toBigInteger();
    }
}
