package io.stakestream.soak;

import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.PayoutSettled;
import io.stakestream.avro.Withdraw;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.serde.SignedPayloads;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * A deterministic ledger workload: the same seed gives the same records, byte for byte. Program
 * init and epoch closes go to every partition (one signed copy per partition, each with its own
 * command id so every input record is traceable to its outputs); pool commands are keyed by pool.
 * Besides commands meant to succeed it mixes in ones the ledger must refuse (zero and negative
 * amounts, replays, wrong authority, unknown pools, amounts over uint256). Custody deposits before
 * stakes (to the deposits topic, keyed by chain reference), re-sends some transfers (duplicates),
 * funds the reward vault and settles payouts.
 */
final class Workload {

    /** One record to produce. {@code partition} is set only for network-wide commands; value is a signed record. */
    record Input(boolean attestation, Integer partition, String key, SpecificRecord value, String label) {
    }

    /** Someone who signs; tracks the last nonce it used per pool, like a real client. */
    static final class Signer {
        final String name;
        final AccountKey key;
        private final SignedPayloads payloads;
        private final Map<String, Long> nonces = new HashMap<>();
        private int sent;

        Signer(String name, SignedPayloads payloads) {
            this(name, TestAccounts.named(name), payloads);
        }

        Signer(String name, AccountKey key, SignedPayloads payloads) {
            this.name = name;
            this.key = key;
            this.payloads = payloads;
        }

        CommandSigner signer() {
            return CommandSigner.of(key, payloads);
        }

        long next(String pool) {
            return nonces.merge(pool, 1L, Long::sum);
        }

        long last(String pool) {
            return nonces.getOrDefault(pool, 0L);
        }

        String newId() {
            return name + "-" + (++sent);
        }

        SignedCommand command(String pool, SpecificRecord body) {
            return signer().command(newId(), pool, next(pool), body);
        }

        /** Signed with the nonce of the previous command in this pool: the ledger must see a replay. */
        SignedCommand replay(String pool, SpecificRecord body) {
            return signer().command(newId(), pool, last(pool), body);
        }

        /** Signed with the next nonce without using it up: for records refused before the ledger sees them. */
        SignedCommand unused(String pool, SpecificRecord body) {
            return signer().command(newId(), pool, last(pool) + 1, body);
        }

        SignedAttestation attestation(String pool, List<JobResult> results) {
            return AttestationSigner.of(key, payloads).attestation(newId(), pool, next(pool), results);
        }
    }

    static {
        // the Avro builders below copy generated classes, which Avro 1.12 refuses until they are trusted
        io.stakestream.schemas.AvroTrust.install();
    }

    static final BigDecimal OVER_UINT256 = new BigDecimal(BigInteger.TWO.pow(256));

    final int partitions;
    final Random random;
    final SignedPayloads payloads;
    final Signer admin;
    final Signer rewarder;
    final Signer slasher;
    /** Plays the chain indexer: deposits before stakes, funds the reward vault, settles payouts. */
    final Signer custody;
    private final List<ChainRef> transfers = new ArrayList<>();
    /** Per pool, how many commands so far may have issued a payout: settlements aim at those ids. */
    private final Map<String, Integer> payouts = new HashMap<>();
    final List<String> pools = new ArrayList<>();
    final List<Signer> operators = new ArrayList<>();
    final List<Signer> delegators = new ArrayList<>();
    private final Map<String, java.util.Set<String>> joined = new HashMap<>();
    private final List<Input> out = new ArrayList<>();
    private long epoch;
    private int jobs;
    /** Proposed slashes not yet executed or cancelled: slash id -> (pool, epoch proposed). */
    private final Map<String, Map.Entry<String, Long>> proposed = new java.util.LinkedHashMap<>();

    /** @param payloads the payload writer of the registry the ledger under test reads with */
    Workload(SignedPayloads payloads, long seed, int partitions, String tag, int poolCount, int delegatorCount) {
        this.payloads = payloads;
        this.admin = new Signer("admin", TestAccounts.ADMIN, payloads);
        this.rewarder = new Signer("rewarder", TestAccounts.REWARDER, payloads);
        this.slasher = new Signer("slasher", TestAccounts.SLASHER, payloads);
        this.custody = new Signer("custody", TestAccounts.CUSTODY, payloads);
        this.partitions = partitions;
        this.random = new Random(seed);
        for (int i = 0; i < poolCount; i++) {
            pools.add("pool-" + tag + "-" + i);
            operators.add(new Signer("op-" + tag + "-" + i, payloads));
        }
        for (int i = 0; i < delegatorCount; i++) {
            delegators.add(new Signer("del-" + tag + "-" + i, payloads));
        }
    }

    /** The standard mix: init, pools, {@code steps} random pool commands with an epoch close half way and at the end. */
    static List<Input> standard(SignedPayloads payloads, long seed, int partitions, String tag, int steps) {
        Workload w = standardCast(payloads, seed, partitions, tag);
        w.init();
        w.createPools();
        for (int i = 0; i < steps; i++) {
            if (i == steps / 2) {
                w.epochClose();
            }
            w.step();
        }
        w.epochClose();
        return w.drain();
    }

    /**
     * The soak's mix, about {@code inputs} records: the standard one over many epochs (a close every
     * {@code stepsPerEpoch} steps), with slashes proposed now and then and executed (or, one in ten, cancelled) once their dispute
     * window is over.
     */
    static List<Input> soak(SignedPayloads payloads, long seed, int partitions, String tag, int inputs, int stepsPerEpoch) {
        Workload w = standardCast(payloads, seed, partitions, tag);
        w.init();
        w.createPools();
        for (int i = 0; w.out.size() < inputs - partitions; i++) {
            if (i > 0 && i % stepsPerEpoch == 0) {
                w.epochClose();
                w.settleSlashes();
            }
            if (w.random.nextInt(100) < 2) {
                w.proposeSlash();
            } else {
                w.step();
            }
        }
        w.epochClose();
        return w.drain();
    }

    /** The pools and accounts {@link #standard} uses. */
    static Workload standardCast(SignedPayloads payloads, long seed, int partitions, String tag) {
        return new Workload(payloads, seed, partitions, tag, 12, 60);
    }

    /** Every account that signs pool commands, lower-case hex. */
    List<String> accounts() {
        List<String> all = new ArrayList<>();
        operators.forEach(s -> all.add(s.key.accountHex()));
        delegators.forEach(s -> all.add(s.key.accountHex()));
        return all;
    }

    List<Input> drain() {
        List<Input> r = List.copyOf(out);
        out.clear();
        return r;
    }

    void init() {
        // short cooldowns so unstakes made early in the run can be claimed later in it
        var params = TestParams.defaults().setDelegatorCooldownSeconds(1L).setOperatorCooldownSeconds(1L).build();
        network(admin, new CreatePoolOverview(params, TestParams.authorities()), "init");
        network(admin, new SetModel(Program.MODEL, TestParams.amount(0), true), "init");
        // emission and revenue for the run's emergency accruals, split over the partitions' vaults
        network(custody, new FundRewards(TestParams.amount(1_000_000_000L), TestParams.amount(1_000_000_000L), nextTransfer()), "fund");
    }

    private ChainRef nextTransfer() {
        ChainRef ref = Program.chainRef(1_000_000L + transfers.size());
        transfers.add(ref);
        return ref;
    }

    /** Custody saw a transfer for owner into the pool: to the deposits topic, keyed by the chain reference. */
    void deposit(Signer owner, String pool, BigDecimal amount, boolean stake, ChainRef ref, String label) {
        SignedCommand c = custody.command(pool, new Deposit(owner.key.accountBuffer(), Asset.TOKEN, amount, ref, stake));
        out.add(new Input(false, null, Keys.chainRef(ref), c, label));
    }

    void createPools() {
        List<Input> creates = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            String pool = pools.get(i);
            Signer op = operators.get(i);
            CreateOperatorPool body = CreateOperatorPool.newBuilder().setModelId(Program.MODEL).setRegion("eu-west")
                    .setMetadataJson("{\"url\":\"https://" + pool + ".example\",\"name\":\"" + pool + "\"}")
                    .setOperatorAuthKeys(List.of(op.key.accountBuffer())).setRegistrationFee(TestParams.amount(0))
                    .setInitialStake(TestParams.amount(1_000 + 100L * i)).build();
            creates.add(new Input(false, null, pool, op.command(pool, body), "create-pool"));
            deposit(op, pool, body.getInitialStake(), false, nextTransfer(), PREFUND);
        }
        // an operator registers once custody has credited its transfer: see setupCount
        out.addAll(creates);
    }

    /** Label of the deposits an operator waits for before creating its pool. */
    static final String PREFUND = "deposit-prefund";

    /**
     * How many leading records are set-up that must be applied before the rest is sent: the
     * program, the reward funding and the operators' deposits (custody's topic is another path into
     * the log than the commands topic, so a pool creation sent at once could overtake its deposit).
     */
    static int setupCount(List<String> labels) {
        return labels.lastIndexOf(PREFUND) + 1;
    }

    void epochClose() {
        network(rewarder, new EpochClose(epoch), "epoch-close");
        // a record with no leaves: every pool that earned was left out, so emergency accruals may fill in
        network(rewarder, CreateRewardRecord.newBuilder().setEpoch(epoch).setRoot(java.nio.ByteBuffer.wrap(new byte[32])).setLeafCount(0)
                .setTotalTokens(TestParams.amount(0)).setTotalUsdc(TestParams.amount(0)).build(), "reward-record");
        epoch++;
    }

    /** The slashing authority proposes a default-fraction slash of a random pool. */
    void proposeSlash() {
        int i = random.nextInt(pools.size());
        String pool = pools.get(i);
        String id = "slash-" + pool + "-" + proposed.size() + "-" + epoch;
        SlashReason reason = random.nextBoolean() ? SlashReason.SLA_BREACH : SlashReason.DROPOUT;
        pool(pool, slasher.command(pool, ProposeSlash.newBuilder().setSlashId(id).setReason(reason)
                .setEvidence("soak " + reason).build()), "slash-propose");
        proposed.put(id, Map.entry(pool, epoch));
    }

    /** Executes (or cancels) every proposal whose one-epoch dispute window is over. */
    void settleSlashes() {
        for (var it = proposed.entrySet().iterator(); it.hasNext(); ) {
            var p = it.next();
            String pool = p.getValue().getKey();
            if (p.getValue().getValue() + 1 < epoch) {
                SpecificRecord body = random.nextInt(10) == 0 ? new CancelSlash(p.getKey(), "disputed") : new ExecuteSlash(p.getKey());
                pool(pool, slasher.command(pool, body), body instanceof CancelSlash ? "slash-cancel" : "slash-execute");
                it.remove();
            }
        }
    }

    /** Copies of one network command, one per partition, same nonce, distinct ids. */
    void network(Signer s, SpecificRecord body, String label) {
        long nonce = s.next(Keys.NETWORK);
        String id = s.newId();
        for (int p = 0; p < partitions; p++) {
            out.add(new Input(false, p, Keys.NETWORK, s.signer().command(id + "@p" + p, Keys.NETWORK, nonce, body), label));
        }
    }

    void pool(String pool, SpecificRecord signed, String label) {
        out.add(new Input(signed instanceof SignedAttestation, null, pool, signed, label));
    }

    /** One random pool command, mostly ones that should apply, some that must be refused. */
    void step() {
        int i = random.nextInt(pools.size());
        String pool = pools.get(i);
        Signer d = delegators.get(random.nextInt(delegators.size()));
        var members = joined.computeIfAbsent(pool, k -> new java.util.HashSet<>());
        if (!members.contains(d.name)) {
            members.add(d.name);
            pool(pool, d.command(pool, new CreateStakingRecord()), "join");
            deposit(d, pool, amount(50, 5_000), true, nextTransfer(), "deposit-stake");
            // some to keep free: later stakes draw on it
            deposit(d, pool, amount(100, 2_000), false, nextTransfer(), "deposit");
            return;
        }
        int r = random.nextInt(100);
        if (r < 8) {
            deposit(d, pool, amount(1, 3_000), false, nextTransfer(), "deposit");
        } else if (r < 15) {
            // from the free balance deposited earlier
            pool(pool, d.command(pool, new Stake(amount(1, 100))), "stake");
        } else if (r < 19) {
            // mostly beyond the free balance: INSUFFICIENT_BALANCE
            pool(pool, d.command(pool, new Stake(amount(3_000, 30_000))), "stake-unfunded");
        } else if (r < 23) {
            // the indexer retries, or sends one transfer to another pool: credited once
            ChainRef again = transfers.get(random.nextInt(transfers.size()));
            deposit(d, pools.get(random.nextInt(pools.size())), amount(1, 3_000), random.nextBoolean(), again, "deposit-duplicate");
        } else if (r < 27) {
            // custody settles one of the pool's payouts: issued ones settle once, a second try or an id not issued is refused
            int seq = random.nextInt(payouts.getOrDefault(pool, 0) + 1);
            pool(pool, custody.command(pool, new PayoutSettled(Keys.payout(pool, seq), nextTransfer())), "settle");
        } else if (r < 30) {
            pool(pool, d.command(pool, new Withdraw(Asset.TOKEN, amount(1, 200))), "withdraw");
            payouts.merge(pool, 1, Integer::sum);
        } else if (r < 45) {
            pool(pool, d.command(pool, new Unstake(null, amount(1, 400))), "unstake");
        } else if (r < 50) {
            pool(pool, d.command(pool, new CancelUnstake((long) (1 + random.nextInt(8)))), "cancel");
        } else if (r < 58) {
            pool(pool, d.command(pool, new ClaimUnstake(d.key.accountBuffer())), "claim-unstake");
            payouts.merge(pool, 1, Integer::sum);
        } else if (r < 63) {
            pool(pool, d.command(pool, new ClaimUsdcEarnings()), "claim-usdc");
            payouts.merge(pool, 1, Integer::sum);
        } else if (r < 73) {
            Signer op = operators.get(i);
            List<JobResult> results = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            // now and then a job of the previous epoch: late once that epoch is closed
            long jobEpoch = epoch > 0 && random.nextInt(10) == 0 ? epoch - 1 : epoch;
            for (int k = 0; k < n; k++) {
                results.add(JobResult.newBuilder().setEpoch(jobEpoch).setJobId("job-" + (++jobs)).setModelId(Program.MODEL)
                        .setSuccess(random.nextInt(10) > 0).setLatencyMs(20 + random.nextInt(900))
                        .setProofValid(random.nextInt(20) > 0).setCompleted(random.nextInt(30) > 0)
                        .setUsdcFee(amount(0, 2_000)).build());
            }
            pool(pool, op.attestation(pool, results), "attestation");
        } else if (r < 78) {
            // emergency accrual: once per (pool, epoch); repeats are refused as already accrued
            pool(pool, rewarder.command(pool, new AccrueRewardEmergencyBypass((long) random.nextInt(3), amount(1, 10_000),
                    amount(0, 5_000), "left out of the record")), "accrual");
        } else if (r < 81) {
            pool(pool, d.command(pool, new Stake(TestParams.amount(0))), "bad-zero");
        } else if (r < 84) {
            pool(pool, d.command(pool, new Stake(TestParams.amount(-1 - random.nextInt(100)))), "bad-negative");
        } else if (r < 87) {
            pool(pool, d.replay(pool, new Stake(amount(1, 100))), "bad-replay");
        } else if (r < 90) {
            // a delegator is no reward authority
            pool(pool, d.command(pool, new AccrueRewardEmergencyBypass(0L, amount(1, 100), amount(0, 1), "forged")), "bad-authority");
        } else if (r < 93) {
            // a delegator is not the pool's admin
            pool(pool, d.command(pool, UpdateOperatorPool.newBuilder().setTokenCommissionBps(0).build()), "bad-authority");
        } else if (r < 96) {
            String unknown = "nopool-" + random.nextInt(1_000);
            pool(unknown, d.command(unknown, new Stake(amount(1, 100))), "bad-unknown-pool");
        } else {
            pool(pool, d.command(pool, new Stake(OVER_UINT256.add(TestParams.amount(random.nextInt(1_000))))), "bad-huge");
        }
    }

    BigDecimal amount(long from, long to) {
        return TestParams.amount(from + (long) (random.nextDouble() * (to - from + 1)));
    }
}
