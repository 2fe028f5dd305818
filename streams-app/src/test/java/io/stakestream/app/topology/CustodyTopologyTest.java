package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.Payout;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Withdraw;
import io.stakestream.ledger.Keys;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custody through the real topology: the deposit gateway credits a chain transfer once whatever
 * pool or nonce its copies carry, a Deposit that skips the deposits topic is refused, and payouts
 * leave with ids custody settles.
 */
class CustodyTopologyTest {
    final Program program = new Program();
    final Actor alice = Actor.named("alice");
    final Actor bob = Actor.named("bob");
    LedgerDriver ledger;

    @BeforeEach
    void network() {
        ledger = new LedgerDriver();
        ledger.send(program.init()).send(program.createPool(alice, "alice", 1_000)).send(program.createPool(bob, "bob", 1_000)).drain();
        ledger.custodyFunds = false;
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aChainTransferSentToTwoPoolsOrRetriedIsCreditedOnce() {
        ChainRef ref = program.nextChainRef();
        ledger.send(program.deposit(bob, "alice", 300, true, ref));
        ledger.send(program.deposit(bob, "alice", 300, true, ref));  // the indexer retries with a new nonce
        ledger.send(program.deposit(bob, "bob", 300, true, ref));    // the same transfer to another pool
        assertThat(ledger.events()).singleElement().satisfies(e -> assertThat(e.value.getCommand()).isEqualTo("Deposit"));
        List<KeyValue<String, Rejection>> rejections = ledger.rejections();
        assertThat(rejections).hasSize(2).allSatisfy(r -> {
            assertThat(r.value.getReason()).isEqualTo(RejectReason.DUPLICATE_DEPOSIT);
            assertThat(r.value.getSourceTopic()).isEqualTo("stakestream.deposits");
        });
        assertThat(rejections.get(1).key).isEqualTo("bob");
        assertThat(ledger.pool("alice").getTotalStake()).isEqualByComparingTo("1300");
        assertThat(ledger.pool("bob").getTotalStake()).isEqualByComparingTo("1000");
    }

    @Test
    void aDepositThatSkipsTheGatewayIsRefused() {
        ledger.sendDirect(program.deposit(bob, "alice", 300, true));
        Rejection r = ledger.rejections().get(0).value;
        assertThat(r.getReason()).isEqualTo(RejectReason.INVALID_ARGUMENT);
        assertThat(r.getMessage()).contains("stakestream.deposits");
        assertThat(ledger.pool("alice").getTotalStake()).isEqualByComparingTo("1000");
    }

    @Test
    void aForgedDepositClaimsNoChainReference() {
        ChainRef ref = program.nextChainRef();
        SignedCommand good = program.deposit(bob, "alice", 300, false, ref);
        byte[] sig = good.getSignature().array().clone();
        sig[0] ^= 1;
        ledger.send(SignedCommand.newBuilder(good).setSignature(ByteBuffer.wrap(sig)).build());
        assertThat(ledger.rejections()).singleElement().satisfies(r -> assertThat(r.value.getReason()).isEqualTo(RejectReason.BAD_SIGNATURE));
        ledger.send(good);
        assertThat(ledger.events()).singleElement().satisfies(e -> assertThat(e.value.getCommand()).isEqualTo("Deposit"));
    }

    @Test
    void aStrangersDepositIsUnauthorizedAndStakeWithoutOneIsRefused() {
        Actor stranger = Actor.named("stranger");
        ledger.send(stranger.sign("alice", new io.stakestream.avro.Deposit(stranger.key().accountBuffer(), Asset.TOKEN,
                TestParams.amount(10), program.nextChainRef(), true)));
        ledger.send(program.stake(alice, "alice", 5));
        assertThat(ledger.rejections()).extracting(r -> r.value.getReason())
                .containsExactly(RejectReason.UNAUTHORIZED, RejectReason.INSUFFICIENT_BALANCE);
    }

    @Test
    void aWithdrawalIsAPayoutCustodySettlesOnce() {
        ledger.send(program.deposit(bob, "alice", 50, false));
        ledger.send(bob.sign("alice", new Withdraw(Asset.TOKEN, TestParams.amount(50))));
        Payout payout = ledger.payouts().get(0).value;
        assertThat(payout.getPayoutId()).isEqualTo(Keys.payout("alice", 0));
        ledger.drain();
        ledger.send(program.settle(payout));
        ledger.send(program.settle(payout));
        assertThat(ledger.events()).singleElement().satisfies(e -> assertThat(e.value.getNote()).contains("settled"));
        assertThat(ledger.rejections()).singleElement()
                .satisfies(r -> assertThat(r.value.getReason()).isEqualTo(RejectReason.PAYOUT_ALREADY_SETTLED));
        assertThat(ledger.pool("alice").getTokensUnsettled()).isEqualByComparingTo("0");
    }
}
