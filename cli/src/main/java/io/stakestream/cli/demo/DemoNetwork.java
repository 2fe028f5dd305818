package io.stakestream.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import java.math.BigInteger;
import io.stakestream.avro.PayoutSettled;
import io.stakestream.avro.PayoutFailed;
import io.stakestream.avro.Payout;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.Asset;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.cli.Units;
import io.stakestream.cli.up.Banner;
import io.stakestream.cli.up.LocalStack;
import io.stakestream.cli.up.Ports;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.serde.SignedPayloads;
import io.stakestream.rewards.EpochClock;
import io.stakestream.rewards.EpochPublication;
import io.stakestream.rewards.RewardBuilderConfig;
import io.stakestream.rewards.RewardJob;
import io.stakestream.rewards.weights.EpochRewards.PoolReward;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo script: a real broker and registry, the pool ledger in-process, and a small compute
 * network living through a few epochs. Everything it reports is read back from the pipeline.
 */
public final class DemoNetwork {

    private static final Logger log = LoggerFactory.getLogger(DemoNetwork.class);
    static final String LLAMA = "llama-3-70b";
    static final String SDXL = "sdxl-turbo";
    /** The chain the demo's custody pretends to watch. */
    static final long DEMO_CHAIN_ID = 31_337L;

    /** @param epochs how many epochs to close (at least 4: unstakes and the slash proposal in 1, claims in 2, the slash in 3) */
    public record Options(boolean fast, Path dataDir, SlashPolicy policy, int partitions, int epochs, long cooldownSeconds, Ports ports,
                          boolean keep) {
        public static Options of(boolean fast, Path dataDir, SlashPolicy policy) {
            return new Options(fast, dataDir, policy, fast ? 2 : 3, fast ? 4 : 5, fast ? 2 : 4, Ports.ANY, false);
        }

        /** The stack stays up after the run, at these ports, until {@link DemoNetwork#close()}. */
        public Options keep(Ports at) {
            return new Options(fast, dataDir, policy, partitions, epochs, cooldownSeconds, at, true);
        }
    }

    private final Options options;
    private final Consumer<String> say;
    final Party admin = new Party("admin", this::payloads);
    final Party slasher = new Party("slasher", this::payloads);
    final Party halter = new Party("halter", this::payloads);
    final Party rewarder = new Party(RewardBuilderConfig.DEMO_REWARD_KEY, this::payloads);
    final Party builder = new Party(RewardBuilderConfig.DEMO_BUILDER_KEY, this::payloads);
    final Party treasury = new Party("treasury", this::payloads);
    /** Plays the chain indexer watching the staking vault: deposits, reward funding, payout settlements. */
    final Party custody = new Party("custody", this::payloads);
    private long chainTransfers;
    final Map<String, Party> operators = new LinkedHashMap<>();
    final Map<String, Party> nodes = new LinkedHashMap<>();
    final Map<String, Party> delegators = new LinkedHashMap<>();
    private final Random jobs = new Random(42);

    private EmbeddedStack stack;
    private PoolLedgerApp app;
    private CommandPublisher out;
    private CommittedReader<EpochSummaryMessage> summaries;
    private Rest rest;
    private RewardJob rewards;
    private Thread rewardThread;
    private final CountDownLatch stopRewards = new CountDownLatch(1);
    private final BlockingQueue<EpochPublication> published = new LinkedBlockingQueue<>();
    private Path trees;
    final List<String> epochLines = new ArrayList<>();
    private final Map<String, Integer> lastTier = new LinkedHashMap<>();
    private long attestationNonce;
    private Path stateRoot;

    public DemoNetwork(Options options, Consumer<String> say) {
        this.options = options;
        this.say = say;
        for (String pool : List.of("atlas-gpu", "borealis", "cirrus-ai", "dynamo-labs")) {
            operators.put(pool, new Party(pool + "-operator", this::payloads));
            nodes.put(pool, new Party(pool + "-node", this::payloads));
        }
        for (String d : List.of("ada", "bo", "cy", "dee", "eli", "fay", "gus", "hal", "ivy", "jo")) {
            delegators.put(d, new Party(d, this::payloads));
        }
    }

    private SignedPayloads payloads() {
        return out.payloads();
    }

    public DemoReport run() throws Exception {
        long t0 = System.nanoTime();
        stateRoot = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("stakestream-demo");
        boolean done = false;
        try {
            say.accept("starting a Kafka broker (KRaft) and a schema registry in this JVM ...");
            Ports ports = options.ports();
            EmbeddedStack.Builder b = EmbeddedStack.builder().partitions(options.partitions())
                    .ports(ports.broker(), ports.controller(), ports.registry());
            if (options.dataDir() != null) {
                b.dataDir(options.dataDir());
            }
            stack = b.start();
            AppConfig config = LocalStack.ledgerConfig(stack, stateRoot.resolve("streams"), options.partitions(), ports.api())
                    .withApplicationId("stakestream-demo");
            app = new PoolLedgerApp(config).start();
            if (!app.awaitRunning(Duration.ofSeconds(90))) {
                throw new IllegalStateException("the pool ledger did not reach RUNNING within 90 s");
            }
            say.accept("kafka " + stack.bootstrapServers() + ", registry " + stack.schemaRegistryUrl() + ", ledger REST " + app.restUrl()
                    + ", " + options.partitions() + " partitions, ready after " + ms(t0) + " ms");
            rest = new Rest(app.restUrl());
            out = CommandPublisher.create(stack.bootstrapServers(), stack.serdes(), "stakestream-demo", true);
            summaries = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().poolEpochSummaries());
            EpochClock clock = new EpochClock(out, rewarder.key());
            startRewardBuilder(options.dataDir() != null ? options.dataDir().resolve("reward-builder")
                    : Files.createTempDirectory("stakestream-demo-rewards"));

            setUp();
            for (long epoch = 0; epoch < options.epochs(); epoch++) {
                attest(epoch);
                if (epoch == 1) {
                    unstakeAndMisbehave();
                } else if (epoch == 2) {
                    claim();
                } else if (epoch == 3) {
                    executeSlash();
                }
                barrier();
                long closedAt = System.nanoTime();
                clock.close(epoch);
                awaitSummaries(epoch);
                accrued(awaitPublished(epoch), closedAt);
            }
            barrier();
            say.accept("reading the results back from the ledger ...");
            DemoReport report = DemoReport.collect(stack, app, rest, this, written(), lastTier, (System.nanoTime() - t0) / 1_000_000);
            done = true;
            return report;
        } finally {
            if (!done || !options.keep()) {
                close();
            }
        }
    }

    /** Where the kept stack answers (after {@link #run()} with {@link Options#keep}). */
    public Banner banner(Path keysDir, long epochSeconds) {
        return new Banner(stack.bootstrapServers(), stack.schemaRegistryUrl(), app.restUrl(), options.dataDir(), keysDir,
                "the demo's network, kept up", epochSeconds);
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    /** Where the demo keeps its state (its --data-dir, or a temporary directory deleted on close). */
    public Path stateRoot() {
        return stateRoot;
    }

    /** Every participant's (public, demo-only) key by name, for signing against a kept stack. */
    public Map<String, io.stakestream.protocol.crypto.AccountKey> keys() {
        Map<String, io.stakestream.protocol.crypto.AccountKey> keys = new LinkedHashMap<>();
        for (Party p : List.of(admin, slasher, halter, rewarder, builder, treasury, custody)) {
            keys.put(p.name(), p.key());
        }
        operators.values().forEach(p -> keys.put(p.name(), p.key()));
        nodes.values().forEach(p -> keys.put(p.name(), p.key()));
        delegators.values().forEach(p -> keys.put(p.name(), p.key()));
        return keys;
    }

    private void setUp() throws InterruptedException {
        say.accept("admin initializes the program (InfraMind tiers 500/2,000/10,000 tokens, +10/+25/+40%, 20% default commission, "
                + options.policy() + " slashing, cooldown " + options.cooldownSeconds() + " s standing in for 7 days)");
        out.publish(List.of(
                admin.sign(Keys.NETWORK, new CreatePoolOverview(DemoParams.params(options.cooldownSeconds(), options.policy(), treasury),
                        DemoParams.authorities(admin, slasher, halter, rewarder, builder, custody))),
                admin.sign(Keys.NETWORK, new SetModel(LLAMA, Units.tokens(1_000), true)),
                admin.sign(Keys.NETWORK, new SetModel(SDXL, Units.tokens(500), true))));

        BigInteger funding = rewardFunding();
        say.accept("custody funds the reward vault with " + Units.tokens(funding)
                + " tokens (every epoch's emission, with room for redistributed slashes, on each partition's share) and 1,000 USDC of revenue,"
                + " and credits the operators' self-stake ahead of their pools");
        out.publish(List.of(custody.sign(Keys.NETWORK, new FundRewards(new BigDecimal(funding),
                Units.usdcCents(100_000L * options.partitions()), nextChainRef()))));
        out.publish(List.of(deposit("atlas-gpu", operators.get("atlas-gpu"), 6_000, false), deposit("borealis", operators.get("borealis"), 2_500, false),
                deposit("cirrus-ai", operators.get("cirrus-ai"), 1_500, false), deposit("dynamo-labs", operators.get("dynamo-labs"), 1_200, false)));
        barrier(); // an operator registers once its transfer is credited

        say.accept("4 operators open pools: atlas-gpu, borealis (delegation capped at 3,000), cirrus-ai (auto-staked commission), dynamo-labs");
        out.publish(List.of(
                pool("atlas-gpu", LLAMA, 6_000, 2_000, 1_000, null, false),
                pool("borealis", LLAMA, 2_500, 1_500, 1_000, 3_000L, false),
                pool("cirrus-ai", SDXL, 1_500, 2_500, 500, null, true),
                pool("dynamo-labs", SDXL, 1_200, 2_000, 1_000, null, false)));

        say.accept("10 delegators open staking records; custody credits each one's transfer and stakes it (deposit with stake)");
        List<SignedCommand> records = new ArrayList<>();
        List<SignedCommand> stakes = new ArrayList<>();
        delegate(records, stakes, "ada", "atlas-gpu", 4_000);
        delegate(records, stakes, "bo", "atlas-gpu", 1_500);
        delegate(records, stakes, "cy", "atlas-gpu", 800);
        delegate(records, stakes, "dee", "borealis", 1_200);
        delegate(records, stakes, "eli", "borealis", 1_500);
        records.add(delegators.get("fay").sign("borealis", new CreateStakingRecord()));
        stakes.add(deposit("borealis", delegators.get("fay"), 900, false));  // credited to her free balance
        delegate(records, stakes, "gus", "cirrus-ai", 700);
        delegate(records, stakes, "hal", "cirrus-ai", 2_500);
        delegate(records, stakes, "ivy", "dynamo-labs", 900);
        delegate(records, stakes, "jo", "dynamo-labs", 600);
        out.publish(records);
        barrier();
        out.publish(stakes);
        SignedCommand adaTopUp = deposit("atlas-gpu", delegators.get("ada"), 100, false);
        out.publish(adaTopUp);
        say.accept("fay stakes her 900 free tokens (over borealis's cap: refused), then 300 (what still fits); the indexer re-sends"
                + " ada's transfer: refused DUPLICATE_DEPOSIT");
        barrier();
        out.publish(List.of(delegators.get("fay").sign("borealis", new Stake(Units.tokens(900))),
                delegators.get("fay").sign("borealis", new Stake(Units.tokens(300))), adaTopUp));
    }

    /** A new chain transfer the indexer saw arrive for owner in pool's vault. */
    private SignedCommand deposit(String pool, Party owner, long tokens, boolean stake) {
        return custody.sign(pool, new Deposit(owner.key().accountBuffer(), Asset.TOKEN, Units.tokens(tokens), nextChainRef(), stake));
    }

    private ChainRef nextChainRef() {
        byte[] hash = new byte[32];
        java.nio.ByteBuffer.wrap(hash).putLong(++chainTransfers);
        return new ChainRef(DEMO_CHAIN_ID, java.nio.ByteBuffer.wrap(hash), 0L);
    }

    private SignedCommand pool(String id, String model, long selfStake, int commissionBps, int usdcBps, Long cap, boolean autoStake) {
        return operators.get(id).sign(id, CreateOperatorPool.newBuilder()
                .setModelId(model).setRegion("eu-west")
                .setMetadataJson("{\"url\":\"https://" + id + ".example\",\"name\":\"" + id + "\"}")
                .setOperatorAuthKeys(new ArrayList<>(List.of(nodes.get(id).key().accountBuffer())))
                .setTokenCommissionBps(commissionBps).setUsdcCommissionBps(usdcBps)
                .setDelegationCap(cap == null ? null : Units.tokens(cap))
                .setAutoStakeCommission(autoStake)
                .setRegistrationFee(Units.tokens(0)).setInitialStake(Units.tokens(selfStake))
                .build());
    }

    private void delegate(List<SignedCommand> records, List<SignedCommand> stakes, String who, String pool, long tokens) {
        Party d = delegators.get(who);
        records.add(d.sign(pool, new CreateStakingRecord()));
        stakes.add(deposit(pool, d, tokens, true));
    }

    /** Each pool's node reports a batch of jobs; dynamo-labs misses its SLA. */
    private void attest(long epoch) {
        List<SignedAttestation> batches = new ArrayList<>();
        for (Map.Entry<String, Party> e : nodes.entrySet()) {
            String pool = e.getKey();
            boolean flaky = pool.equals("dynamo-labs");
            String model = pool.startsWith("atlas") || pool.startsWith("borealis") ? LLAMA : SDXL;
            List<JobResult> results = new ArrayList<>();
            int count = 6 + jobs.nextInt(5);
            for (int j = 0; j < count; j++) {
                boolean ok = !flaky || jobs.nextInt(10) < 6;
                results.add(JobResult.newBuilder().setEpoch(epoch).setJobId(pool + "-e" + epoch + "-j" + j).setModelId(model)
                        .setSuccess(ok).setLatencyMs(80 + jobs.nextInt(flaky ? 900 : 300)).setProofValid(true).setCompleted(ok || jobs.nextBoolean())
                        .setUsdcFee(Units.usdcCents(5 + jobs.nextInt(60))).build());
            }
            batches.add(AttestationSigner.of(e.getValue().key(), payloads()).attestation(pool + "-batch-" + epoch, pool, ++attestationNonce, results));
        }
        say.accept("epoch " + epoch + ": nodes attest " + batches.stream().mapToInt(a -> payloads().attestation(a).getResults().size()).sum() + " jobs");
        out.attest(batches);
    }

    private void unstakeAndMisbehave() throws Exception {
        Party bo = delegators.get("bo");
        Party eli = delegators.get("eli");
        Party gus = delegators.get("gus");
        say.accept("epoch 1: bo unstakes 500 tokens, eli unstakes everything, gus unstakes 300 and changes his mind");
        BigDecimal eliShares = new BigDecimal(rest.position("borealis", eli.hex()).path("shares").asText());
        out.publish(List.of(
                bo.sign("atlas-gpu", new Unstake(null, Units.tokens(500))),
                eli.sign("borealis", new Unstake(eliShares, null)),
                gus.sign("cirrus-ai", new Unstake(null, Units.tokens(300))),
                bo.sign("atlas-gpu", new ClaimUnstake(bo.key().accountBuffer()))));     // too early: cooldown
        barrier();
        long pendingId = rest.position("cirrus-ai", gus.hex()).path("pending").get(0).path("id").asLong();
        out.publish(gus.sign("cirrus-ai", new CancelUnstake(pendingId)));

        say.accept("epoch 1: the slashing authority proposes an SLA_BREACH slash of dynamo-labs (10% by the schedule) and tries to execute it at once");
        out.publish(List.of(
                slasher.sign("dynamo-labs", ProposeSlash.newBuilder().setSlashId("dynamo-sla-1").setReason(SlashReason.SLA_BREACH)
                        .setEvidence("SLA ratio under 0.85 in epoch 0").build()),
                slasher.sign("dynamo-labs", new ExecuteSlash("dynamo-sla-1"))));          // dispute window still open

        say.accept("epoch 1: bad input on purpose: a tampered signature, a replayed command, garbage bytes, a delegator trying to halt a pool, a late attestation");
        Party ada = delegators.get("ada");
        SignedCommand signed = ada.sign("atlas-gpu", new Stake(Units.tokens(10)));
        CommandPayload p = payloads().command(signed);
        // the amount changed after signing: the signature no longer matches the payload
        out.publish(new SignedCommand(ByteBuffer.wrap(payloads().write(new CommandPayload(p.getCommandId(), p.getPoolId(), p.getActor(),
                p.getNonce(), new Stake(Units.tokens(10_000))))), signed.getSignature()));
        SignedCommand replayable = ada.sign("atlas-gpu", new Stake(Units.tokens(5)));
        out.publish(replayable);
        out.publish(replayable);                                                          // the same signed bytes again
        out.publishRaw("atlas-gpu", "{\"stake\": \"all of it\"}".getBytes(StandardCharsets.UTF_8));
        out.publish(delegators.get("jo").sign("dynamo-labs", new SetHaltStatus(true)));
        out.attest(List.of(AttestationSigner.of(nodes.get("atlas-gpu").key(), payloads()).attestation("atlas-late", "atlas-gpu", ++attestationNonce,
                List.of(JobResult.newBuilder().setEpoch(0).setJobId("atlas-e0-straggler").setModelId(LLAMA).setSuccess(true)
                        .setLatencyMs(120).setProofValid(true).setUsdcFee(Units.usdcCents(10)).build()))));
    }

    private void executeSlash() throws Exception {
        say.accept("epoch 3: the dispute window (the rest of epoch 1 and all of epoch 2) is over: the slash of dynamo-labs executes");
        out.publish(slasher.sign("dynamo-labs", new ExecuteSlash("dynamo-sla-1")));
    }

    private void claim() throws Exception {
        Party bo = delegators.get("bo");
        Party eli = delegators.get("eli");
        long due = Math.max(latestAvailableAt("atlas-gpu", bo), latestAvailableAt("borealis", eli));
        long wait = due - System.currentTimeMillis() + 200;
        if (wait > 0) {
            say.accept("epoch 2: waiting " + wait + " ms for the unstake cooldown (the broker's clock)");
            Thread.sleep(wait);
        }
        say.accept("epoch 2: bo claims his unstake, ada claims eli's for her (claims are permissionless), delegators claim USDC, operators withdraw commission");
        out.publish(List.of(
                bo.sign("atlas-gpu", new ClaimUnstake(bo.key().accountBuffer())),
                delegators.get("ada").sign("borealis", new ClaimUnstake(eli.key().accountBuffer())),
                delegators.get("ada").sign("atlas-gpu", new ClaimUsdcEarnings()),
                delegators.get("dee").sign("borealis", new ClaimUsdcEarnings()),
                delegators.get("hal").sign("cirrus-ai", new ClaimUsdcEarnings()),
                delegators.get("ivy").sign("dynamo-labs", new ClaimUsdcEarnings()),
                operators.get("atlas-gpu").sign("atlas-gpu", new WithdrawOperatorRewardCommission()),
                operators.get("atlas-gpu").sign("atlas-gpu", new WithdrawOperatorUsdcCommission()),
                operators.get("borealis").sign("borealis", new WithdrawOperatorRewardCommission())));
        barrier();
        settlePayouts();
    }

    /** Custody sends every payout issued so far on chain and acknowledges each; the last one it cannot send fails back. */
    private void settlePayouts() {
        List<Payout> issued;
        try (CommittedReader<Payout> payouts = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().payouts())) {
            issued = payouts.readToEnd(Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
        }
        List<SignedCommand> acks = new ArrayList<>();
        for (int i = 0; i < issued.size(); i++) {
            Payout p = issued.get(i);
            acks.add(i < issued.size() - 1 || issued.size() == 1
                    ? custody.sign(p.getPoolId(), new PayoutSettled(p.getPayoutId(), nextChainRef()))
                    : custody.sign(p.getPoolId(), new PayoutFailed(p.getPayoutId(), "demo: the recipient's transfer reverted")));
        }
        say.accept("epoch 2: custody sends the " + issued.size() + " payouts on chain and settles them (the last one fails and returns to its owner's free balance)");
        out.publish(acks);
    }

    private long latestAvailableAt(String pool, Party who) throws Exception {
        long latest = 0;
        for (JsonNode p : rest.position(pool, who.hex()).path("pending")) {
            latest = Math.max(latest, p.path("availableAt").asLong());
        }
        return latest;
    }

    /** Waits until the ledger consumed every record the demo wrote, so the next step sees their effects. */
    private void barrier() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (app.metrics().acceptedCount() + app.metrics().rejectedCount() < written()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the ledger processed " + (app.metrics().acceptedCount() + app.metrics().rejectedCount()) + " of "
                        + written() + " records within 60 s");
            }
            Thread.sleep(20);
        }
        // state stores are up to date; outputs commit with the next transaction (commit.interval.ms, 50 ms by default, under EOS)
        Thread.sleep(150);
    }

    /** Waits for every partition's "closed epoch n" marker; returns the pool summaries that came with them. */
    private List<PoolEpochSummary> awaitSummaries(long epoch) {
        List<PoolEpochSummary> found = new ArrayList<>();
        for (ConsumerRecord<String, EpochSummaryMessage> r : summaries.readUntil(
                records -> markersFor(records, epoch) == options.partitions(), Duration.ofSeconds(60))) {
            if (r.value().getBody() instanceof PoolEpochSummary s && s.getEpoch() == epoch) {
                found.add(s);
                lastTier.put(s.getPoolId(), s.getTier());
            }
        }
        return found;
    }

    private static long markersFor(List<ConsumerRecord<String, EpochSummaryMessage>> records, long epoch) {
        return records.stream().filter(r -> r.value().getBody() instanceof PartitionEpochClosed c && c.getEpoch() == epoch).count();
    }

    /** The reward-builder job in this JVM, with its own transactional producer; its standard-v1 dumps go to {@code dir/trees}. */
    private void startRewardBuilder(Path dir) throws java.io.IOException {
        trees = dir.resolve("trees");
        rewards = new RewardJob(stack.bootstrapServers(), stack.serdes(), builder.key(), dir, "stakestream-demo-reward-builder", published::add);
        rewardThread = new Thread(() -> {
            try {
                rewards.run(stopRewards);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-reward-builder");
        rewardThread.setDaemon(true);
        rewardThread.start();
        say.accept("reward-builder running in this JVM (its own Kafka clients, reward key " + builder.hex().substring(0, 12)
                + "...); tree dumps go to " + trees.toAbsolutePath());
    }

    private EpochPublication awaitPublished(long epoch) throws InterruptedException {
        while (true) {
            EpochPublication p = published.poll(60, TimeUnit.SECONDS);
            if (p == null) {
                throw new IllegalStateException("the reward-builder published nothing for epoch " + epoch + " within 60 s");
            }
            if (p.epoch() == epoch) return p;
        }
    }

    /** Prints the builder's epoch and waits until the ledger applied its reward record and every accrual. */
    private void accrued(EpochPublication p, long closedAt) throws InterruptedException {
        long epoch = p.epoch();
        say.accept("epoch " + epoch + " closed on all " + options.partitions() + " partitions; the reward-builder computed "
                + Units.tokens(p.allocation().emission()) + " tokens of emission + " + Units.tokens(p.allocation().redistributed())
                + " redistributed from slashes, root " + Hex.encode0x(io.stakestream.protocol.crypto.Bytes.of(p.root().getRoot())));
        for (PoolReward r : p.allocation().pools()) {
            say.accept(String.format("  %-12s weight x%.3f (tier x%.2f, performance x%.3f): %s tokens, %s USDC%s", r.poolId(),
                    r.tierPpm() * (double) r.performancePpm() / 1e12, r.tierPpm() / 1e6, r.performancePpm() / 1e6,
                    Units.tokens(r.tokens()), Units.usdc(r.usdc()), r.poolId().equals(p.allocation().remainderPool())
                            ? " (incl. the rounding remainder, " + p.allocation().remainder() + " base units)" : ""));
        }
        barrier();
        long ms = (System.nanoTime() - closedAt) / 1_000_000;
        String dump = p.dump() == null ? "no tree (no pool earned)" : RewardJob.treeFile(trees.getParent(), epoch).toAbsolutePath().toString();
        say.accept("  " + p.accruals().size() + " accruals applied, " + ms + " ms after the EpochClose; standard-v1 tree: " + dump);
        epochLines.add("epoch " + epoch + ": root " + Hex.encode0x(io.stakestream.protocol.crypto.Bytes.of(p.root().getRoot())) + ", "
                + p.root().getLeafCount() + " leaves, " + Units.tokens(p.root().getTotalTokens().toBigInteger()) + " tokens, EpochClose -> last accrual "
                + ms + " ms, tree " + dump);
    }

    /** What the ledger must consume: the demo's records and the reward-builder's. */
    private long written() {
        return out.recordsWritten() + (rewards == null ? 0 : rewards.recordsWritten());
    }

    public void close() {
        stopRewards.countDown();
        if (rewardThread != null) {
            try {
                rewardThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (rewards != null) {
            rewards.close();
        }
        if (summaries != null) {
            summaries.close();
        }
        if (out != null) {
            out.close();
        }
        if (app != null) {
            app.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (options.dataDir() == null) {
            try (var files = Files.walk(stateRoot)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (Exception e) {
                log.warn("could not delete the demo's state in {}: {}", stateRoot, e.getMessage());
            }
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Party p : List.of(admin, slasher, halter, rewarder, builder, treasury, custody)) {
            names.put(p.hex(), p.name());
        }
        operators.values().forEach(p -> names.put(p.hex(), p.name()));
        nodes.values().forEach(p -> names.put(p.hex(), p.name()));
        delegators.values().forEach(p -> names.put(p.hex(), p.name()));
        return names;
    }

    /**
     * What the reward-builder's records can draw from the vault: a partition's budget may be a whole
     * epoch's emission plus slashed tokens redistributed from another partition, while funding is split
     * evenly across partitions, so each partition's share covers every epoch's emission and a slash.
     */
    private BigInteger rewardFunding() {
        BigInteger emission = BigInteger.ZERO;
        for (long epoch = 0; epoch <= options.epochs(); epoch++) {
            emission = emission.add(io.stakestream.rewards.emission.Emission.perEpoch(DemoParams.EMISSION, epoch));
        }
        return emission.add(Units.tokens(20_000).toBigInteger()).multiply(BigInteger.valueOf(options.partitions()));
    }

}
