package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.Stake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StakingTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    @Test
    void firstStakeMintsOneToOneThenAtThePoolPrice() {
        h.pool(op, "gpu-1", 1_000);
        assertThat(h.shares("gpu-1", op)).isEqualTo(BigInteger.valueOf(1_000));
        h.delegate(alice, "gpu-1", 500);
        assertThat(h.shares("gpu-1", alice)).isEqualTo(BigInteger.valueOf(500));
        assertThat(h.pool("gpu-1").getTotalStake()).isEqualByComparingTo("1500");
        assertThat(h.pool("gpu-1").getPositionCount()).isEqualTo(2);
    }

    @Test
    void stakeIntoUnknownPoolOrWithoutRecordIsRefused() {
        h.no(UNKNOWN_POOL, alice, "nope", new Stake(BigDecimal.TEN));
        h.pool(op, "gpu-1", 1_000);
        h.no(UNKNOWN_POSITION, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(POSITION_EXISTS, alice, "gpu-1", new CreateStakingRecord());
    }

    @Test
    void amountsMustBePositiveAndFitUint256() {
        h.pool(op, "gpu-1", 1_000);
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(ZERO_AMOUNT, alice, "gpu-1", new Stake(BigDecimal.ZERO));
        h.no(NEGATIVE_AMOUNT, alice, "gpu-1", new Stake(BigDecimal.valueOf(-5)));
        h.no(OVERFLOW, alice, "gpu-1", new Stake(new BigDecimal(Amounts.MAX.add(BigInteger.ONE))));
        // fits alone, but T + amount would not: with custody the deposit itself is refused
        h.no(OVERFLOW, h.custody, "gpu-1", LedgerHarness.deposit(alice, io.stakestream.avro.Asset.TOKEN, Amounts.MAX, h.nextChainRef(), false));
        h.no(INSUFFICIENT_BALANCE, alice, "gpu-1", new Stake(new BigDecimal(Amounts.MAX)));
    }

    @Test
    void aStakeThatWouldMintNoShareIsRefused() {
        h.pool(op, "gpu-1", 1_000);
        // a reward doubles the price: 1 token now buys half a share, which rounds to zero
        h.payEpoch(io.stakestream.ledger.testkit.RewardTree.Leaf.of("gpu-1", 1_250, 0));
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(ZERO_SHARES, alice, "gpu-1", new Stake(BigDecimal.ONE));
        h.ok(alice, "gpu-1", new Stake(BigDecimal.valueOf(3)));
        assertThat(h.shares("gpu-1", alice)).isEqualTo(BigInteger.ONE); // 3 * 1000 / 2000 rounds down
    }

    @Test
    void whileARewardIsOwedAStakeOrCancelThatWouldMintNoShareIsRefusedNotHeld() {
        h.pool(op, "gpu-1", 1_000);
        h.payEpoch(io.stakestream.ledger.testkit.RewardTree.Leaf.of("gpu-1", 1_250, 0)); // a share is worth 2 tokens
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        assertThat(h.ok(alice, "gpu-1", new Stake(BigDecimal.valueOf(30))).events().get(0).getNote()).isEqualTo("staked");
        h.ok(alice, "gpu-1", new io.stakestream.avro.Unstake(null, BigDecimal.ONE));
        h.ok(alice, "gpu-1", new io.stakestream.avro.Unstake(null, BigDecimal.TEN));
        var pending = h.position("gpu-1", alice).getPending();
        h.closeEpoch(); // epoch 1's reward is owed: new stake waits as an entry
        h.no(ZERO_SHARES, alice, "gpu-1", new Stake(BigDecimal.ONE));
        h.no(ZERO_SHARES, alice, "gpu-1", new io.stakestream.avro.CancelUnstake(pending.get(0).getId()));
        Outcome cancelled = h.ok(alice, "gpu-1", new io.stakestream.avro.CancelUnstake(pending.get(1).getId()));
        assertThat(cancelled.events().get(0).getShareDelta()).as("held, nothing minted yet").isEqualByComparingTo("0");
        Outcome held = h.ok(alice, "gpu-1", new Stake(BigDecimal.valueOf(4)));
        assertThat(held.events().get(0).getNote()).isEqualTo("staked; held as an entry of epoch 2 until epoch 1's reward lands");
        assertThat(held.events().get(0).getShareDelta()).isEqualByComparingTo("0");
        assertThat(h.position("gpu-1", alice).getEntries()).singleElement()
                .satisfies(e -> assertThat(e.getTokens()).isEqualByComparingTo("14"));
    }

    @Test
    void delegationNeedsTheOperatorAtItsMinimum() {
        h.pool(op, "gpu-1", 999);
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(BELOW_MINIMUM_STAKE, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.ok(op, "gpu-1", new Stake(BigDecimal.ONE));
        h.ok(alice, "gpu-1", new Stake(BigDecimal.TEN));
    }

    @Test
    void delegationCanBeSwitchedOffAndCapped() {
        h.pool(op, "gpu-1", 1_000);
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setDelegationEnabled(false).build());
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(DELEGATION_DISABLED, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setDelegationEnabled(true).setDelegationCap(BigDecimal.valueOf(100)).build());
        h.ok(alice, "gpu-1", new Stake(BigDecimal.valueOf(60)));
        h.ok(bob, "gpu-1", new CreateStakingRecord());
        h.no(DELEGATION_CAP_EXCEEDED, bob, "gpu-1", new Stake(BigDecimal.valueOf(41)));
        h.ok(bob, "gpu-1", new Stake(BigDecimal.valueOf(40)));
        h.ok(op, "gpu-1", new Stake(BigDecimal.valueOf(500))); // the operator's own stake is not capped
    }

    @Test
    void haltedRetiredAndClosedPoolsTakeNoStake() {
        h.pool(op, "gpu-1", 1_000);
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(UNAUTHORIZED, alice, "gpu-1", new SetHaltStatus(true));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.no(HALTED, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.no(HALTED, op, "gpu-1", new Stake(BigDecimal.TEN));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(false));
        h.ok(alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.no(UNAUTHORIZED, alice, "gpu-1", new RetireOperatorPool());
        h.ok(op, "gpu-1", new RetireOperatorPool());
        assertThat(h.pool("gpu-1").getStatus()).isEqualTo(PoolStatus.RETIRED);
        h.no(POOL_NOT_ACTIVE, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.ok(op, "gpu-1", new io.stakestream.avro.CloseOperatorPool());
        h.no(POOL_CLOSED, alice, "gpu-1", new Stake(BigDecimal.TEN));
        h.no(POOL_CLOSED, bob, "gpu-1", new CreateStakingRecord());
    }

    @Test
    void networkWideStakingHaltStopsStake() {
        h.pool(op, "gpu-1", 1_000);
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setStakingHalted(true).build()));
        h.no(NETWORK_HALTED, op, "gpu-1", new Stake(BigDecimal.TEN));
    }

    @Test
    void aReplayedOrOldNonceIsRefusedWhateverTheCommand() {
        h.pool(op, "gpu-1", 1_000);
        Outcome replay = h.sendRaw(op, "gpu-1", 1, new Stake(BigDecimal.TEN));
        assertThat(replay.rejection()).isEqualTo(REPLAY);
        Outcome next = h.sendRaw(op, "gpu-1", 7, new Stake(BigDecimal.TEN));
        assertThat(next.accepted()).isTrue();
        assertThat(h.sendRaw(op, "gpu-1", 5, new Stake(BigDecimal.TEN)).rejection()).isEqualTo(REPLAY);
        // a rejected command also uses up its nonce, so the same signed bytes never apply later
        assertThat(h.sendRaw(op, "gpu-1", 8, new Stake(BigDecimal.ZERO)).rejection()).isEqualTo(ZERO_AMOUNT);
        assertThat(h.sendRaw(op, "gpu-1", 8, new Stake(BigDecimal.ONE)).rejection()).isEqualTo(REPLAY);
    }

    @Test
    void poolCreationChecksIdModelMetadataFeeAndKeys() {
        var tooLong = "p".repeat(65);
        assertThat(h.send(op, tooLong, LedgerHarness.createPool(1_000)).rejection()).isEqualTo(INVALID_ARGUMENT);
        var noUrl = LedgerHarness.createPool(0);
        noUrl.setMetadataJson("{\"name\":\"x\"}");
        h.no(INVALID_METADATA, op, "gpu-1", noUrl);
        var notJson = LedgerHarness.createPool(0);
        notJson.setMetadataJson("url=x");
        h.no(INVALID_METADATA, op, "gpu-1", notJson);
        var model = LedgerHarness.createPool(0);
        model.setModelId("unknown");
        h.no(UNKNOWN_MODEL, op, "gpu-1", model);
        var fee = LedgerHarness.createPool(0);
        fee.setRegistrationFee(BigDecimal.ONE);
        h.no(WRONG_FEE, op, "gpu-1", fee);
        var keys = LedgerHarness.createPool(0);
        for (int i = 0; i < 6; i++) keys.getOperatorAuthKeys().add(Account.named("k" + i).key());
        h.no(INVALID_ARGUMENT, op, "gpu-1", keys);
        var commission = LedgerHarness.createPool(0);
        commission.setTokenCommissionBps(5_001);
        h.no(COMMISSION_TOO_HIGH, op, "gpu-1", commission);
        var negative = LedgerHarness.createPool(0);
        negative.setUsdcCommissionBps(-1);
        h.no(INVALID_ARGUMENT, op, "gpu-1", negative);
        h.no(INVALID_ARGUMENT, op, Keys.NETWORK, LedgerHarness.createPool(0));
        h.pool(op, "gpu-1", 0);
        assertThat(h.pool("gpu-1").getTokenCommissionBps()).isEqualTo(2_000);
        h.no(POOL_EXISTS, alice, "gpu-1", LedgerHarness.createPool(0));
    }

    @Test
    void commandsBeforeInitializationAreRefused() {
        LedgerHarness fresh = new LedgerHarness();
        fresh.no(NOT_INITIALIZED, op, "gpu-1", LedgerHarness.createPool(0));
    }
}
