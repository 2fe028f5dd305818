package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AcceptOperatorStakingRecord;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Defect 2: the operator's staking record moves only to a record that meets the minimum, with its owner's consent. */
class OperatorRecordTest {
    final LedgerHarness h = new LedgerHarness().init();   // minimum self-stake 1000
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");
    final Account bob = Account.named("bob");

    OperatorRecordTest() {
        h.pool(op, "gpu-1", 1_000);
    }

    boolean operatorIs(Account who) {
        return Accounts.same(h.pool("gpu-1").getOperatorAccount(), who.key());
    }

    @Test
    void anEmptyRecordCannotBecomeTheOperatorsRecord() {
        h.ok(alice, "gpu-1", new CreateStakingRecord());
        h.no(BELOW_MINIMUM_STAKE, op, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        assertThat(operatorIs(op)).isTrue();
        // so the operator cannot leave an active pool by pointing it at nothing
        h.no(BELOW_MINIMUM_STAKE, op, "gpu-1", new Unstake(null, BigDecimal.valueOf(1_000)));
    }

    @Test
    void aDelegatorsRecordBecomesTheOperatorsOnlyWhenSheAccepts() {
        h.delegate(alice, "gpu-1", 1_500);
        h.ok(op, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        assertThat(operatorIs(op)).as("a nomination alone changes nothing").isTrue();
        h.no(UNAUTHORIZED, bob, "gpu-1", new AcceptOperatorStakingRecord());
        h.no(UNAUTHORIZED, op, "gpu-1", new AcceptOperatorStakingRecord());
        h.ok(alice, "gpu-1", new AcceptOperatorStakingRecord());
        assertThat(operatorIs(alice)).isTrue();
        assertThat(h.pool("gpu-1").getNominatedOperatorAccount()).isNull();
        h.no(UNAUTHORIZED, alice, "gpu-1", new AcceptOperatorStakingRecord());
        // the old operator key is a delegator now and may take everything out
        h.ok(op, "gpu-1", new Unstake(null, BigDecimal.valueOf(1_000)));
    }

    @Test
    void theNomineeMustStillMeetTheMinimumWhenSheAccepts() {
        h.delegate(alice, "gpu-1", 1_000);
        h.ok(op, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        h.ok(alice, "gpu-1", new Unstake(null, BigDecimal.ONE));
        h.no(BELOW_MINIMUM_STAKE, alice, "gpu-1", new AcceptOperatorStakingRecord());
        assertThat(operatorIs(op)).isTrue();
    }

    @Test
    void theRecordStaysPutWhileASlashAgainstThePoolIsProposed() {
        h.delegate(alice, "gpu-1", 1_500);
        h.ok(op, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        h.ok(h.slasher, "gpu-1", SlashingTest.propose("s1", SlashReason.SLA_BREACH, null));
        h.no(SLASH_PROPOSED, alice, "gpu-1", new AcceptOperatorStakingRecord());
        h.no(SLASH_PROPOSED, op, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        h.ok(h.admin, "gpu-1", new CancelSlash("s1", "disputed"));
        h.ok(alice, "gpu-1", new AcceptOperatorStakingRecord());
        assertThat(operatorIs(alice)).isTrue();
    }

    @Test
    void aHaltedPoolKeepsItsOperatorRecord() {
        h.delegate(alice, "gpu-1", 1_500);
        h.ok(op, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.no(HALTED, alice, "gpu-1", new AcceptOperatorStakingRecord());
        h.no(HALTED, op, "gpu-1", new ChangeOperatorStakingRecord(alice.key()));
        // the halt is the first answer, before anything about the record named
        h.no(HALTED, op, "gpu-1", new ChangeOperatorStakingRecord(bob.key()));
        h.no(HALTED, op, "gpu-1", new ChangeOperatorStakingRecord(op.key()));
    }
}
