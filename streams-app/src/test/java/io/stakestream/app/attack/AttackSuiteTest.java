package io.stakestream.app.attack;

import static io.stakestream.app.attack.AttackWorld.send;
import static io.stakestream.app.testkit.TestParams.amount;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.ForeignPayloads;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.app.testkit.TestRegistry;
import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CloseStakingRecord;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.SweepClosedPoolUsdcDust;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.serde.SignedPayloads;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attacks on the ledger through the whole command path of the topology (Confluent wire format,
 * in-process registry, signature check, partition check, ledger): forged and borrowed signatures,
 * replays across pools and partitions, every privileged command from every role that lacks it,
 * numeric edges, every lifecycle state, malformed input; and review defects 1 and 13. Each case
 * names the exact reason code it must get and must change nothing but the signer's nonce. The
 * table of every case is logged at the end. Run it alone with
 * {@code mvn -B -ntp -pl streams-app -am verify -Dtest='AttackSuiteTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AttackSuiteTest {

    private static final Logger log = LoggerFactory.getLogger(AttackSuiteTest.class);
    private static final AttackRunner runner = new AttackRunner();
    private static final BigInteger TWO_256 = BigInteger.TWO.pow(256);
    private static final byte[] ROOT = new byte[32];

    @TestFactory
    Stream<DynamicTest> attacks() {
        List<Attack> all = new ArrayList<>();
        all.addAll(signatures());
        all.addAll(replays());
        all.addAll(numbers());
        all.addAll(lifecycle());
        all.addAll(malformed());
        return all.stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> runner.run(a)));
    }

    /** One world per privileged command, shared by the attacks of every role that lacks it (they stage nothing). */
    @TestFactory
    Stream<DynamicContainer> everyPrivilegedCommandFromEveryWrongRole() {
        return privileged().stream().map(p -> {
            List<Attack> attacks = wrongRoles(p);
            AttackWorld[] world = new AttackWorld[1];
            return DynamicContainer.dynamicContainer(p.command(), java.util.stream.IntStream.range(0, attacks.size())
                    .mapToObj(i -> DynamicTest.dynamicTest(attacks.get(i).name(), () -> {
                        if (world[0] == null) world[0] = new AttackWorld();
                        try {
                            runner.runIn(world[0], attacks.get(i));
                        } finally {
                            if (i == attacks.size() - 1) world[0].close();
                        }
                    })));
        });
    }

    @AfterAll
    static void table() {
        runner.print(log, "attack suite");
    }

    // ---- forged and borrowed signatures ----

    private static List<Attack> signatures() {
        return List.of(
                attack("signature with one bit flipped", "BAD_SIGNATURE", w -> {
                    SignedCommand c = stake(w, w.delegator, 10);
                    return send(withSignature(c, flip(bytes(c.getSignature()), 7)));
                }),
                attack("signature of 64 zero bytes", "BAD_SIGNATURE", w -> send(withSignature(stake(w, w.delegator, 10), new byte[64]))),
                attack("signature of 63 bytes", "BAD_SIGNATURE", w -> send(withSignature(stake(w, w.delegator, 10), new byte[63]))),
                attack("empty signature", "BAD_SIGNATURE", w -> send(withSignature(stake(w, w.delegator, 10), new byte[0]))),
                attack("amount raised after signing", "BAD_SIGNATURE", w -> {
                    SignedCommand c = stake(w, w.delegator, 10);
                    CommandPayload p = payloads().command(c);
                    p.setBody(new Stake(amount(10_000)));
                    return send(new SignedCommand(ByteBuffer.wrap(payloads().write(p)), c.getSignature()));
                }),
                attack("delegator's command under the operator's signature", "BAD_SIGNATURE", w -> {
                    SignedCommand byOperator = stake(w, w.operator, 10);
                    return send(new SignedCommand(stake(w, w.delegator, 10).getPayload(), byOperator.getSignature()));
                }),
                attack("stranger claims the admin's key as actor", "BAD_SIGNATURE", w -> {
                    CommandPayload p = new CommandPayload("forged-admin", Keys.NETWORK, w.admin.key().accountBuffer(), 99L,
                            new UpdatePoolOverview(TestParams.defaults().setMaxCommissionBps(10_000).build()));
                    return send(CommandSigner.signBytes(payloads().write(p), w.stranger.key()));
                }),
                attack("actor that is not a curve point", "BAD_SIGNATURE", w -> {
                    CommandPayload p = new CommandPayload("no-point", w.pool, ByteBuffer.wrap(notACurvePoint()), 1L, new Stake(amount(10)));
                    return send(CommandSigner.signBytes(payloads().write(p), w.stranger.key()));
                }),
                attack("actor of 31 bytes", "BAD_SIGNATURE", w -> {
                    CommandPayload p = new CommandPayload("short-key", w.pool, ByteBuffer.wrap(new byte[31]), 1L, new Stake(amount(10)));
                    return send(CommandSigner.signBytes(payloads().write(p), w.stranger.key()));
                }),
                attack("command bytes signed under the attestation tag", "BAD_SIGNATURE", w -> {
                    SignedCommand c = stake(w, w.delegator, 10);
                    byte[] asAttestation = bytes(AttestationSigner.signBytes(bytes(c.getPayload()), w.delegator.key()).getSignature());
                    return send(withSignature(c, asAttestation));
                }),
                attack("attestation bytes signed under the command tag", "BAD_SIGNATURE", w -> {
                    SignedAttestation a = attestation(w, w.operator, w.epoch());
                    byte[] asCommand = bytes(CommandSigner.signBytes(bytes(a.getPayload()), w.operator.key()).getSignature());
                    return d -> d.attest(new SignedAttestation(a.getPayload(), ByteBuffer.wrap(asCommand)));
                }),
                attack("attestation with one bit of its signature flipped", "BAD_SIGNATURE", w -> {
                    SignedAttestation a = attestation(w, w.operator, w.epoch());
                    return d -> d.attest(new SignedAttestation(a.getPayload(), ByteBuffer.wrap(flip(bytes(a.getSignature()), 100))));
                }),
                attack("attestation signed by a key that is not the pool's node", "UNAUTHORIZED",
                        w -> { SignedAttestation a = attestation(w, w.stranger, w.epoch()); return d -> d.attest(a); }),
                attack("payload re-framed under another schema id", "UNDECODABLE", w -> {
                    byte[] payload = bytes(stake(w, w.delegator, 10).getPayload());
                    ByteBuffer.wrap(payload).putInt(1, TestRegistry.serdes().valueSerde(SignedCommand.class).serializer().schemaId(
                            io.stakestream.topics.Topics.COMMANDS));
                    return keyed(w, CommandSigner.signBytes(payload, w.delegator.key()));
                }),
                attack("payload cut short, signed as cut", "UNDECODABLE", w -> {
                    byte[] payload = bytes(stake(w, w.delegator, 10).getPayload());
                    return keyed(w, CommandSigner.signBytes(java.util.Arrays.copyOf(payload, payload.length - 3), w.delegator.key()));
                }),
                attack("payload with trailing bytes, signed with them", "UNDECODABLE", w -> {
                    byte[] payload = bytes(stake(w, w.delegator, 10).getPayload());
                    return keyed(w, CommandSigner.signBytes(java.util.Arrays.copyOf(payload, payload.length + 4), w.delegator.key()));
                }),
                attack("foreign bytes with a flipped amount bit (defect 13)", "BAD_SIGNATURE", w -> {
                    byte[] payload = ForeignPayloads.withExtraField(TestRegistry.serdes().registry())
                            .stake("foreign", w.pool, w.delegator, 99, ForeignPayloads.padded(BigInteger.TEN, 6));
                    byte[] signature = bytes(CommandSigner.signBytes(payload, w.delegator.key()).getSignature());
                    payload[payload.length - 1] ^= 1;
                    return send(new SignedCommand(ByteBuffer.wrap(payload), ByteBuffer.wrap(signature)));
                }));
    }

    // ---- replays across pools and partitions ----

    private static List<Attack> replays() {
        return List.of(
                attack("the same signed stake twice", "REPLAY", w -> {
                    SignedCommand c = stake(w, w.delegator, 10);
                    w.stage(c);
                    return send(c);
                }),
                attack("an older nonce", "REPLAY", w -> {
                    w.stage(stake(w, w.delegator, 1), stake(w, w.delegator, 1));
                    return send(w.delegator.signReplay(w.pool, new Stake(amount(1))));
                }),
                attack("nonce 0 after nonce 2", "REPLAY", w -> send(signWithNonce(w.delegator, w.pool, 0, new Stake(amount(1))))),
                attack("a negative nonce", "INVALID_ARGUMENT", w -> send(signWithNonce(w.stranger, w.pool, -1, new CreateStakingRecord()))),
                attack("a command signed for one pool keyed by another", "INVALID_ARGUMENT", w -> {
                    String other = AttackWorld.home("other");
                    w.newPool(other);
                    return d -> d.sendKeyed(other, stake(w, w.delegator, 10));
                }),
                attack("a pool command keyed \"*\" to reach every partition", "INVALID_ARGUMENT",
                        w -> d -> d.sendKeyed(Keys.NETWORK, stake(w, w.delegator, 10))),
                attack("a stake signed with pool id \"*\"", "INVALID_ARGUMENT", w -> send(w.delegator.sign(Keys.NETWORK, new Stake(amount(10))))),
                attack("an epoch close signed for one pool", "INVALID_ARGUMENT", w -> send(w.rewarder.sign(w.pool, new EpochClose(w.epoch())))),
                attack("an epoch close replayed on its partition", "REPLAY", w -> {
                    SignedCommand close = w.rewarder.sign(Keys.NETWORK, new EpochClose(w.epoch()));
                    w.stage(close);
                    return send(close);
                }),
                attack("the same attestation batch twice", "REPLAY", w -> {
                    SignedAttestation a = attestation(w, w.operator, w.epoch());
                    w.stage(a);
                    return d -> d.attest(a);
                }),
                attack("a stake for a pool that lives on another partition (defect 1)", "WRONG_PARTITION",
                        w -> send(w.stranger.sign(AttackWorld.elsewhere("atlas"), new Stake(amount(10))))),
                attack("a second 'atlas' pool created by a stranger on the wrong partition (defect 1)", "WRONG_PARTITION", w -> {
                    String away = AttackWorld.elsewhere("atlas");
                    return send(w.program.createPool(w.stranger, away, 1_000));
                }),
                attack("an attestation forwarded to a partition its pool does not map to (defect 1)", "WRONG_PARTITION", w -> {
                    SignedAttestation a = AttestationSigner.of(w.operator.key(), payloads()).attestation("away", AttackWorld.elsewhere("atlas"), 1,
                            List.of(job(w.epoch(), "away-job")));
                    return d -> d.attest(a);
                }));
    }

    // ---- every privileged command from every role that lacks it ----

    /** A command some roles may send: who may, and how anyone signs it in a world. */
    private record Privileged(String command, Set<Roles> wrong, BiFunction<AttackWorld, Actor, SignedCommand> sign) {
    }

    private static List<Privileged> privileged() {
        return List.of(
                new Privileged("UpdatePoolOverview", Roles.except(Roles.ADMIN),
                        (w, a) -> a.sign(Keys.NETWORK, new UpdatePoolOverview(TestParams.defaults().setMaxCommissionBps(10_000).build()))),
                new Privileged("UpdatePoolOverviewAuthorities", Roles.except(Roles.ADMIN),
                        (w, a) -> a.sign(Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.SLASHING, List.of(a.key().accountBuffer())))),
                new Privileged("SetModel", Roles.except(Roles.ADMIN), (w, a) -> a.sign(Keys.NETWORK, new SetModel("free-model", amount(0), true))),
                new Privileged("SetWhitelist", Roles.except(Roles.ADMIN), (w, a) -> a.sign(w.pool, new SetWhitelist(false))),
                new Privileged("ProposeSlash", Roles.except(Roles.SLASHING), (w, a) -> a.sign(w.pool, ProposeSlash.newBuilder()
                        .setSlashId("grudge").setReason(SlashReason.OTHER).setFractionPpm(500_000).setEvidence("none").build())),
                new Privileged("ExecuteSlash", Roles.except(Roles.SLASHING), (w, a) -> a.sign(w.pool, new ExecuteSlash("grudge"))),
                new Privileged("CancelSlash", Roles.except(Roles.SLASHING, Roles.ADMIN), (w, a) -> a.sign(w.pool, new CancelSlash("grudge", "mine"))),
                new Privileged("SetHaltStatus", Roles.except(Roles.HALT), (w, a) -> a.sign(w.pool, new SetHaltStatus(true))),
                new Privileged("CreateRewardRecord", Roles.except(Roles.REWARD), (w, a) -> a.sign(Keys.NETWORK,
                        new CreateRewardRecord(0L, ByteBuffer.wrap(ROOT), 1L, amount(10), amount(0), List.of()))),
                new Privileged("AccrueRewardEmergencyBypass", Roles.except(Roles.REWARD),
                        (w, a) -> a.sign(w.pool, new AccrueRewardEmergencyBypass(0L, amount(1_000_000), amount(0), "mine"))),
                new Privileged("EpochClose", Roles.except(Roles.REWARD), (w, a) -> a.sign(Keys.NETWORK, new EpochClose(0L))),
                new Privileged("UpdateOperatorPool", Roles.except(Roles.OPERATOR),
                        (w, a) -> a.sign(w.pool, UpdateOperatorPool.newBuilder().setDelegationEnabled(false).build())),
                new Privileged("ChangeOperatorPoolAdmin", Roles.except(Roles.OPERATOR),
                        (w, a) -> a.sign(w.pool, new ChangeOperatorPoolAdmin(a.key().accountBuffer()))),
                new Privileged("ChangeOperatorStakingRecord", Roles.except(Roles.OPERATOR),
                        (w, a) -> a.sign(w.pool, new ChangeOperatorStakingRecord(w.delegator.key().accountBuffer()))),
                new Privileged("WithdrawOperatorRewardCommission", Roles.except(Roles.OPERATOR),
                        (w, a) -> a.sign(w.pool, new WithdrawOperatorRewardCommission())),
                new Privileged("WithdrawOperatorUsdcCommission", Roles.except(Roles.OPERATOR),
                        (w, a) -> a.sign(w.pool, new WithdrawOperatorUsdcCommission())),
                new Privileged("RetireOperatorPool", Roles.except(Roles.OPERATOR), (w, a) -> a.sign(w.pool, new RetireOperatorPool())),
                new Privileged("CloseOperatorPool", Roles.except(Roles.OPERATOR), (w, a) -> a.sign(w.pool, new CloseOperatorPool())),
                new Privileged("SweepClosedPoolUsdcDust", Roles.except(Roles.OPERATOR), (w, a) -> a.sign(w.pool, new SweepClosedPoolUsdcDust())));
    }

    private static List<Attack> wrongRoles(Privileged p) {
        List<Attack> out = new ArrayList<>();
        for (Roles r : p.wrong()) {
            out.add(attack(p.command() + " by " + r.name().toLowerCase(), "UNAUTHORIZED", w -> send(p.sign().apply(w, r.in(w)))));
        }
        return out;
    }

    // ---- numeric edges ----

    private static List<Attack> numbers() {
        return List.of(
                attack("stake 0", "ZERO_AMOUNT", w -> send(stake(w, w.delegator, 0))),
                attack("stake -1", "NEGATIVE_AMOUNT", w -> send(w.delegator.sign(w.pool, new Stake(amount(-1))))),
                // custody: a stake spends a credited free balance, and no one holds 2^256-1 of it
                attack("stake 2^256-1 on top of the pool's stake", "INSUFFICIENT_BALANCE",
                        w -> send(w.delegator.sign(w.pool, new Stake(new BigDecimal(TWO_256.subtract(BigInteger.ONE)))))),
                attack("stake 2^256", "OVERFLOW", w -> send(w.delegator.sign(w.pool, new Stake(new BigDecimal(TWO_256))))),
                attack("stake 1.5 by a writer schema with a decimal place", "UNDECODABLE", w -> {
                    byte[] payload = ForeignPayloads.withAmountScale(TestRegistry.serdes().registry(), 1)
                            .stake("one-and-a-half", w.pool, w.delegator, 99, BigInteger.valueOf(15).toByteArray());
                    return keyed(w, CommandSigner.signBytes(payload, w.delegator.key()));
                }),
                attack("stake -1 written as eight 0xff bytes", "NEGATIVE_AMOUNT", w -> {
                    byte[] payload = ForeignPayloads.sameSchema(TestRegistry.serdes().registry())
                            .stake("minus-one", w.pool, w.delegator, 99, ForeignPayloads.padded(BigInteger.ONE.negate(), 8));
                    return send(CommandSigner.signBytes(payload, w.delegator.key()));
                }),
                attack("unstake 0 shares", "ZERO_AMOUNT", w -> send(w.delegator.sign(w.pool, new Unstake(amount(0), null)))),
                attack("unstake -1 tokens", "NEGATIVE_AMOUNT", w -> send(w.delegator.sign(w.pool, new Unstake(null, amount(-1))))),
                attack("unstake more shares than held", "INSUFFICIENT_SHARES",
                        w -> send(w.delegator.sign(w.pool, new Unstake(amount(1).scaleByPowerOfTen(30), null)))),
                attack("unstake 2^256 tokens", "OVERFLOW", w -> send(w.delegator.sign(w.pool, new Unstake(null, new BigDecimal(TWO_256))))),
                attack("unstake shares and amount at once", "INVALID_ARGUMENT",
                        w -> send(w.delegator.sign(w.pool, new Unstake(amount(1), amount(1))))),
                attack("unstake naming neither shares nor amount", "INVALID_ARGUMENT", w -> send(w.delegator.sign(w.pool, new Unstake(null, null)))),
                attack("slash of 0 ppm", "ZERO_AMOUNT", w -> send(propose(w, "zero", 0))),
                attack("slash of -1 ppm", "ZERO_AMOUNT", w -> send(propose(w, "negative", -1))),
                attack("slash of 50.0001%", "SLASH_TOO_LARGE", w -> send(propose(w, "greedy", 500_001))),
                attack("slash of Integer.MAX_VALUE ppm", "SLASH_TOO_LARGE", w -> send(propose(w, "max", Integer.MAX_VALUE))),
                attack("slash of an amount of 2^256", "OVERFLOW", w -> send(w.slasher.sign(w.pool, ProposeSlash.newBuilder().setSlashId("huge")
                        .setReason(SlashReason.OTHER).setAmount(new BigDecimal(TWO_256)).setEvidence("e").build()))),
                attack("slash of an amount of 0", "ZERO_AMOUNT", w -> send(w.slasher.sign(w.pool, ProposeSlash.newBuilder().setSlashId("nil")
                        .setReason(SlashReason.OTHER).setAmount(amount(0)).setEvidence("e").build()))),
                attack("token commission of 10,001 bps", "COMMISSION_TOO_HIGH",
                        w -> send(w.operator.sign(w.pool, UpdateOperatorPool.newBuilder().setTokenCommissionBps(10_001).build()))),
                attack("USDC commission of -1 bps", "INVALID_ARGUMENT",
                        w -> send(w.operator.sign(w.pool, UpdateOperatorPool.newBuilder().setUsdcCommissionBps(-1).build()))),
                attack("delegation cap of 2^256", "OVERFLOW",
                        w -> send(w.operator.sign(w.pool, UpdateOperatorPool.newBuilder().setDelegationCap(new BigDecimal(TWO_256)).build()))),
                attack("emergency accrual of 2^256 tokens", "OVERFLOW", w -> send(w.rewarder.sign(w.pool,
                        new AccrueRewardEmergencyBypass(w.closeEpochLeavingEveryPoolOut(), new BigDecimal(TWO_256), amount(0), "overflow")))),
                attack("emergency accrual of -1 USDC", "NEGATIVE_AMOUNT", w -> send(w.rewarder.sign(w.pool,
                        new AccrueRewardEmergencyBypass(w.closeEpochLeavingEveryPoolOut(), amount(0), amount(-1), "negative")))),
                attack("emergency accrual for epoch -1", "INVALID_ARGUMENT", w -> send(w.rewarder.sign(w.pool,
                        new AccrueRewardEmergencyBypass(-1L, amount(1), amount(0), "before time")))),
                poolCreatedWith("initial stake of 2^256 at pool creation", "OVERFLOW", "huge", w -> { },
                        b -> b.setInitialStake(new BigDecimal(TWO_256))),
                attack("epoch close for Long.MAX_VALUE", "WRONG_EPOCH", w -> send(w.rewarder.sign(Keys.NETWORK, new EpochClose(Long.MAX_VALUE)))),
                attack("epoch close for -1", "WRONG_EPOCH", w -> send(w.rewarder.sign(Keys.NETWORK, new EpochClose(-1L)))),
                attack("reward record for the open epoch", "WRONG_EPOCH", w -> send(w.rewarder.sign(Keys.NETWORK,
                        new CreateRewardRecord(w.epoch(), ByteBuffer.wrap(ROOT), 1L, amount(1), amount(0), List.of())))),
                attack("a merkle root of 31 bytes", "INVALID_ARGUMENT", w -> {
                    w.closeEpoch();
                    return send(w.rewarder.sign(Keys.NETWORK, new CreateRewardRecord(0L, ByteBuffer.wrap(new byte[31]), 1L, amount(1), amount(0), List.of())));
                }),
                attack("cancel of an unstake id that does not exist", "UNKNOWN_UNSTAKE",
                        w -> send(w.delegator.sign(w.pool, new CancelUnstake(Long.MAX_VALUE)))));
    }

    // ---- lifecycle states ----

    private static List<Attack> lifecycle() {
        return List.of(
                new Attack("a pool before the program exists", "NOT_INITIALIZED", AttackWorld::uninitialized, w -> {
                    String id = AttackWorld.home("early");
                    return send(w.program.createPool(w.stranger, id, 1_000));
                }),
                attack("initializing the program twice", "ALREADY_INITIALIZED", w -> send(w.stranger.sign(Keys.NETWORK,
                        new CreatePoolOverview(TestParams.defaults().build(), TestParams.authorities())))),
                attack("stake into a retired pool", "POOL_NOT_ACTIVE", w -> send(stakeIn(w, w.retiredPool()))),
                attack("stake into a closed pool", "POOL_CLOSED", w -> send(stakeIn(w, w.closedPool()))),
                attack("stake into a halted pool", "HALTED", w -> send(stakeIn(w, w.haltedPool()))),
                attack("stake into a banned (deactivated) pool", "POOL_NOT_ACTIVE", w -> send(stakeIn(w, w.bannedPool()))),
                attack("a staking record in a closed pool", "POOL_CLOSED",
                        w -> send(w.stranger.sign(w.closedPool(), new CreateStakingRecord()))),
                byItsOperator("retire a retired pool", "POOL_NOT_ACTIVE", AttackWorld::retiredPool, new RetireOperatorPool()),
                byItsOperator("close a closed pool", "POOL_CLOSED", AttackWorld::closedPool, new CloseOperatorPool()),
                byItsOperator("update a closed pool", "POOL_CLOSED", AttackWorld::closedPool,
                        UpdateOperatorPool.newBuilder().setDelegationEnabled(false).build()),
                byItsOperator("halted operator unstakes", "HALTED", AttackWorld::haltedPool, new Unstake(null, amount(10))),
                byItsOperator("halted operator claims USDC", "HALTED", AttackWorld::haltedPool, new ClaimUsdcEarnings()),
                byItsOperator("halted operator withdraws commission", "HALTED", AttackWorld::haltedPool, new WithdrawOperatorRewardCommission()),
                attack("stake into a pool that does not exist", "UNKNOWN_POOL", w -> send(stakeIn(w, AttackWorld.home("ghost")))),
                attack("stake without a staking record", "UNKNOWN_POSITION", w -> send(stake(w, w.stranger, 10))),
                attack("a second staking record", "POSITION_EXISTS", w -> send(w.delegator.sign(w.pool, new CreateStakingRecord()))),
                attack("a pool id taken already", "POOL_EXISTS", w -> send(w.program.createPool(w.stranger, w.pool, 1_000))),
                attack("close a staking record that holds shares", "POSITION_NOT_EMPTY",
                        w -> send(w.delegator.sign(w.pool, new CloseStakingRecord()))),
                attack("the operator closes its record while the pool is active", "INVALID_ARGUMENT",
                        w -> send(w.operator.sign(w.pool, new CloseStakingRecord()))),
                attack("claim an unstake before its cooldown", "COOLDOWN_NOT_OVER", w -> {
                    w.pendingUnstake(w.delegator, w.pool, 100);
                    return send(w.delegator.sign(w.pool, new ClaimUnstake(w.delegator.key().accountBuffer())));
                }),
                attack("claim with nothing pending", "NOTHING_TO_CLAIM",
                        w -> send(w.stranger.sign(w.pool, new ClaimUnstake(w.delegator.key().accountBuffer())))),
                attack("claim USDC with none owed", "NOTHING_TO_CLAIM", w -> send(w.delegator.sign(w.pool, new ClaimUsdcEarnings()))),
                attack("withdraw commission with none earned", "NOTHING_TO_CLAIM",
                        w -> send(w.operator.sign(w.pool, new WithdrawOperatorRewardCommission()))),
                attack("sweep the dust of an active pool", "POOL_NOT_CLOSED", w -> send(w.operator.sign(w.pool, new SweepClosedPoolUsdcDust()))),
                attack("an eleventh pending unstake", "TOO_MANY_PENDING", w -> {
                    for (int i = 0; i < 10; i++) w.stage(w.delegator.sign(w.pool, new Unstake(null, amount(10))));
                    return send(w.delegator.sign(w.pool, new Unstake(null, amount(10))));
                }),
                attack("execute a slash inside its dispute window", "DISPUTE_WINDOW_OPEN", w -> {
                    w.stage(propose(w, "early", 100_000));
                    return send(w.slasher.sign(w.pool, new ExecuteSlash("early")));
                }),
                attack("execute a slash nobody proposed", "UNKNOWN_SLASH", w -> send(w.slasher.sign(w.pool, new ExecuteSlash("never")))),
                attack("cancel a slash nobody proposed", "UNKNOWN_SLASH", w -> send(w.admin.sign(w.pool, new CancelSlash("never", "why")))),
                attack("propose the same slash id twice", "SLASH_EXISTS", w -> {
                    w.stage(propose(w, "twice", 100_000));
                    return send(propose(w, "twice", 100_000));
                }),
                attack("stake into a pool with delegation off", "DELEGATION_DISABLED", w -> {
                    w.stage(w.operator.sign(w.pool, UpdateOperatorPool.newBuilder().setDelegationEnabled(false).build()));
                    return send(stake(w, w.delegator, 10));
                }),
                attack("stake past the delegation cap", "DELEGATION_CAP_EXCEEDED", w -> {
                    w.stage(w.operator.sign(w.pool, UpdateOperatorPool.newBuilder().setDelegationCap(amount(600)).build()));
                    return send(stake(w, w.delegator, 101));
                }),
                attack("the operator unstakes below its minimum", "BELOW_MINIMUM_STAKE",
                        w -> send(w.operator.sign(w.pool, new Unstake(null, amount(AttackWorld.OPERATOR_STAKE - 1))))),
                attack("stake while staking is halted network-wide", "NETWORK_HALTED", w -> {
                    w.stage(w.admin.sign(Keys.NETWORK, new UpdatePoolOverview(TestParams.defaults().setStakingHalted(true).build())));
                    return send(stake(w, w.delegator, 10));
                }),
                attack("claim while withdrawals are halted network-wide", "NETWORK_HALTED", w -> {
                    w.pendingUnstake(w.delegator, w.pool, 100);
                    w.stage(w.admin.sign(Keys.NETWORK, new UpdatePoolOverview(TestParams.defaults().setWithdrawalsHalted(true).build())));
                    return send(w.delegator.sign(w.pool, new ClaimUnstake(w.delegator.key().accountBuffer())));
                }),
                poolCreatedWith("a pool for a model nobody registered", "UNKNOWN_MODEL", "nomodel", w -> { }, b -> b.setModelId("no-such-model")),
                poolCreatedWith("a pool for a disabled model", "MODEL_DISABLED", "offmodel",
                        w -> w.stage(w.admin.sign(Keys.NETWORK, new SetModel("retired-model", amount(0), false))),
                        b -> b.setModelId("retired-model")),
                poolCreatedWith("a pool that does not pay the registration fee", "WRONG_FEE", "nofee", w -> { }, b -> b.setRegistrationFee(amount(1))),
                poolCreatedWith("a pool whose metadata has no url", "INVALID_METADATA", "nourl", w -> { }, b -> b.setMetadataJson("{\"name\":\"no url\"}")),
                attack("a pool id of 65 bytes", "INVALID_ARGUMENT", w -> {
                    String id = AttackWorld.home("x".repeat(63));
                    return send(w.program.createPool(w.stranger, id, 1_000));
                }),
                attack("an empty command id", "INVALID_ARGUMENT", w -> send(w.stranger.signer().sign(
                        new CommandPayload("", w.pool, null, 1L, new CreateStakingRecord())))),
                attack("a late attestation for a closed epoch", "LATE_ATTESTATION", w -> {
                    w.closeEpoch();
                    SignedAttestation a = attestation(w, w.operator, w.epoch() - 1);
                    return d -> d.attest(a);
                }),
                attack("an attestation for a future epoch", "WRONG_EPOCH",
                        w -> { SignedAttestation a = attestation(w, w.operator, w.epoch() + 1); return d -> d.attest(a); }),
                attack("an attestation with no jobs", "INVALID_ARGUMENT", w -> {
                    SignedAttestation a = AttestationSigner.of(w.operator.key(), payloads()).attestation("empty", w.pool, 1, List.of());
                    return d -> d.attest(a);
                }),
                attack("an attestation for a model the pool does not run", "INVALID_ARGUMENT", w -> {
                    JobResult job = job(w.epoch(), "other-model-job");
                    job.setModelId("sdxl");
                    SignedAttestation a = AttestationSigner.of(w.operator.key(), payloads()).attestation("wrong-model", w.pool, 1, List.of(job));
                    return d -> d.attest(a);
                }),
                attack("accrue a reward for an epoch without a record", "UNKNOWN_EPOCH",
                        w -> send(w.stranger.sign(w.pool, new AccrueReward(0L, amount(1), amount(0), List.of())))),
                attack("an emergency accrual twice for one epoch", "NOTHING_OWED", w -> {
                    long epoch = w.closeEpochLeavingEveryPoolOut();
                    w.stage(w.rewarder.sign(w.pool, new AccrueRewardEmergencyBypass(epoch, amount(10), amount(0), "first")));
                    return send(w.rewarder.sign(w.pool, new AccrueRewardEmergencyBypass(epoch, amount(10), amount(0), "again")));
                }));
    }

    // ---- bytes that are not a command ----

    private static List<Attack> malformed() {
        byte[] poolKey = "atlas".getBytes(StandardCharsets.UTF_8);
        return List.of(
                attack("random bytes", "UNDECODABLE", w -> d -> d.sendRaw(w.pool.getBytes(StandardCharsets.UTF_8), new byte[] {7, 1, 2, 3, 4, 5, 6})),
                attack("a null value", "UNDECODABLE", w -> d -> d.sendRaw(w.pool.getBytes(StandardCharsets.UTF_8), null)),
                attack("a JSON command", "UNDECODABLE", w -> d -> d.sendRaw(poolKey, "{\"stake\":\"all of it\"}".getBytes(StandardCharsets.UTF_8))),
                attack("an envelope with an unknown schema id", "UNDECODABLE", w -> {
                    byte[] bytes = w.ledger.encode(stake(w, w.delegator, 10));
                    ByteBuffer.wrap(bytes).putInt(1, 999_999);
                    return d -> d.sendRaw(w.pool.getBytes(StandardCharsets.UTF_8), bytes);
                }),
                attack("an envelope whose payload is not Confluent-framed", "UNDECODABLE", w -> {
                    byte[] payload = bytes(stake(w, w.delegator, 10).getPayload());
                    payload[0] = 1;
                    return keyed(w, CommandSigner.signBytes(payload, w.delegator.key()));
                }),
                attack("an attestation posing as forwarded, with forged headers", "UNDECODABLE", w -> d -> {
                    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
                    headers.add(io.stakestream.app.topology.AttestationGateway.SOURCE_TOPIC_HEADER,
                            io.stakestream.topics.Topics.ATTESTATIONS.getBytes(StandardCharsets.UTF_8));
                    d.sendRawWithHeaders(w.pool.getBytes(StandardCharsets.UTF_8), d.encode(stake(w, w.delegator, 10)), headers);
                }));
    }

    // ---- helpers ----

    private static Attack attack(String name, String expected, Function<AttackWorld, Consumer<LedgerDriver>> stage) {
        return new Attack(name, expected, AttackWorld::new, stage);
    }

    /** Sends keyed by the world's pool: for payloads the driver cannot read the pool id from. */
    private static Consumer<LedgerDriver> keyed(AttackWorld w, SignedCommand c) {
        return d -> d.sendKeyed(w.pool, c);
    }

    static SignedPayloads payloads() {
        return TestRegistry.payloads();
    }

    private static SignedCommand stake(AttackWorld w, Actor who, long amount) {
        return who.sign(w.pool, new Stake(amount(amount)));
    }

    /** The world's delegator, who holds a record in every pool the world made, stakes in this one. */
    private static SignedCommand stakeIn(AttackWorld w, String poolId) {
        return w.delegator.sign(poolId, new Stake(amount(10)));
    }

    private static SignedCommand propose(AttackWorld w, String id, int ppm) {
        return w.slasher.sign(w.pool, ProposeSlash.newBuilder().setSlashId(id).setReason(SlashReason.OTHER).setFractionPpm(ppm)
                .setEvidence("evidence://" + id).build());
    }

    private static SignedCommand signWithNonce(Actor who, String poolId, long nonce, SpecificRecord body) {
        return who.signer().command(who.name() + "-n" + nonce, poolId, nonce, body);
    }

    /** An attack by the operator of a pool that {@code state} brought to some lifecycle state. */
    private static Attack byItsOperator(String name, String expected, Function<AttackWorld, String> state, SpecificRecord body) {
        return attack(name, expected, w -> {
            String id = state.apply(w);
            return send(w.operatorOf(id).sign(id, body));
        });
    }

    /** A stranger creates a pool (named from base) with one field of an otherwise valid creation changed. */
    private static Attack poolCreatedWith(String name, String expected, String base, Consumer<AttackWorld> stage,
                                          Consumer<CreateOperatorPool> change) {
        return attack(name, expected, w -> {
            stage.accept(w);
            String id = AttackWorld.home(base);
            CreateOperatorPool body = createPoolBody(w, id, w.stranger);
            change.accept(body);
            return send(w.stranger.sign(id, body));
        });
    }

    private static CreateOperatorPool createPoolBody(AttackWorld w, String id, Actor owner) {
        return (CreateOperatorPool) payloads().command(w.program.createPool(owner, id, 1_000)).getBody();
    }

    private static SignedAttestation attestation(AttackWorld w, Actor node, long epoch) {
        return AttestationSigner.of(node.key(), payloads()).attestation(node.name() + "-batch-" + epoch, w.pool, 1, List.of(job(epoch, "job-" + epoch)));
    }

    private static JobResult job(long epoch, String id) {
        return JobResult.newBuilder().setEpoch(epoch).setJobId(id).setModelId(io.stakestream.app.testkit.Program.MODEL).setSuccess(true)
                .setLatencyMs(120).setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ONE).build();
    }

    private static SignedCommand withSignature(SignedCommand c, byte[] signature) {
        return new SignedCommand(c.getPayload(), ByteBuffer.wrap(signature));
    }

    private static byte[] bytes(ByteBuffer b) {
        return io.stakestream.protocol.crypto.Bytes.of(b);
    }

    private static byte[] flip(byte[] b, int bit) {
        byte[] out = b.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    /** y = 2 is not on the curve (no x satisfies the equation), so no one holds a key for it. */
    private static byte[] notACurvePoint() {
        byte[] y = new byte[32];
        y[0] = 2;
        return y;
    }
}
