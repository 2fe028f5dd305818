package io.stakestream.app.attack;

import static io.stakestream.app.attack.AttackWorld.send;
import static io.stakestream.app.testkit.TestParams.amount;

import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.avro.AcceptOperatorStakingRecord;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.KeyPartitioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger rules of review defects 2-12 (fixed on branch h7a), attacked through the whole
 * topology the same way as {@link AttackSuiteTest}: each case must get its exact reason code and
 * change nothing but the signer's nonce. The amounts of slashes (defects 4, 5, 6, 9) are checked by
 * the ledger's own tests (OperatorOnlySlashTest, ProRataSlashTest, ParameterBoundsTest).
 */
class LedgerDefectAttacksTest {

    private static final Logger log = LoggerFactory.getLogger(LedgerDefectAttacksTest.class);
    private static final AttackRunner runner = new AttackRunner();
    private static final long HUGE = Long.MAX_VALUE / 1000;

    @TestFactory
    Stream<DynamicTest> defects() {
        List<Attack> all = new ArrayList<>();
        all.addAll(operatorRecord());
        all.addAll(slashEscapes());
        all.addAll(rules());
        return all.stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> runner.run(a)));
    }

    @AfterAll
    static void table() {
        runner.print(log, "ledger defect attacks (review defects 2-12)");
    }

    // defect 2: the operator's record can be pointed anywhere
    private static List<Attack> operatorRecord() {
        return List.of(
                attack("2: operator's record pointed at an empty record", "BELOW_MINIMUM_STAKE", w -> {
                    w.stage(w.stranger.sign(w.pool, new CreateStakingRecord()));
                    return send(w.operator.sign(w.pool, new ChangeOperatorStakingRecord(w.stranger.key().accountBuffer())));
                }),
                attack("2: a delegator's record taken over by the operator accepting for her", "UNAUTHORIZED", w -> {
                    w.stage(w.operator.sign(w.pool, new ChangeOperatorStakingRecord(w.delegator.key().accountBuffer())));
                    return send(w.operator.sign(w.pool, new AcceptOperatorStakingRecord()));
                }),
                attack("2: a stranger accepts a nomination that is not his", "UNAUTHORIZED", w -> {
                    w.stage(w.operator.sign(w.pool, new ChangeOperatorStakingRecord(w.delegator.key().accountBuffer())));
                    return send(w.stranger.sign(w.pool, new AcceptOperatorStakingRecord()));
                }),
                attack("2: the operator's record moved while a slash is proposed", "SLASH_PROPOSED", w -> {
                    w.stage(propose(w, "pending"));
                    return send(w.operator.sign(w.pool, new ChangeOperatorStakingRecord(w.delegator.key().accountBuffer())));
                }),
                attack("2: a nomination accepted while a slash is proposed", "SLASH_PROPOSED", w -> {
                    w.stage(w.operator.sign(w.pool, new ChangeOperatorStakingRecord(w.delegator.key().accountBuffer())));
                    w.stage(propose(w, "pending"));
                    return send(w.delegator.sign(w.pool, new AcceptOperatorStakingRecord()));
                }));
    }

    // defects 3 and 7: escaping a proposed slash
    private static List<Attack> slashEscapes() {
        return List.of(
                attack("3: the operator claims its unstake while a slash is proposed", "SLASH_PROPOSED", w -> {
                    w.stage(propose(w, "s1"), w.operator.sign(w.pool, new Unstake(null, amount(800))));
                    w.ledger.advance(Duration.ofDays(8));
                    return send(w.operator.sign(w.pool, new ClaimUnstake(w.operator.key().accountBuffer())));
                }),
                attack("3: anyone claims it for the operator", "SLASH_PROPOSED", w -> {
                    w.stage(propose(w, "s1"), w.operator.sign(w.pool, new Unstake(null, amount(800))));
                    w.ledger.advance(Duration.ofDays(8));
                    return send(w.stranger.sign(w.pool, new ClaimUnstake(w.operator.key().accountBuffer())));
                }),
                attack("3: closing the pool does not lift the hold", "SLASH_PROPOSED", w -> {
                    w.stage(propose(w, "s1"), w.operator.sign(w.pool, new CloseOperatorPool()),
                            w.operator.sign(w.pool, new Unstake(null, amount(AttackWorld.OPERATOR_STAKE))));
                    w.ledger.advance(Duration.ofDays(8));
                    return send(w.operator.sign(w.pool, new ClaimUnstake(w.operator.key().accountBuffer())));
                }),
                attack("7: execute right after the epoch of the proposal closed", "DISPUTE_WINDOW_OPEN", w -> {
                    w.stage(propose(w, "s1"));
                    w.closeEpoch();
                    return send(w.slasher.sign(w.pool, new ExecuteSlash("s1")));
                }),
                attack("7: execute after whole epochs but inside the minimum seconds", "DISPUTE_WINDOW_OPEN", w -> {
                    w.stage(propose(w, "s1"));
                    w.closeEpoch();
                    w.closeEpoch();
                    w.closeEpoch();
                    return send(w.slasher.sign(w.pool, new ExecuteSlash("s1")));
                }),
                attack("7: a minimum dispute window of -1 s", "INVALID_ARGUMENT", w -> params(w, p -> p.setMinDisputeWindowSeconds(-1))),
                attack("11: a proposal for pool 'p/b' executed against pool 'p'", "UNKNOWN_SLASH", w -> {
                    String parent = w.pool;
                    String child = childOnPartitionZero(parent);
                    w.newPool(child);
                    w.stage(w.slasher.sign(child, ProposeSlash.newBuilder().setSlashId("s1").setReason(SlashReason.OTHER)
                            .setFractionPpm(500_000).setEvidence("e").build()));
                    w.closeEpoch();
                    w.ledger.advance(Duration.ofDays(2));
                    w.closeEpoch();
                    return send(w.slasher.sign(parent, new ExecuteSlash(child.substring(parent.length() + 1) + "/s1")));
                }));
    }

    // defects 8, 10 and 12
    private static List<Attack> rules() {
        return List.of(
                attack("8: cancel an unstake past the delegation cap", "DELEGATION_CAP_EXCEEDED", w -> {
                    long id = w.pendingUnstake(w.delegator, w.pool, 200);
                    w.stage(w.operator.sign(w.pool, UpdateOperatorPool.newBuilder().setDelegationCap(amount(300)).build()));
                    return send(w.delegator.sign(w.pool, new CancelUnstake(id)));
                }),
                attack("8: cancel an unstake into a pool with delegation off", "DELEGATION_DISABLED", w -> {
                    long id = w.pendingUnstake(w.delegator, w.pool, 200);
                    w.stage(w.operator.sign(w.pool, UpdateOperatorPool.newBuilder().setDelegationEnabled(false).build()));
                    return send(w.delegator.sign(w.pool, new CancelUnstake(id)));
                }),
                attack("10: a delegator cooldown that wraps now + cooldown", "INVALID_ARGUMENT",
                        w -> params(w, p -> p.setDelegatorCooldownSeconds(HUGE))),
                attack("10: an operator cooldown that wraps", "INVALID_ARGUMENT", w -> params(w, p -> p.setOperatorCooldownSeconds(HUGE))),
                attack("10: a slash halt delay that wraps", "INVALID_ARGUMENT", w -> params(w, p -> p.setSlashHaltDelaySeconds(HUGE))),
                attack("10: a min-stake decrease delay that wraps", "INVALID_ARGUMENT", w -> params(w, p -> p.setMinStakeDecreaseDelaySeconds(HUGE))),
                attack("10: a slash rule cooldown that wraps", "INVALID_ARGUMENT", w -> params(w, p -> p.setSlashSchedule(List.of(
                        SlashRule.newBuilder().setReason(SlashReason.SLA_BREACH).setFractionPpm(100_000).setCooldownSeconds(HUGE).setBan(false).build())))),
                attack("12: unstake while staking is halted network-wide", "NETWORK_HALTED", w -> {
                    w.stage(w.admin.sign(Keys.NETWORK, new UpdatePoolOverview(TestParams.defaults().setStakingHalted(true).build())));
                    return send(w.delegator.sign(w.pool, new Unstake(null, amount(10))));
                }),
                attack("12: unstake while withdrawals are halted network-wide", "NETWORK_HALTED", w -> {
                    w.stage(w.admin.sign(Keys.NETWORK, new UpdatePoolOverview(TestParams.defaults().setWithdrawalsHalted(true).build())));
                    return send(w.delegator.sign(w.pool, new Unstake(null, amount(10))));
                }),
                attack("12: close a halted pool", "HALTED", w -> {
                    w.stage(w.halter.sign(w.pool, new SetHaltStatus(true)));
                    return send(w.operator.sign(w.pool, new CloseOperatorPool()));
                }),
                attack("12: one key twice in an authority list", "INVALID_ARGUMENT", w -> send(w.admin.sign(Keys.NETWORK,
                        new UpdatePoolOverviewAuthorities(AuthorityRole.HALT, List.of(TestAccounts.HALTER.accountBuffer(), TestAccounts.HALTER.accountBuffer()))))),
                attack("12: one key twice in the operator's auth keys", "INVALID_ARGUMENT", w -> send(w.operator.sign(w.pool,
                        UpdateOperatorPool.newBuilder().setOperatorAuthKeys(List.of(w.operator.key().accountBuffer(), w.operator.key().accountBuffer())).build()))),
                metadata("12: a pool name of 65 characters", ",\"name\":\"" + "n".repeat(65) + "\""),
                metadata("12: a pool name of 33 two-byte characters (66 bytes)", ",\"name\":\"" + "é".repeat(33) + "\""),
                metadata("12: a description of 201 characters", ",\"description\":\"" + "d".repeat(201) + "\""),
                metadata("12: a website that is not a web address", ",\"website\":\"ftp://files.example\""),
                metadata("12: an avatar URL that runs script", ",\"avatarUrl\":\"javascript:alert(1)\""),
                metadata("12: metadata over 4096 bytes in UTF-8 but not in characters", ",\"description\":\"x\",\"note\":\"" + "é".repeat(2_100) + "\""));
    }

    private static Attack attack(String name, String expected, java.util.function.Function<AttackWorld,
            java.util.function.Consumer<io.stakestream.app.testkit.LedgerDriver>> stage) {
        return new Attack(name, expected, AttackWorld::new, stage);
    }

    private static Attack metadata(String name, String extra) {
        return attack(name, "INVALID_METADATA", w -> send(w.operator.sign(w.pool,
                UpdateOperatorPool.newBuilder().setMetadataJson("{\"url\":\"https://node.example\"" + extra + "}").build())));
    }

    private static java.util.function.Consumer<io.stakestream.app.testkit.LedgerDriver> params(AttackWorld w,
            UnaryOperator<GlobalParameters.Builder> change) {
        return send(w.admin.sign(Keys.NETWORK, new UpdatePoolOverview(change.apply(TestParams.defaults()).build())));
    }

    private static io.stakestream.avro.SignedCommand propose(AttackWorld w, String id) {
        return w.slasher.sign(w.pool, ProposeSlash.newBuilder().setSlashId(id).setReason(SlashReason.OTHER).setFractionPpm(500_000)
                .setEvidence("evidence://" + id).build());
    }

    /** parent + "/" + suffix, on partition 0 like the parent. */
    private static String childOnPartitionZero(String parent) {
        for (int i = 0; ; i++) {
            String child = parent + "/b" + i;
            if (KeyPartitioner.partitionOf(child, AttackWorld.PARTITIONS) == 0) return child;
        }
    }
}
