package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.ClaimUnstakeToFreeBalance;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutFailed;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.PayoutSettled;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.Withdraw;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The custody boundary: nothing enters the ledger but through a custody deposit or funding,
 * each chain transfer once, and nothing leaves but as a payout custody settles or fails back.
 * Every test tries to get round it; the harness checks the reconciliation after every command.
 */
class CustodyTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    @BeforeEach
    void network() {
        h.pool(op, "gpu-1", 1_000);
        h.pool(Account.named("op-2"), "gpu-2", 1_000);
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.custodyFunds = false; // from here on every token comes from an explicit custody command
    }

    static BigDecimal d(long v) {
        return BigDecimal.valueOf(v);
    }

    BigInteger free(String pool, Account who) {
        var p = h.position(pool, who);
        return p.getFreeTokens() == null ? BigInteger.ZERO : p.getFreeTokens().toBigInteger();
    }

    @Test
    void stakeDrawsOnTheFreeBalanceAndIsRefusedBeyondIt() {
        h.no(INSUFFICIENT_BALANCE, alice, "gpu-1", new Stake(d(10)));
        h.deposit(alice, "gpu-1", BigInteger.valueOf(300));
        assertThat(free("gpu-1", alice)).isEqualTo(300);
        h.ok(alice, "gpu-1", new Stake(d(200)));
        assertThat(free("gpu-1", alice)).isEqualTo(100);
        assertThat(h.value("gpu-1", alice)).isEqualTo(200);
        h.no(INSUFFICIENT_BALANCE, alice, "gpu-1", new Stake(d(101)));
    }

    @Test
    void aDepositWithStakeCreditsAndStakesInOneCommandAndOpensTheRecord() {
        h.ok(h.custody, "gpu-1", LedgerHarness.deposit(bob, Asset.TOKEN, 500, h.nextChainRef(), true));
        assertThat(h.value("gpu-1", bob)).isEqualTo(500);
        assertThat(free("gpu-1", bob)).isZero();
        assertThat(h.pool("gpu-1").getPositionCount()).isEqualTo(3);
    }

    @Test
    void onlyTokensAreStakedOnDepositAndNothingIsCreditedToTheBurnAddress() {
        h.no(INVALID_ARGUMENT, h.custody, "gpu-1", LedgerHarness.deposit(bob, Asset.USDC, 500, h.nextChainRef(), true));
        assertThat(h.position("gpu-1", bob)).as("the refused deposit opened no record").isNull();
        h.no(WRONG_KEY, h.custody, "gpu-1", new io.stakestream.avro.Deposit(ByteBuffer.wrap(new byte[32]), Asset.TOKEN, d(500), h.nextChainRef(), false));
        h.ok(h.custody, "gpu-1", LedgerHarness.deposit(bob, Asset.USDC, 500, h.nextChainRef(), false));
        assertThat(h.position("gpu-1", bob).getFreeUsdc()).isEqualByComparingTo("500");
    }

    @Test
    void aDepositThePoolCannotStakeStaysCreditedAsFreeBalance() {
        h.ok(h.halter, "gpu-1", new io.stakestream.avro.SetHaltStatus(true));
        Outcome o = h.ok(h.custody, "gpu-1", LedgerHarness.deposit(bob, Asset.TOKEN, 500, h.nextChainRef(), true));
        assertThat(o.events().get(0).getNote()).contains("not staked (HALTED)");
        assertThat(free("gpu-1", bob)).isEqualTo(500);
        assertThat(h.shares("gpu-1", bob)).isZero();
    }

    @Test
    void onlyACustodyKeyDepositsFundsOrSettles() {
        h.no(UNAUTHORIZED, alice, "gpu-1", LedgerHarness.deposit(alice, Asset.TOKEN, 1_000, h.nextChainRef(), true));
        h.no(UNAUTHORIZED, h.admin, "gpu-1", LedgerHarness.deposit(alice, Asset.TOKEN, 1_000, h.nextChainRef(), false));
        h.no(UNAUTHORIZED, h.rewarder, Keys.NETWORK, new FundRewards(d(1_000), d(0), h.nextChainRef()));
        Payout payout = withdrawal(alice, 40);
        h.no(UNAUTHORIZED, alice, "gpu-1", new PayoutSettled(payout.getPayoutId(), h.nextChainRef()));
        h.no(UNAUTHORIZED, alice, "gpu-1", new PayoutFailed(payout.getPayoutId(), "mine"));
    }

    @Test
    void aChainTransferIsCreditedOnceWhateverTheNonceOrThePool() {
        ChainRef ref = h.nextChainRef();
        h.ok(h.custody, "gpu-1", LedgerHarness.deposit(alice, Asset.TOKEN, 100, ref, false));
        // the indexer retries: a new nonce, the same transfer
        h.no(DUPLICATE_DEPOSIT, h.custody, "gpu-1", LedgerHarness.deposit(alice, Asset.TOKEN, 100, ref, false));
        // the same transfer sent to another pool on this partition (across partitions: the deposit gateway)
        h.no(DUPLICATE_DEPOSIT, h.custody, "gpu-2", LedgerHarness.deposit(alice, Asset.TOKEN, 100, ref, true));
        h.no(DUPLICATE_DEPOSIT, h.custody, Keys.NETWORK, new FundRewards(d(100), d(0), ref));
        assertThat(free("gpu-1", alice)).isEqualTo(100);
        assertThat(h.position("gpu-2", alice)).isNull();
    }

    @Test
    void aChainReferenceMustNameOneTransfer() {
        h.no(INVALID_ARGUMENT, h.custody, "gpu-1", LedgerHarness.deposit(alice, Asset.TOKEN, 1, new ChainRef(1L, ByteBuffer.wrap(new byte[3]), 0L), false));
        h.no(INVALID_ARGUMENT, h.custody, "gpu-1", LedgerHarness.deposit(alice, Asset.TOKEN, 1, new ChainRef(0L, ByteBuffer.wrap(new byte[32]), 0L), false));
        h.no(ZERO_AMOUNT, h.custody, "gpu-1", LedgerHarness.deposit(alice, Asset.TOKEN, 0, h.nextChainRef(), false));
        h.no(WRONG_KEY, h.custody, "gpu-1", new io.stakestream.avro.Deposit(ByteBuffer.wrap(new byte[32]), Asset.TOKEN, d(5), h.nextChainRef(), false));
    }

    @Test
    void aPoolsInitialStakeComesFromADepositMadeBeforeItExisted() {
        Account carol = Account.named("carol");
        h.no(INSUFFICIENT_BALANCE, carol, "gpu-3", LedgerHarness.createPool(700));
        // money that arrived is credited whatever: with no pool to stake into yet it waits free
        Outcome early = h.ok(h.custody, "gpu-3", LedgerHarness.deposit(carol, Asset.TOKEN, 700, h.nextChainRef(), true));
        assertThat(early.events().get(0).getNote()).contains("not staked");
        h.ok(h.custody, "gpu-3", LedgerHarness.deposit(bob, Asset.USDC, 30, h.nextChainRef(), false));
        h.ok(carol, "gpu-3", LedgerHarness.createPool(600));
        PoolState pool = h.pool("gpu-3");
        assertThat(pool.getTotalStake().toBigInteger()).isEqualTo(600);
        assertThat(pool.getPositionCount()).isEqualTo(2); // carol's and bob's prefunded record
        assertThat(free("gpu-3", carol)).isEqualTo(100);
        assertThat(h.position("gpu-3", bob).getFreeUsdc().toBigInteger()).isEqualTo(30);
    }

    Payout withdrawal(Account who, long amount) {
        h.deposit(who, "gpu-1", BigInteger.valueOf(amount));
        return h.ok(who, "gpu-1", new Withdraw(Asset.TOKEN, d(amount))).payouts().get(0);
    }

    @Test
    void aWithdrawalIsAPayoutThatStaysALiabilityUntilSettled() {
        h.no(INSUFFICIENT_BALANCE, alice, "gpu-1", new Withdraw(Asset.TOKEN, d(1)));
        Payout p = withdrawal(alice, 40);
        assertThat(p.getKind()).isEqualTo(PayoutKind.WITHDRAWAL);
        assertThat(p.getPayoutId()).isEqualTo("gpu-1#0");
        Reconciliation before = tokens();
        assertThat(before.paidUnsettled()).isEqualTo(40);
        h.settle(p);
        Reconciliation after = tokens();
        assertThat(after.paidUnsettled()).isZero();
        assertThat(after.paidSettled()).isEqualTo(before.paidSettled().add(BigInteger.valueOf(40)));
        h.no(PAYOUT_ALREADY_SETTLED, h.custody, "gpu-1", new PayoutSettled(p.getPayoutId(), h.nextChainRef()));
        h.no(PAYOUT_ALREADY_SETTLED, h.custody, "gpu-1", new PayoutFailed(p.getPayoutId(), "late"));
    }

    @Test
    void settlingAPayoutNobodyIssuedIsRefused() {
        h.no(UNKNOWN_PAYOUT, h.custody, "gpu-1", new PayoutSettled("gpu-1#99", h.nextChainRef()));
        h.no(UNKNOWN_PAYOUT, h.custody, "gpu-1", new PayoutSettled("c12:0", h.nextChainRef()));
        h.no(UNKNOWN_PAYOUT, h.custody, "gpu-1", new PayoutSettled("gpu-1#0", h.nextChainRef())); // the next number, not issued yet
        Payout p = withdrawal(alice, 5);
        assertThat(p.getPayoutId()).isEqualTo("gpu-1#0");
        h.no(UNKNOWN_PAYOUT, h.custody, "gpu-1", new PayoutSettled("gpu-1#1", h.nextChainRef()));
        h.no(INVALID_ARGUMENT, h.custody, "gpu-2", new PayoutSettled(p.getPayoutId(), h.nextChainRef()));
        // an acknowledgement is a pool command, even for an id that names the network key as its pool
        h.no(INVALID_ARGUMENT, h.custody, Keys.NETWORK, new PayoutSettled(Keys.NETWORK + "#0", h.nextChainRef()));
    }

    @Test
    void aSettlementMustNameTheChainTransferThatSentThePayout() {
        Payout p = withdrawal(alice, 5);
        ByteBuffer hash = h.nextChainRef().getTxHash();
        h.no(INVALID_ARGUMENT, h.custody, "gpu-1", new PayoutSettled(p.getPayoutId(), new ChainRef(0L, hash, 0L)));
        h.no(INVALID_ARGUMENT, h.custody, "gpu-1", new PayoutSettled(p.getPayoutId(), new ChainRef(1L, ByteBuffer.wrap(new byte[31]), 0L)));
        assertThat(tokens().paidUnsettled()).isEqualTo(5);
        h.settle(p);
        assertThat(tokens().paidUnsettled()).isZero();
    }

    @Test
    void aWithdrawalsEventCarriesItsAmountUnderItsOwnAsset() {
        h.deposit(alice, "gpu-1", BigInteger.valueOf(40));
        h.ok(h.custody, "gpu-1", LedgerHarness.deposit(alice, Asset.USDC, 25, h.nextChainRef(), false));
        var token = h.ok(alice, "gpu-1", new Withdraw(Asset.TOKEN, d(40))).events().get(0);
        assertThat(token.getTokenDelta()).isEqualByComparingTo("40");
        assertThat(token.getUsdcDelta()).isNull();
        var usdc = h.ok(alice, "gpu-1", new Withdraw(Asset.USDC, d(25))).events().get(0);
        assertThat(usdc.getUsdcDelta()).isEqualByComparingTo("25");
        assertThat(usdc.getTokenDelta()).isNull();
        assertThat(h.position("gpu-1", alice).getFreeUsdc()).isEqualByComparingTo("0");
    }

    @Test
    void aFailedPayoutComesBackToTheFreeBalanceAndCanBeWithdrawnAgain() {
        Payout p = withdrawal(alice, 70);
        assertThat(free("gpu-1", alice)).isZero();
        h.ok(h.custody, "gpu-1", new PayoutFailed(p.getPayoutId(), "recipient contract reverted"));
        assertThat(free("gpu-1", alice)).isEqualTo(70);
        assertThat(tokens().paidUnsettled()).isZero();
        Payout again = h.ok(alice, "gpu-1", new Withdraw(Asset.TOKEN, d(70))).payouts().get(0);
        assertThat(again.getPayoutId()).isNotEqualTo(p.getPayoutId());
    }

    @Test
    void finishedUnstakesCanStayInTheFreeBalance() {
        h.deposit(alice, "gpu-1", BigInteger.valueOf(500));
        h.ok(alice, "gpu-1", new Stake(d(500)));
        h.ok(alice, "gpu-1", new Unstake(null, d(200)));
        h.advanceDays(30);
        Outcome o = h.ok(alice, "gpu-1", new ClaimUnstakeToFreeBalance());
        assertThat(o.payouts()).isEmpty();
        assertThat(o.events().get(0).getNote()).isEqualTo("1 unstake(s) claimed into the free balance");
        assertThat(free("gpu-1", alice)).isEqualTo(200);
        h.ok(alice, "gpu-1", new Stake(d(200)));
    }

    @Test
    void payoutIdsAreUniqueAcrossAccountsPoolsAndCommandIds() {
        Payout a = withdrawal(alice, 10);
        Payout b = withdrawal(bob, 10);
        h.deposit(alice, "gpu-2", BigInteger.TEN);
        Payout c = h.ok(alice, "gpu-2", new Withdraw(Asset.TOKEN, d(10))).payouts().get(0);
        assertThat(List.of(a.getPayoutId(), b.getPayoutId(), c.getPayoutId())).containsExactly("gpu-1#0", "gpu-1#1", "gpu-2#0");
    }

    @Test
    void rewardsComeOnlyFromTheFundedVault() {
        // epoch 0 closes with a record that has no leaves: both pools are owed it, and only the emergency path can pay it
        h.closeEpoch();
        h.ok(h.rewarder, Keys.NETWORK, CreateRewardRecord.newBuilder().setEpoch(0L).setRoot(ByteBuffer.wrap(new byte[32])).setLeafCount(0L)
                .setTotalTokens(d(0)).setTotalUsdc(d(0)).build());
        h.no(INSUFFICIENT_REWARD_FUNDS, h.rewarder, "gpu-1", new AccrueRewardEmergencyBypass(0L, d(1), d(0), "unfunded"));
        h.ok(h.custody, Keys.NETWORK, new FundRewards(d(1_000), d(50), h.nextChainRef()));
        h.no(INSUFFICIENT_REWARD_FUNDS, h.rewarder, "gpu-1", new AccrueRewardEmergencyBypass(0L, d(1_001), d(0), "beyond the vault"));
        h.ok(h.rewarder, "gpu-1", new AccrueRewardEmergencyBypass(0L, d(600), d(50), "left out"));
        h.no(INSUFFICIENT_REWARD_FUNDS, h.rewarder, "gpu-2", new AccrueRewardEmergencyBypass(0L, d(401), d(0), "what is left is 400"));
        assertThat(tokens().held().get("vault")).isEqualTo(400);
    }

    @Test
    void aRewardRecordTheVaultCannotCoverIsRefusedAndAccrualsDrawItDown() {
        h.closeEpoch();
        CreateRewardRecord record = CreateRewardRecord.newBuilder().setEpoch(0L).setRoot(ByteBuffer.wrap(new byte[32])).setLeafCount(2L)
                .setTotalTokens(d(900)).setTotalUsdc(d(0)).setPartitionBudgets(List.of(new PartitionBudget(0, d(900), d(0)))).build();
        h.no(INSUFFICIENT_REWARD_FUNDS, h.rewarder, Keys.NETWORK, record);
        h.ok(h.custody, Keys.NETWORK, new FundRewards(d(1_000), d(0), h.nextChainRef()));
        h.ok(h.rewarder, Keys.NETWORK, record);
        Reconciliation r = tokens();
        assertThat(r.held().get("vault")).isEqualTo(1_000);
        // the record holds what it committed (its budget, nothing accrued yet), the network record the uncommitted 100;
        // its accruals may take the record's budget and nothing of the 100
        assertThat(h.store.get(Table.NETWORK, Keys.NETWORK_STATE).getVaultTokens().toBigInteger()).isEqualTo(100);
        var committed = h.store.get(Table.REWARD_RECORDS, Keys.epoch(0));
        assertThat(committed.getBudgetTokens().toBigInteger().subtract(committed.getAccruedTokens().toBigInteger())).isEqualTo(900);
    }

    @Test
    void burnedTokensAndRoundingDustLeaveAsPayouts() {
        LedgerHarness s = new LedgerHarness().init(Params.defaults(Account.named("treasury").key())
                .setSlashPolicy(SlashPolicy.PRO_RATA).build());
        s.pool(op, "gpu", 1_001);
        s.delegate(alice, "gpu", 2_000);
        s.ok(s.slasher, "gpu", SlashingTest.propose("s", SlashReason.SLA_BREACH, 333_333));
        s.closeEpoch();
        s.closeEpoch();
        s.advanceDays(1); // the dispute window: whole epochs and a day
        Outcome slash = s.ok(s.slasher, "gpu", new ExecuteSlash("s"));
        Payout burn = slash.payouts().stream().filter(p -> p.getKind() == PayoutKind.SLASH_BURN).findFirst().orElseThrow();
        assertThat(burn.getAccount()).isEqualTo(Accounts.BURN);
        assertThat(burn.getAmount().toBigInteger()).isEqualTo(slash.slashes().get(0).getBurned().toBigInteger());
        s.ok(alice, "gpu", new Unstake(null, d(333)));
        BigInteger dust = s.pool("gpu").getTokenDust().toBigInteger();
        assertThat(dust).isPositive();
        Outcome close = s.ok(s.rewarder, Keys.NETWORK, new io.stakestream.avro.EpochClose(s.epoch()));
        assertThat(close.payouts()).filteredOn(p -> p.getKind() == PayoutKind.TOKEN_DUST).singleElement()
                .satisfies(p -> assertThat(p.getAmount().toBigInteger()).isEqualTo(dust));
        assertThat(s.pool("gpu").getTokenDust().toBigInteger()).isZero();
    }

    @Test
    void aCorruptedBalanceBreaksTheReconciliation() {
        h.deposit(alice, "gpu-1", BigInteger.valueOf(300));
        h.invariants.check(h.store);
        // a free balance appearing from nowhere: position and pool agree, the deposits do not
        var position = h.position("gpu-1", alice);
        position.setFreeTokens(position.getFreeTokens().add(BigDecimal.ONE));
        h.store.put(Table.POSITIONS, Keys.position("gpu-1", alice.key()), position);
        PoolState pool = h.pool("gpu-1");
        pool.setTokensFree(pool.getTokensFree().add(BigDecimal.ONE));
        pool.setTokensIn(pool.getTokensIn().add(BigDecimal.ONE));
        h.store.put(Table.POOLS, "gpu-1", pool);
        assertThatThrownBy(() -> h.invariants.check(h.store)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("reconciliation of TOKEN broken").hasMessageContaining("difference -1");
    }

    Reconciliation tokens() {
        return Reconciliation.of(Asset.TOKEN, h.store.get(Table.NETWORK, Keys.NETWORK_STATE), h.store.values(Table.POOLS),
                h.store.values(Table.REWARD_RECORDS));
    }
}
