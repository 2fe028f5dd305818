package io.stakestream.cli.bench;

import io.stakestream.app.topology.MerkleProofVerifier;
import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.PoolKind;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.cli.Units;
import io.stakestream.cli.demo.DemoParams;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Ledger;
import io.stakestream.ledger.MemoryLedgerStore;
import io.stakestream.ledger.Outcome;
import io.stakestream.protocol.merkle.RewardLeaf;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Figure 5: one pool with {@code delegators} staked positions in the ledger alone (in-memory
 * store; the signatures were checked before the ledger, so payloads go in unsigned), then timed
 * batches of stake, unstake, slash (propose then execute) and accrual, each counted in store reads
 * and writes. O(1) means the same counts and about the same time at 10 and at 1,000,000.
 */
final class ManyDelegators {
    private static final String POOL = "o1-pool";
    private final MemoryLedgerStore store = new MemoryLedgerStore();
    private final Ledger ledger = new Ledger(store, new MerkleProofVerifier());
    private final int delegators;
    private final long[] nonces;
    private final ByteBuffer admin = account(-1);
    private final ByteBuffer slasher = account(-2);
    private final ByteBuffer rewarder = account(-3);
    private final ByteBuffer operator = account(-4);
    private final ByteBuffer custody = account(-7);
    private long custodyNonce;
    private long transfers;
    private long adminNonce;
    private long slasherNonce;
    private long rewarderNonce;
    private long epoch;
    /** Closed epochs the pool earned and has not accrued yet, oldest first. */
    private final java.util.ArrayDeque<Long> owed = new java.util.ArrayDeque<>();
    private long ids;
    private long reads;
    private long writes;
    private int next;
    private long now = 1_800_000_000_000L;

    ManyDelegators(int delegators) {
        this.delegators = delegators;
        this.nonces = new long[delegators];
        apply(admin, ++adminNonce, Keys.NETWORK, new CreatePoolOverview(DemoParams.params(7 * 86_400, SlashPolicy.PRO_RATA, account(-5)),
                DemoParams.authorities(admin, slasher, account(-6), List.of(rewarder), custody)));
        apply(admin, ++adminNonce, Keys.NETWORK, new SetModel(Workload.MODEL, BigDecimal.ZERO, true));
        apply(custody, ++custodyNonce, Keys.NETWORK, new FundRewards(Units.tokens(1_000_000_000L), BigDecimal.ZERO, chainRef()));
        apply(custody, ++custodyNonce, POOL, new Deposit(operator.duplicate(), Asset.TOKEN, Units.tokens(1_000_000), chainRef(), false));
        apply(operator, 1, POOL, CreateOperatorPool.newBuilder().setModelId(Workload.MODEL).setKind(PoolKind.PROVIDER)
                .setRegion("bench").setMetadataJson("{\"url\":\"https://o1.example\"}").setOperatorAuthKeys(List.of())
                .setRegistrationFee(BigDecimal.ZERO).setInitialStake(Units.tokens(1_000_000)).build());
        for (int d = 0; d < delegators; d++) {
            ByteBuffer who = account(d);
            // custody's credit opens the record; it covers every timed stake after the first
            apply(custody, ++custodyNonce, POOL, new Deposit(who.duplicate(), Asset.TOKEN, Units.tokens(1_000_000), chainRef(), false));
            apply(who, ++nonces[d], POOL, new Stake(Units.tokens(100)));
        }
    }

    int delegators() {
        return delegators;
    }

    /** Store reads and writes per command of the last timed batch. */
    double readsPerCommand() {
        return reads;
    }

    double writesPerCommand() {
        return writes;
    }

    double stake(int k) {
        return timed(k, i -> payload(account(i), ++nonces[i], new Stake(Units.tokens(1))));
    }

    /**
     * Microseconds per unstake. A position holds at most 10 pending unstakes, so the batch goes in
     * rounds of at most 5 per delegator, each followed (untimed) by a claim after the cooldown.
     */
    double unstake(int k) {
        double micros = 0;
        long r = 0;
        long w = 0;
        for (int done = 0; done < k; ) {
            int round = Math.min(k - done, 5 * delegators);
            micros += round * timed(round, i -> payload(account(i), ++nonces[i], new Unstake(null, BigDecimal.valueOf(1_000))));
            r += reads * round;
            w += writes * round;
            done += round;
            now += 8 * 86_400_000L;
            for (int d = 0; d < Math.min(round, delegators); d++) {
                int who = (next - 1 - d + delegators) % delegators;
                apply(account(who), ++nonces[who], POOL, new ClaimUnstake(account(who)));
            }
        }
        reads = r / k;
        writes = w / k;
        return micros / k;
    }

    /** Microseconds per slash: k proposals, the dispute window closed (untimed), k executions. */
    double slash(int k) {
        java.util.ArrayDeque<String> slashIds = new java.util.ArrayDeque<>();
        double propose = timed(k, i -> {
            slashIds.add("s" + (++ids));
            return payload(slasher, ++slasherNonce, ProposeSlash.newBuilder().setSlashId(slashIds.peekLast())
                    .setReason(SlashReason.SLA_BREACH).setFractionPpm(10).setEvidence("bench").build());
        });
        long r = reads;
        long w = writes;
        closeEpoch();
        closeEpoch();
        double execute = timed(k, i -> payload(slasher, ++slasherNonce, new ExecuteSlash(slashIds.poll())));
        reads += r;
        writes += w;
        return propose + execute;
    }

    /**
     * Microseconds per accrual (AccrueReward with its merkle proof, as the reward-builder sends it).
     * A pool accrues once per epoch, so each is preceded (untimed) by an epoch close and that epoch's
     * reward record: a one-leaf tree, the pool's leaf its root.
     */
    double accrue(int k) {
        double micros = 0;
        long r = 0;
        long w = 0;
        for (int i = 0; i < k; i++) {
            closeEpoch();
            long closed = owed.poll(); // the oldest first: slashes closed epochs too, and a pool accrues in order
            BigDecimal tokens = Units.tokens(10);
            RewardLeaf leaf = new RewardLeaf(closed, POOL, tokens.toBigIntegerExact(), java.math.BigInteger.ZERO);
            apply(rewarder, ++rewarderNonce, Keys.NETWORK, new CreateRewardRecord(closed, ByteBuffer.wrap(leaf.hash()), 1L, tokens,
                    BigDecimal.ZERO, List.of(new PartitionBudget(0, tokens, BigDecimal.ZERO))));
            micros += timed(1, d -> payload(rewarder, ++rewarderNonce, new AccrueReward(closed, tokens, BigDecimal.ZERO, List.of())));
            r += reads;
            w += writes;
        }
        reads = r / k;
        writes = w / k;
        return micros / k;
    }

    private ChainRef chainRef() {
        byte[] hash = new byte[32];
        ByteBuffer.wrap(hash).putLong(++transfers);
        return new ChainRef(31_337L, ByteBuffer.wrap(hash), 0L);
    }

    private void closeEpoch() {
        owed.add(epoch);
        apply(rewarder, ++rewarderNonce, Keys.NETWORK, new EpochClose(epoch++));
    }

    /** Microseconds per command over k commands, delegators taken round-robin; counts kept per command. */
    private double timed(int k, IntFunction<CommandPayload> command) {
        CommandPayload[] batch = new CommandPayload[k];
        for (int i = 0; i < k; i++) {
            batch[i] = command.apply(next);
            next = (next + 1) % delegators;
        }
        store.resetCounts();
        long start = System.nanoTime();
        for (CommandPayload p : batch) require(ledger.apply(p, now, 0, 1), p);
        double micros = (System.nanoTime() - start) / 1e3 / k;
        reads = store.reads() / k;
        writes = store.writes() / k;
        return micros;
    }

    private CommandPayload payload(ByteBuffer actor, long nonce, Object body) {
        String pool = body instanceof EpochClose || body instanceof CreatePoolOverview || body instanceof SetModel
                || body instanceof CreateRewardRecord || body instanceof FundRewards ? Keys.NETWORK : POOL;
        return CommandPayload.newBuilder().setCommandId("o1-" + (++ids)).setPoolId(pool).setActor(actor.duplicate()).setNonce(nonce)
                .setBody(body).build();
    }

    private void apply(ByteBuffer actor, long nonce, String pool, Object body) {
        CommandPayload p = CommandPayload.newBuilder().setCommandId("o1-" + (++ids)).setPoolId(pool).setActor(actor.duplicate())
                .setNonce(nonce).setBody(body).build();
        require(ledger.apply(p, now, 0, 1), p);
    }

    private static void require(Outcome o, CommandPayload p) {
        if (!o.accepted()) throw new IllegalStateException(p.getBody().getClass().getSimpleName() + " refused: " + o.message());
    }

    /** A distinct 32-byte account per number (the ledger checks lengths; signatures were checked before it). */
    private static ByteBuffer account(int n) {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.putLong(0, 0x5354414b45L).putInt(24, n);
        return b.asReadOnlyBuffer();
    }
}
