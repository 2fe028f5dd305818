package io.stakestream.app.attack;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.app.testkit.TestRegistry;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.protocol.clients.KeyPartitioner;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A small network, staged for attacks through the whole topology: program initialized, an active
 * pool with its operator and a delegator, a stranger with no record, and on demand pools in every
 * other lifecycle state. The ledger believes the commands topic has {@link #PARTITIONS}
 * partitions while the driver feeds it partition 0, so every pool here is named to map to
 * partition 0 and {@link #elsewhere} names one that does not.
 */
final class AttackWorld implements AutoCloseable {

    static final int PARTITIONS = 4;
    static final long OPERATOR_STAKE = 1_000;
    static final long DELEGATED = 500;

    final LedgerDriver ledger = new LedgerDriver(TestRegistry.serdes(), PARTITIONS);
    final Program program = new Program();
    final Actor admin = program.admin;
    final Actor rewarder = program.rewarder;
    final Actor slasher = new Actor("slasher", TestAccounts.SLASHER);
    final Actor halter = new Actor("halter", TestAccounts.HALTER);
    final Actor operator = Actor.named("atk-operator");
    final Actor delegator = Actor.named("atk-delegator");
    final Actor stranger = Actor.named("atk-stranger");
    final String pool = home("atlas");
    private final java.util.Map<String, Actor> operators = new java.util.HashMap<>();
    private long epoch;
    private int pools;

    AttackWorld() {
        this(TestParams.defaults().build());
    }

    AttackWorld(GlobalParameters params) {
        ledger.send(program.init(params))
                .send(program.createPool(operator, pool, OPERATOR_STAKE))
                .send(program.delegate(delegator, pool, DELEGATED));
        operators.put(pool, operator);
        settled("the staged network");
    }

    private AttackWorld(boolean initialized) {
        // nothing sent: the program does not exist yet
    }

    /** The same actors before anyone initialized the program. */
    static AttackWorld uninitialized() {
        return new AttackWorld(false);
    }

    /** The operator (pool admin) of a pool of this world. */
    Actor operatorOf(String poolId) {
        return java.util.Objects.requireNonNull(operators.get(poolId), poolId);
    }

    /** The first of base-0, base-1, ... that the default partitioner puts on partition 0. */
    static String home(String base) {
        for (int i = 0; ; i++) {
            String id = base + "-" + i;
            if (KeyPartitioner.partitionOf(id, PARTITIONS) == 0) return id;
        }
    }

    /** A pool id that belongs on another partition than the one the ledger reads here. */
    static String elsewhere(String base) {
        for (int i = 0; ; i++) {
            String id = base + "-" + i;
            if (KeyPartitioner.partitionOf(id, PARTITIONS) != 0) return id;
        }
    }

    /** A fresh active pool with its own operator (self-stake {@link #OPERATOR_STAKE}) and {@link #delegator} in it. */
    Actor newPool(String id) {
        Actor op = Actor.named("atk-operator-" + (++pools));
        ledger.send(program.createPool(op, id, OPERATOR_STAKE)).send(program.delegate(delegator, id, DELEGATED));
        operators.put(id, op);
        settled("pool " + id);
        return op;
    }

    String retiredPool() {
        return poolThat("retired", op -> op, new RetireOperatorPool());
    }

    String closedPool() {
        return poolThat("closed", op -> op, new CloseOperatorPool());
    }

    String haltedPool() {
        return poolThat("halted", op -> halter, new SetHaltStatus(true));
    }

    /** A new pool (named from base) that one command, signed by {@code by} (given its operator), brought to a state. */
    private String poolThat(String base, java.util.function.UnaryOperator<Actor> by, org.apache.avro.specific.SpecificRecord body) {
        String id = home(base);
        Actor op = newPool(id);
        ledger.send(by.apply(op).sign(id, body));
        settled(base + " " + id);
        return id;
    }

    /** Slashed (forged trace: 50% and a ban) until the ledger deactivates and bans it. */
    String bannedPool() {
        String id = home("banned");
        newPool(id);
        slash(id, "ban-1", SlashReason.FORGED_TRACE);
        settled("banning " + id);
        return id;
    }

    /** The pending unstake of {@code who} in {@code poolId}: its id. */
    long pendingUnstake(Actor who, String poolId, long amount) {
        ledger.send(who.sign(poolId, new Unstake(null, TestParams.amount(amount))));
        settled("an unstake in " + poolId);
        return ledger.position(poolId, who).getPending().get(0).getId();
    }

    /** Proposes, waits out the dispute window, executes. */
    void slash(String poolId, String slashId, SlashReason reason) {
        ledger.send(slasher.sign(poolId, ProposeSlash.newBuilder().setSlashId(slashId).setReason(reason).setEvidence("evidence://" + slashId).build()));
        closeEpoch();
        ledger.advance(Duration.ofDays(2));
        closeEpoch();
        ledger.send(slasher.sign(poolId, new ExecuteSlash(slashId)));
    }

    /** Sends set-up commands of an attack; each must be accepted. */
    void stage(SignedCommand... commands) {
        ledger.send(commands);
        settled("the attack's set-up");
    }

    void stage(io.stakestream.avro.SignedAttestation attestation) {
        ledger.attest(attestation);
        settled("the attack's set-up attestation");
    }

    void closeEpoch() {
        ledger.send(rewarder.sign(Keys.NETWORK, new EpochClose(epoch++)));
        settled("closing epoch " + (epoch - 1));
    }

    /**
     * Closes the epoch and commits its reward record with no leaves: every pool is left out of it,
     * the only case in which the reward authority's emergency accrual may apply.
     */
    long closeEpochLeavingEveryPoolOut() {
        long closed = epoch;
        closeEpoch();
        java.util.List<io.stakestream.avro.PartitionBudget> budgets = new java.util.ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) budgets.add(new io.stakestream.avro.PartitionBudget(p, TestParams.amount(0), TestParams.amount(0)));
        stage(rewarder.sign(Keys.NETWORK, io.stakestream.avro.CreateRewardRecord.newBuilder().setEpoch(closed)
                .setRoot(java.nio.ByteBuffer.wrap(new byte[32])).setLeafCount(0).setTotalTokens(TestParams.amount(0))
                .setTotalUsdc(TestParams.amount(0)).setPartitionBudgets(budgets).build()));
        return closed;
    }

    long epoch() {
        return epoch;
    }

    static Consumer<LedgerDriver> send(SignedCommand c) {
        return d -> d.send(c);
    }

    /** Staging must not be refused: a setup that silently failed would make every attack on it meaningless. */
    private void settled(String what) {
        var refused = ledger.rejections();
        if (!refused.isEmpty()) {
            RejectReason r = refused.get(0).value.getReason();
            throw new IllegalStateException("staging " + what + " was refused " + r + ": " + refused.get(0).value.getMessage());
        }
        ledger.drain();
        for (String id : ledger.keys(io.stakestream.ledger.Table.POOLS)) {
            if (!Pool.wrap(ledger.pool(id)).tokensBalance() || !Pool.wrap(ledger.pool(id)).usdcBalances()) {
                throw new IllegalStateException("pool " + id + " does not balance after " + what);
            }
        }
    }

    @Override
    public void close() {
        ledger.close();
    }
}
