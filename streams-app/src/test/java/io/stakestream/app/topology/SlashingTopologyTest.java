package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.Pool;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A slash through the topology under each policy: dispute window, slash record, treasury payout, pool state. */
class SlashingTopologyTest {
    private final Program program = new Program();
    private final Actor operator = Actor.named("slash-operator");
    private final Actor delegator = Actor.named("slash-delegator");
    private final Actor slasher = new Actor("slasher", TestAccounts.SLASHER);

    @ParameterizedTest
    @EnumSource(SlashPolicy.class)
    void aProposedSlashExecutesAfterTheDisputeWindowAndIsSplitExactly(SlashPolicy policy) {
        try (LedgerDriver ledger = new LedgerDriver()) {
            ledger.send(program.init(TestParams.defaults().setSlashPolicy(policy).build()))
                    .send(program.createPool(operator, "gpu", 2_000))
                    .send(program.delegate(delegator, "gpu", 2_000))
                    .send(delegator.sign("gpu", new Unstake(null, TestParams.amount(1_000))))
                    .send(slasher.sign("gpu", ProposeSlash.newBuilder().setSlashId("s1").setReason(SlashReason.INVALID_PROOF)
                            .setEvidence("proof://job-17").build()))
                    .send(slasher.sign("gpu", new ExecuteSlash("s1")));
            assertThat(ledger.rejections()).extracting(r -> r.value.getReason()).containsExactly(RejectReason.DISPUTE_WINDOW_OPEN);

            // the window: the epoch of the proposal, one whole epoch more, and at least a day of broker time
            ledger.send(program.epochClose(0)).send(program.epochClose(1)).send(slasher.sign("gpu", new ExecuteSlash("s1")));
            assertThat(ledger.rejections()).extracting(r -> r.value.getReason()).containsExactly(RejectReason.DISPUTE_WINDOW_OPEN);
            ledger.sendAt(ledger.clock().plus(Duration.ofDays(1)), slasher.sign("gpu", new ExecuteSlash("s1")));
            var slashes = ledger.slashes(); // reading an output topic drains it
            assertThat(slashes).hasSize(1);
            SlashOutcome s = slashes.get(0).value;
            assertThat(s.getPolicy()).isEqualTo(policy);
            assertThat(s.getFractionPpm()).isEqualTo(250_000);
            assertThat(s.getEvidence()).isEqualTo("proof://job-17");
            assertThat(s.getBurned().add(s.getRedistributed()).add(s.getReturnedToDelegators()).add(s.getTreasury()))
                    .isEqualByComparingTo(s.getAmount());
            Pool pool = Pool.wrap(ledger.pool("gpu"));
            assertThat(pool.tokensBalance()).isTrue();
            BigInteger delegatorValue = pool.valueOf(ledger.position("gpu", delegator).getShares().toBigInteger());
            if (policy == SlashPolicy.PRO_RATA) {
                // 25% of 3000 active and of 1000 pending; the delegator pays its share
                assertThat(s.getFromActive()).isEqualByComparingTo("750");
                assertThat(s.getFromPending()).isEqualByComparingTo("250");
                assertThat(delegatorValue).isEqualTo(BigInteger.valueOf(750));
            } else {
                // only the operator's 2000 are touched; the delegator keeps its 1000
                assertThat(s.getFromActive()).isEqualByComparingTo("500");
                assertThat(s.getOperatorSharesBurned()).isEqualByComparingTo("500");
                assertThat(delegatorValue).isEqualTo(BigInteger.valueOf(1_000));
            }
            assertThat(ledger.payouts()).extracting(p -> p.value)
                    .filteredOn(p -> p.getKind() == PayoutKind.SLASH_TREASURY && p.getAsset() == Asset.TOKEN)
                    .singleElement().satisfies(p -> assertThat(p.getAmount()).isEqualByComparingTo(s.getTreasury()));
        }
    }
}
