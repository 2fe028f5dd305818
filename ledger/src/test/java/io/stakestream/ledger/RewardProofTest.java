package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.ALREADY_ACCRUED;
import static io.stakestream.avro.RejectReason.BAD_PROOF;
import static io.stakestream.avro.RejectReason.COOLDOWN_NOT_OVER;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.NEGATIVE_AMOUNT;
import static io.stakestream.avro.RejectReason.NETWORK_HALTED;
import static io.stakestream.avro.RejectReason.POOL_CLOSED;
import static io.stakestream.avro.RejectReason.UNKNOWN_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The permissionless AccrueReward: anyone may accrue a pool's reward, but only with the proof
 * published for exactly that (epoch, pool, tokens, usdc) under the epoch's committed root, only
 * once, only after the reward delay, and only into a pool that is not closed.
 *
 * <p>The merkle hashing is the protocol module's (tested there against OpenZeppelin); here the
 * published proofs are a table the verifier looks the leaf up in, so what is under test is what the
 * ledger hands the verifier and what it does with the answer.
 */
class RewardProofTest {
    static final String POOL = "gpu-1";
    static final ByteBuffer ROOT = ByteBuffer.wrap(filled(32, 7));
    static final List<ByteBuffer> PROOF = List.of(ByteBuffer.wrap(filled(32, 1)), ByteBuffer.wrap(filled(32, 2)));

    final Account operator = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account anyone = Account.named("keeper");
    final PublishedProofs published = new PublishedProofs();

    static byte[] filled(int n, int b) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    /** The leaves the reward-builder published, with their proofs; a leaf verifies only under its root and proof. */
    static final class PublishedProofs implements ProofVerifier {
        record Leaf(ByteBuffer root, long epoch, String poolId, BigInteger tokens, BigInteger usdc, List<ByteBuffer> proof) {}

        final List<Leaf> leaves = new ArrayList<>();
        final List<Leaf> asked = new ArrayList<>();

        void publish(long epoch, String poolId, long tokens, long usdc) {
            leaves.add(new Leaf(ROOT, epoch, poolId, BigInteger.valueOf(tokens), BigInteger.valueOf(usdc), PROOF));
        }

        @Override
        public boolean verify(ByteBuffer root, long epoch, String poolId, BigInteger tokens, BigInteger usdc, List<ByteBuffer> proof) {
            Leaf leaf = new Leaf(root, epoch, poolId, tokens, usdc, proof);
            asked.add(leaf);
            return leaves.stream().anyMatch(l -> Objects.equals(l, leaf));
        }
    }

    final LedgerHarness h = new LedgerHarness(published);

    static AccrueReward accrue(long epoch, String tokens, String usdc, List<ByteBuffer> proof) {
        return new AccrueReward(epoch, new BigDecimal(tokens), new BigDecimal(usdc), new ArrayList<>(proof));
    }

    static CreateRewardRecord record(long epoch) {
        return CreateRewardRecord.newBuilder().setEpoch(epoch).setRoot(ROOT.duplicate()).setLeafCount(1)
                .setTotalTokens(BigDecimal.valueOf(1_000)).setTotalUsdc(BigDecimal.valueOf(300)).build();
    }

    /** Epoch 0 closed with its root committed; the pool's leaf: 1,000 tokens and 300 USDC. */
    void epochZeroCommitted(int rewardDelayEpochs) {
        h.init(Params.defaults(h.treasury.key()).setRewardDelayEpochs(rewardDelayEpochs).build());
        h.pool(operator, POOL, 1_000);
        h.delegate(alice, POOL, 3_000);
        h.closeEpoch();
        h.ok(h.rewarder, Keys.NETWORK, record(0));
        published.publish(0, POOL, 1_000, 300);
    }

    @Test
    void anyoneAccruesWithThePublishedProofAndTheRewardCompoundsAfterCommission() {
        epochZeroCommitted(0);
        Outcome o = h.ok(anyone, POOL, accrue(0, "1000", "300", PROOF));

        assertThat(published.asked).containsExactly(new PublishedProofs.Leaf(ROOT, 0, POOL,
                BigInteger.valueOf(1_000), BigInteger.valueOf(300), PROOF));
        // 20% commission; the rest raises T for the 4,000 shares
        assertThat(h.pool(POOL).getTotalStake()).isEqualByComparingTo("4800");
        assertThat(h.pool(POOL).getTotalShares()).isEqualByComparingTo("4000");
        assertThat(h.pool(POOL).getTokenCommission()).isEqualByComparingTo("200");
        assertThat(h.pool(POOL).getUsdcCommission()).isEqualByComparingTo("60");
        assertThat(h.pool(POOL).getUsdcBalance()).isEqualByComparingTo("240");
        assertThat(h.pool(POOL).getLastAccruedEpoch()).isZero();
        assertThat(h.value(POOL, alice)).isEqualTo(BigInteger.valueOf(3_600));
        assertThat(o.events()).singleElement().satisfies(e -> {
            assertThat(e.getTokenDelta()).isEqualByComparingTo("1000");
            assertThat(e.getUsdcDelta()).isEqualByComparingTo("300");
        });
    }

    @Test
    void aProofForOtherAmountsAnotherEpochOrAnotherPathIsRefused() {
        epochZeroCommitted(0);
        h.no(BAD_PROOF, anyone, POOL, accrue(0, "1001", "300", PROOF));
        h.no(BAD_PROOF, anyone, POOL, accrue(0, "1000", "301", PROOF));
        h.no(BAD_PROOF, anyone, POOL, accrue(0, "1000", "300", PROOF.subList(0, 1)));
        h.pool(Account.named("operator-2"), "gpu-2", 1_000);
        h.no(BAD_PROOF, anyone, "gpu-2", accrue(0, "1000", "300", PROOF));
        // the refusals used no accrual: the right proof still accrues, once
        h.ok(anyone, POOL, accrue(0, "1000", "300", PROOF));
        h.no(ALREADY_ACCRUED, alice, POOL, accrue(0, "1000", "300", PROOF));
        assertThat(h.pool(POOL).getTokensIn()).isEqualByComparingTo("5000");
    }

    @Test
    void anEpochWithoutARecordHasNothingToProveAgainst() {
        epochZeroCommitted(0);
        h.closeEpoch();
        published.publish(1, POOL, 1_000, 300);
        h.no(UNKNOWN_EPOCH, anyone, POOL, accrue(1, "1000", "300", PROOF));
        assertThat(published.asked).as("no record, no proof check").isEmpty();
    }

    @Test
    void theRewardDelayHoldsAccrualUntilItsEpoch() {
        epochZeroCommitted(1);
        h.no(COOLDOWN_NOT_OVER, anyone, POOL, accrue(0, "1000", "300", PROOF));
        h.closeEpoch();
        h.ok(anyone, POOL, accrue(0, "1000", "300", PROOF));
    }

    @Test
    void amountsMustBeWholeNonNegativeBaseUnits() {
        epochZeroCommitted(0);
        h.no(INVALID_ARGUMENT, anyone, POOL, accrue(0, "1000.5", "300", PROOF));
        h.no(NEGATIVE_AMOUNT, anyone, POOL, accrue(0, "1000", "-1", PROOF));
        h.no(INVALID_ARGUMENT, anyone, Keys.NETWORK, accrue(0, "1000", "300", PROOF));
        assertThat(published.asked).as("refused before any proof check").isEmpty();
    }

    @Test
    void haltedAccrualsAndClosedPoolsAccrueNothing() {
        epochZeroCommitted(0);
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setAccrualsHalted(true).build()));
        h.no(NETWORK_HALTED, anyone, POOL, accrue(0, "1000", "300", PROOF));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).build()));
        h.ok(operator, POOL, new CloseOperatorPool());
        h.no(POOL_CLOSED, anyone, POOL, accrue(0, "1000", "300", PROOF));
    }
}
