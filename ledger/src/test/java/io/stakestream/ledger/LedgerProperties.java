package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.*;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random command sequences against the ledger. The harness checks every invariant after every
 * command (share, token and USDC conservation with entry buckets, positions within their share,
 * solvency, monotone accumulators, no record paying past a partition's budget, accepted + rejected
 * = consumed, and the custody reconciliation per asset: deposited = held + paid out, settled and
 * unsettled); here we also check that a replay of the same commands gives the same outcomes and
 * the same state. Rewards come the way the pipeline brings them: records over leaves for closed
 * epochs, proven accruals in any order by anyone, emergency accruals, stake in the gaps.
 */
class LedgerProperties {
    static final String[] POOLS = {"gpu-a", "gpu-b"};
    static final Account[] OPERATORS = {Account.named("op-a"), Account.named("op-b")};
    static final Account[] DELEGATORS = {Account.named("d0"), Account.named("d1"), Account.named("d2"), Account.named("d3")};

    enum Kind { STAKE, UNSTAKE_SHARES, UNSTAKE_AMOUNT, CANCEL, CLAIM, CLAIM_USDC, ACCRUE, RECORD, PROVEN, WITHDRAW_TOKENS, WITHDRAW_USDC,
        OPEN_RECORD, CLOSE_RECORD, WAIT, EPOCH, HALT, RESUME, PROPOSE_SLASH, EXECUTE_SLASH, COMMISSION, AUTO_STAKE, RETIRE, CLOSE_POOL,
        OPERATOR_STAKE, OPERATOR_UNSTAKE, CANCEL_SLASH, NOMINATE_OPERATOR_RECORD, ACCEPT_OPERATOR_RECORD,
        DEPOSIT, REDEPOSIT, DEPOSIT_USDC, WITHDRAW_FREE, SETTLE, FAIL, SETTLE_AGAIN, FUND, CLAIM_TO_FREE }

    record Op(Kind kind, int pool, int who, BigInteger amount, BigInteger usdc, int small) {}

    /** Every kind, with the reward path (closes, proven and emergency accruals) drawn more often. */
    static Arbitrary<Kind> kinds() {
        List<Kind> kinds = new java.util.ArrayList<>(List.of(Kind.values()));
        kinds.addAll(List.of(Kind.PROVEN, Kind.PROVEN, Kind.PROVEN, Kind.EPOCH, Kind.EPOCH, Kind.ACCRUE));
        return Arbitraries.of(kinds);
    }

    @Provide
    Arbitrary<Op> ops() {
        return ops(kinds());
    }

    /** Mostly stake, unstake and slash, so many slashes meet stakes and pending unstakes of every size. */
    @Provide
    Arbitrary<Op> slashingOps() {
        return ops(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(Kind.STAKE, Kind.OPERATOR_STAKE, Kind.UNSTAKE_SHARES, Kind.OPERATOR_UNSTAKE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Kind.ACCRUE, Kind.CLAIM, Kind.CANCEL, Kind.WAIT)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Kind.PROPOSE_SLASH, Kind.EXECUTE_SLASH)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Kind.class))));
    }

    private Arbitrary<Op> ops(Arbitrary<Kind> kinds) {
        Arbitrary<BigInteger> amounts = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(5_000)),
                Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(30)),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-3), BigInteger.ZERO),
                Arbitraries.bigIntegers().between(Amounts.MAX.subtract(BigInteger.TEN), Amounts.MAX.add(BigInteger.TEN)));
        return Combinators.combine(
                kinds,
                Arbitraries.integers().between(0, POOLS.length - 1),
                Arbitraries.integers().between(0, DELEGATORS.length - 1),
                amounts,
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000_003)),
                Arbitraries.integers().between(0, 9)).as(Op::new);
    }

    @Property(tries = 150)
    void invariantsHoldAfterEveryCommand(@ForAll @Size(min = 1, max = 120) List<@net.jqwik.api.From("ops") Op> ops,
                                         @ForAll SlashPolicy policy) {
        LedgerHarness first = run(ops, policy);
        LedgerHarness replay = run(ops, policy);
        assertThat(replay.outcomes).isEqualTo(first.outcomes);
        assertThat(replay.store.values(Table.POOLS)).isEqualTo(first.store.values(Table.POOLS));
        assertThat(replay.store.values(Table.POSITIONS)).isEqualTo(first.store.values(Table.POSITIONS));
        assertThat(replay.store.values(Table.PAYOUTS)).isEqualTo(first.store.values(Table.PAYOUTS));
        assertThat(replay.store.values(Table.NETWORK)).isEqualTo(first.store.values(Table.NETWORK));
        assertThat(first.accepted + first.rejected).isEqualTo(first.consumed);
        net.jqwik.api.statistics.Statistics.label("accepted share").collect(first.accepted * 10 / first.consumed * 10 + "%");
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        first.outcomes.forEach(o -> o.events().forEach(e -> kinds.add(e.getCommand())));
        net.jqwik.api.statistics.Statistics.label("accepted kinds").collect(kinds.size() / 5 * 5);
        net.jqwik.api.statistics.Statistics.label("proven accrual accepted").collect(kinds.contains("AccrueReward"));
        net.jqwik.api.statistics.Statistics.label("emergency accrual accepted").collect(kinds.contains("AccrueRewardEmergencyBypass"));
        net.jqwik.api.statistics.Statistics.label("stake held as an entry").collect(first.store.values(Table.POSITIONS).stream()
                .anyMatch(p -> !p.getEntries().isEmpty()) || first.outcomes.stream().flatMap(o -> o.events().stream())
                .anyMatch(e -> e.getNote() != null && e.getNote().contains("held as an entry")));
    }

    /**
     * Executes a slash and checks what it took against the state before it: under PRO_RATA active
     * stake and pending unstakes keep the same fraction (within one base unit of each); under
     * OPERATOR_ONLY it takes at most its fraction of what the operator had at stake.
     */
    static boolean executeSlash(LedgerHarness h, String pool, String slashId, SlashPolicy policy) {
        Pool before = Pool.wrap(h.pool(pool));
        PositionState op = h.store.get(Table.POSITIONS, Keys.position(pool, before.operatorAccount()));
        BigInteger atStake = op == null ? BigInteger.ZERO : before.operatorAtStake(new Position(op));
        Outcome o = h.send(h.slasher, pool, new ExecuteSlash(slashId));
        if (!o.accepted()) return false;
        SlashOutcome s = o.slashes().get(0);
        Pool after = Pool.wrap(h.pool(pool));
        if (policy == SlashPolicy.PRO_RATA) {
            BigInteger T = before.totalStake();
            BigInteger ps = before.pendingScale();
            BigInteger gap = after.totalStake().multiply(ps).subtract(after.pendingScale().multiply(T)).abs();
            assertThat(gap).as("active keeps %s/%s, pending %s/%s", after.totalStake(), T, after.pendingScale(), ps)
                    .isLessThanOrEqualTo(T.add(ps));
        } else {
            BigInteger cap = atStake.multiply(BigInteger.valueOf(s.getFractionPpm())).add(BigInteger.TWO.multiply(Amounts.PPM));
            assertThat(Amounts.big(s.getAmount()).multiply(Amounts.PPM)).as("slashed %s of %s at stake", s.getAmount(), atStake)
                    .isLessThanOrEqualTo(cap);
        }
        net.jqwik.api.statistics.Statistics.label("slashes executed").collect(policy);
        return true;
    }

    @Property(tries = 60)
    void slashesTakeTheirFractionFairlyAfterAnyHistory(@ForAll @Size(min = 1, max = 80) List<@net.jqwik.api.From("slashingOps") Op> ops,
                                                       @ForAll SlashPolicy policy) {
        LedgerHarness h = run(ops, policy);
        assertThat(h.accepted + h.rejected).isEqualTo(h.consumed);
    }

    static LedgerHarness run(List<Op> ops, SlashPolicy policy) {
        LedgerHarness h = new LedgerHarness().init(Params.defaults(Account.named("treasury").key()).setSlashPolicy(policy)
                .setMinOperatorStake(BigDecimal.valueOf(100)).build());
        for (int i = 0; i < POOLS.length; i++) h.pool(OPERATORS[i], POOLS[i], 1_000);
        // from here every token and USDC comes through an explicit custody command of the sequence
        h.custodyFunds = false;
        List<ChainRef> refs = new java.util.ArrayList<>();
        List<String> acknowledged = new java.util.ArrayList<>();
        int slashes = 0;
        List<String[]> open = new java.util.ArrayList<>();   // proposed slashes: id and pool
        for (Op op : ops) {
            String pool = POOLS[op.pool()];
            Account operator = OPERATORS[op.pool()];
            Account d = DELEGATORS[op.who()];
            BigDecimal amount = new BigDecimal(op.amount());
            switch (op.kind()) {
                case OPEN_RECORD -> h.send(d, pool, new CreateStakingRecord());
                case CLOSE_RECORD -> h.send(d, pool, new CloseStakingRecord());
                case STAKE -> {
                    if (h.position(pool, d) == null) h.send(d, pool, new CreateStakingRecord());
                    h.send(d, pool, new Stake(amount));
                }
                case OPERATOR_STAKE -> h.send(operator, pool, new Stake(amount));
                case OPERATOR_UNSTAKE -> h.send(operator, pool, new Unstake(null, amount));
                case UNSTAKE_SHARES -> {
                    var p = h.position(pool, d);
                    BigInteger shares = p == null ? op.amount() : p.getShares().toBigInteger().multiply(BigInteger.valueOf(op.small() + 1)).divide(BigInteger.TEN);
                    h.send(d, pool, new Unstake(new BigDecimal(shares), null));
                }
                case UNSTAKE_AMOUNT -> h.send(d, pool, new Unstake(null, amount));
                case CANCEL -> {
                    var p = h.position(pool, d);
                    long id = p == null || p.getPending().isEmpty() ? op.small() : p.getPending().get(op.small() % p.getPending().size()).getId();
                    h.send(d, pool, new CancelUnstake(id));
                }
                case CLAIM -> h.send(op.small() % 2 == 0 ? d : operator, pool, new ClaimUnstake(op.small() % 3 == 0 ? operator.key() : d.key()));
                case CLAIM_USDC -> h.send(op.small() % 4 == 0 ? operator : d, pool, new ClaimUsdcEarnings());
                case ACCRUE -> h.send(h.rewarder, pool, new AccrueRewardEmergencyBypass(h.epoch() - 1 - op.small() % 2,
                        new BigDecimal(op.amount().abs().min(BigInteger.TEN.pow(32))), new BigDecimal(op.usdc()), "p"));
                case RECORD -> h.commitRecord(Math.max(0, h.epoch() - 1 - op.small() % 3),
                        op.small() == 9 ? new RewardTree.Leaf[0] : new RewardTree.Leaf[] {
                                new RewardTree.Leaf(pool, op.amount().abs().min(BigInteger.TEN.pow(30)), op.usdc()),
                                new RewardTree.Leaf(POOLS[1 - op.pool()], BigInteger.valueOf(op.small() * 1_000L), BigInteger.ZERO)});
                case PROVEN -> {
                    List<Long> epochs = new java.util.ArrayList<>(new java.util.TreeSet<>(h.trees.keySet()));
                    if (!epochs.isEmpty()) {
                        long e = epochs.get(op.small() % epochs.size());
                        if (h.trees.get(e).leaf(pool) != null) h.accrueLeaf(d, pool, e);
                    }
                }
                case WITHDRAW_TOKENS -> h.send(operator, pool, new WithdrawOperatorRewardCommission());
                case WITHDRAW_USDC -> h.send(operator, pool, new WithdrawOperatorUsdcCommission());
                case WAIT -> h.now += (op.small() + 1) * 86_400_000L;
                case EPOCH -> {
                    // the builder's part: a record for the epoch just closed, now and then leaving a pool out
                    h.closeEpoch();
                    if (op.small() < 8) {
                        RewardTree.Leaf mine = new RewardTree.Leaf(pool, op.amount().abs().min(BigInteger.TEN.pow(30)), op.usdc());
                        RewardTree.Leaf other = RewardTree.Leaf.of(POOLS[1 - op.pool()], op.small() * 1_000L, op.small());
                        Outcome ro = h.commitRecord(h.epoch() - 1, op.small() % 3 == 0 ? new RewardTree.Leaf[] {mine} : new RewardTree.Leaf[] {mine, other});
                        // and, like the builder, often sends every leaf's AccrueReward at once
                        if (ro.accepted() && op.small() % 2 == 0) h.trees.get(h.epoch() - 1).leaves().forEach(l -> h.accrueLeaf(d, l.poolId(), h.epoch() - 1));
                    }
                }
                case HALT -> h.send(h.halter, pool, new SetHaltStatus(true));
                case RESUME -> h.send(h.halter, pool, new SetHaltStatus(false));
                case PROPOSE_SLASH -> {
                    String id = "s" + (slashes++);
                    Outcome o = h.send(h.slasher, pool, ProposeSlash.newBuilder().setSlashId(id)
                            .setReason(SlashReason.values()[op.small() % 5]).setFractionPpm(op.small() == 9 ? null : (op.small() + 1) * 50_000)
                            .setEvidence("e").build());
                    if (o.accepted()) open.add(new String[] {id, pool});
                }
                case EXECUTE_SLASH -> {
                    if (op.small() >= 4) { // often enough, wait out the window first: two epochs and a day
                        h.closeEpoch();
                        h.closeEpoch();
                        h.now += 86_400_000L;
                    }
                    String[] s = open.isEmpty() ? new String[] {"s0", pool} : open.get(op.small() % open.size());
                    if (executeSlash(h, s[1], s[0], policy)) open.remove(s);
                }
                case CANCEL_SLASH -> {
                    String[] s = open.isEmpty() ? new String[] {"s0", pool} : open.get(op.small() % open.size());
                    if (h.send(h.admin, s[1], new CancelSlash(s[0], "p")).accepted()) open.remove(s);
                }
                case NOMINATE_OPERATOR_RECORD -> h.send(operator, pool, new ChangeOperatorStakingRecord(d.key()));
                case ACCEPT_OPERATOR_RECORD -> h.send(d, pool, new AcceptOperatorStakingRecord());
                case COMMISSION -> h.send(operator, pool, UpdateOperatorPool.newBuilder()
                        .setTokenCommissionBps(op.small() * 600).setUsdcCommissionBps(op.small() * 550).build());
                case AUTO_STAKE -> h.send(operator, pool, UpdateOperatorPool.newBuilder().setAutoStakeCommission(op.small() % 2 == 0).build());
                case RETIRE -> { if (op.small() == 0) h.send(operator, pool, new RetireOperatorPool()); }
                case CLOSE_POOL -> { if (op.small() == 0) h.send(operator, pool, new CloseOperatorPool()); }
                case DEPOSIT -> {
                    ChainRef ref = h.nextChainRef();
                    Outcome o = h.send(h.custody, pool, LedgerHarness.deposit(op.small() == 0 ? operator : d, Asset.TOKEN, op.amount(), ref, op.small() % 2 == 0));
                    if (o.accepted()) refs.add(ref); // a refused deposit credited nothing and marks nothing
                }
                case REDEPOSIT -> {
                    if (refs.isEmpty()) continue;
                    ChainRef ref = refs.get(op.small() % refs.size());
                    Outcome o = h.send(h.custody, pool, LedgerHarness.deposit(d, Asset.TOKEN, op.amount().abs().add(BigInteger.ONE), ref, true));
                    assertThat(o.rejection()).as("a chain transfer credited twice").isEqualTo(RejectReason.DUPLICATE_DEPOSIT);
                }
                case DEPOSIT_USDC -> h.send(h.custody, pool, LedgerHarness.deposit(d, Asset.USDC, op.usdc(), h.nextChainRef(), false));
                case WITHDRAW_FREE -> h.send(op.small() == 0 ? operator : d, pool, new Withdraw(op.small() % 3 == 1 ? Asset.USDC : Asset.TOKEN, amount));
                case SETTLE, FAIL -> {
                    List<Payout> unsettled = h.unsettledPayouts();
                    if (unsettled.isEmpty()) continue;
                    Payout p = unsettled.get(op.small() % unsettled.size());
                    h.ok(h.custody, p.getPoolId(), op.kind() == Kind.SETTLE ? new PayoutSettled(p.getPayoutId(), h.nextChainRef())
                            : new PayoutFailed(p.getPayoutId(), "reverted"));
                    acknowledged.add(p.getPayoutId());
                }
                case SETTLE_AGAIN -> {
                    if (acknowledged.isEmpty()) continue;
                    String id = acknowledged.get(op.small() % acknowledged.size());
                    h.no(RejectReason.PAYOUT_ALREADY_SETTLED, h.custody, Keys.payoutPool(id), new PayoutSettled(id, h.nextChainRef()));
                }
                case FUND -> h.send(h.custody, Keys.NETWORK, new FundRewards(new BigDecimal(op.amount().abs().min(BigInteger.TEN.pow(33))),
                        new BigDecimal(op.usdc()), h.nextChainRef()));
                case CLAIM_TO_FREE -> h.send(d, pool, new ClaimUnstakeToFreeBalance());
            }
        }
        return h;
    }
}
