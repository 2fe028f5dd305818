package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.ALREADY_ACCRUED;
import static io.stakestream.avro.RejectReason.BAD_PROOF;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.NEGATIVE_AMOUNT;
import static io.stakestream.avro.RejectReason.NETWORK_HALTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.ledger.testkit.RewardTree;
import io.stakestream.ledger.testkit.RewardTree.Leaf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The permissionless AccrueReward: anyone may accrue a pool's reward, but only with the proof of
 * exactly that (epoch, pool, tokens, usdc) under the epoch's committed root, and only once. The
 * verifier is the harness's real merkle check; a recording wrapper shows what the ledger asked it.
 */
class RewardProofTest {
    static final String POOL = "gpu-1";

    final Account operator = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account keeper = Account.named("keeper");

    record Asked(ByteBuffer root, long epoch, String poolId, BigInteger tokens, BigInteger usdc) {}

    final List<Asked> asked = new ArrayList<>();
    final LedgerHarness h = new LedgerHarness((root, epoch, pool, tokens, usdc, proof) -> {
        asked.add(new Asked(root, epoch, pool, tokens, usdc));
        return RewardTree.VERIFIER.verify(root, epoch, pool, tokens, usdc, proof);
    }).init();

    /** Epoch 0 closed with one leaf for each pool: 1,000 tokens and 300 USDC for gpu-1, 10 tokens for gpu-2. */
    RewardProofTest() {
        h.pool(operator, POOL, 1_000);
        h.delegate(alice, POOL, 3_000);
        h.pool(Account.named("operator-2"), "gpu-2", 1_000);
        h.closeEpoch();
        h.commitRecord(0, Leaf.of(POOL, 1_000, 300), Leaf.of("gpu-2", 10, 0));
    }

    static AccrueReward with(AccrueReward published, String tokens, String usdc) {
        return new AccrueReward(published.getEpoch(), new BigDecimal(tokens), new BigDecimal(usdc), new ArrayList<>(published.getProof()));
    }

    @Test
    void anyoneAccruesWithThePublishedProofOnceAgainstTheCommittedRoot() {
        h.ok(keeper, POOL, h.leafOf(POOL, 0));
        RewardTree tree = h.trees.get(0L);
        assertThat(asked).containsExactly(new Asked(tree.root(), 0, POOL, BigInteger.valueOf(1_000), BigInteger.valueOf(300)));
        assertThat(h.pool(POOL).getTokensIn().toBigInteger()).isEqualTo(BigInteger.valueOf(5_000));
        assertThat(h.pool(POOL).getLastAccruedEpoch()).isZero();
        h.no(ALREADY_ACCRUED, alice, POOL, h.leafOf(POOL, 0));
    }

    @Test
    void aProofForOtherAmountsAnotherPathOrAnotherPoolIsRefused() {
        AccrueReward published = h.leafOf(POOL, 0);
        h.no(BAD_PROOF, keeper, POOL, with(published, "1001", "300"));
        h.no(BAD_PROOF, keeper, POOL, with(published, "1000", "299"));
        h.no(BAD_PROOF, keeper, POOL, new AccrueReward(0L, published.getTokens(), published.getUsdc(), new ArrayList<>()));
        h.no(BAD_PROOF, keeper, "gpu-2", published);
        // the refusals used nothing up: the published proof still accrues
        h.ok(keeper, POOL, published);
    }

    @Test
    void amountsMustBeWholeNonNegativeBaseUnits() {
        AccrueReward published = h.leafOf(POOL, 0);
        h.no(INVALID_ARGUMENT, keeper, POOL, with(published, "1000.5", "300"));
        h.no(NEGATIVE_AMOUNT, keeper, POOL, with(published, "1000", "-1"));
        assertThat(asked).as("refused before any proof check").isEmpty();
    }

    @Test
    void haltedAccrualsWaitUntilTheHaltIsLifted() {
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setAccrualsHalted(true).build()));
        h.no(NETWORK_HALTED, keeper, POOL, h.leafOf(POOL, 0));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).build()));
        h.ok(keeper, POOL, h.leafOf(POOL, 0));
    }
}
