package io.stakestream.rewards.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.Authorities;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.Asset;
import io.stakestream.avro.EmissionForm;
import io.stakestream.avro.EmissionSchedule;
import io.stakestream.avro.EmissionStep;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.RewardWeights;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.testkit.Params;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.rewards.EpochClock;
import io.stakestream.rewards.EpochPublication;
import io.stakestream.rewards.GatewayCatchUp;
import io.stakestream.rewards.RewardBuilderConfig;
import io.stakestream.rewards.RewardJob;
import io.stakestream.rewards.TreeServer;
import io.stakestream.rewards.tree.TreeDump;
import io.stakestream.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewards end to end on the real in-process broker, over three epochs: attestations, the epoch
 * clock, the pool ledger's summaries, the reward-builder service in its own JVM (roots, proofs,
 * reward records, accruals), and the ledger applying them. The builder is SIGKILLed just after
 * epoch 1 closed and restarted; then every root, proof and builder command on the topics must be
 * byte for byte what a fresh computation over the summaries gives, exactly once each, and the share
 * prices and USDC owed must equal the values computed by hand below. Last, a replay: a ledger with a
 * fresh application id reads the same commands log into new output topics, and the builder's
 * computation over the replayed summaries gives the same root bytes.
 */
class RewardsEndToEndIT {
    private static final Logger log = LoggerFactory.getLogger(RewardsEndToEndIT.class);
    private static final int PARTITIONS = 2;
    private static final String LEDGER_ID = "rewards-e2e-ledger";
    private static final String MODEL = "llama-70b";
    private static final ObjectMapper JSON = new ObjectMapper();

    final AccountKey admin = key("e2e-admin");
    final AccountKey rewarder = key(RewardBuilderConfig.DEMO_REWARD_KEY);        // the epoch clock
    final AccountKey builder = key(RewardBuilderConfig.DEMO_BUILDER_KEY);        // the builder service
    final AccountKey alphaOp = key("e2e-alpha-op");
    final AccountKey betaOp = key("e2e-beta-op");
    final AccountKey alphaNode = key("e2e-alpha-node");
    final AccountKey betaNode = key("e2e-beta-node");
    final AccountKey dana = key("e2e-dana");
    final AccountKey eve = key("e2e-eve");
    final AccountKey custody = key("e2e-custody");                               // the chain indexer
    private long chainTransfers;
    final Map<String, Long> nonces = new HashMap<>();
    final HttpClient http = HttpClient.newHttpClient();
    long attestationNonce;
    /** The stack's payload serde: what the commands this test signs are written with. */
    io.stakestream.protocol.serde.SignedPayloads payloads;

    static AccountKey key(String name) {
        return io.stakestream.protocol.crypto.Keys.demo(name);
    }

    SignedCommand sign(AccountKey who, String pool, SpecificRecord body) {
        long nonce = nonces.merge(pool + "/" + who.accountHex(), 1L, Long::sum);
        return CommandSigner.of(who, payloads).command("e2e-" + pool + "-" + who.accountHex().substring(0, 8) + "-" + nonce, pool, nonce, body);
    }

    /**
     * 10,000 base units an epoch (the table form); uptime slots of an hour, so every pool that attests in
     * an epoch of these few seconds has 100% uptime; otherwise the default weights and InfraMind's tiers.
     */
    GlobalParameters params() {
        return params(0);
    }

    GlobalParameters params(int rewardDelayEpochs) {
        return Params.defaults(key("e2e-treasury").accountBuffer())
                .setRewardDelayEpochs(rewardDelayEpochs)
                .setEmissionSchedule(EmissionSchedule.newBuilder().setForm(EmissionForm.TABLE)
                        .setTable(new ArrayList<>(List.of(new EmissionStep(0L, BigDecimal.valueOf(10_000))))).build())
                .setRewardWeights(RewardWeights.newBuilder().setUptimeSlotMillis(3_600_000L).build())
                .build();
    }

    @Test
    @Timeout(420)
    void threeEpochsOfRewardsSurviveABuilderKillAndRecomputeByteForByte(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.builder().partitions(PARTITIONS).start();
             PoolLedgerApp app = new PoolLedgerApp(AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                     tmp.resolve("ledger"), PARTITIONS).withApplicationId(LEDGER_ID)).start();
             CommandPublisher out = CommandPublisher.create(stack.bootstrapServers(), stack.serdes(), "rewards-e2e", true);
             CommittedReader<EpochSummaryMessage> summaries = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().poolEpochSummaries());
             Admin kafka = stack.admin()) {
            payloads = stack.serdes().payloads();
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
            String rest = app.restUrl();
            // custody (issue 8): the vault is funded and every stake credited before the pools take it
            setUp(out, rest);
            Path builderData = tmp.resolve("builder");
            BuilderProcess first = BuilderProcess.start(stack.bootstrapServers(), stack.schemaRegistryUrl(), builderData, tmp.resolve("builder-1.log"));
            BuilderProcess second = null;
            EpochClock clock = new EpochClock(out, rewarder);
            List<Long> closeToLastAccrualMs = new ArrayList<>();
            long restartMs = 0;
            first.awaitReady(Duration.ofSeconds(120));
            try {
                for (long epoch = 0; epoch < 3; epoch++) {
                    attest(out, epoch);
                    caughtUp(kafka);
                    long closed = System.nanoTime();
                    clock.close(epoch);
                    if (epoch == 1) {
                        // the builder is reading or publishing epoch 1 right now: SIGKILL it, then start another copy
                        summaries.readUntil(r -> markers(r, 1) == PARTITIONS, Duration.ofSeconds(60));
                        first.kill();
                        long killed = System.nanoTime();
                        second = BuilderProcess.start(stack.bootstrapServers(), stack.schemaRegistryUrl(), builderData,
                                tmp.resolve("builder-2.log"));
                        second.awaitReady(Duration.ofSeconds(120));
                        restartMs = (System.nanoTime() - killed) / 1_000_000;
                    }
                    awaitAccrued(rest, epoch, Duration.ofSeconds(90));
                    closeToLastAccrualMs.add((System.nanoTime() - closed) / 1_000_000);
                }
                caughtUp(kafka);

                // -- share prices and USDC owed, by hand (see the comments in expectations()) --
                expectations(rest);

                // -- every published record is what a fresh computation over the summaries gives, byte for byte, once --
                List<EpochPublication> recomputed = OnTheTopics.recompute(stack, builder);
                assertThat(recomputed).extracting(EpochPublication::epoch).containsExactly(0L, 1L, 2L);
                StakestreamSerdes serdes = stack.serdes();
                List<String> roots = OnTheTopics.raw(stack, Topics.REWARD_ROOTS);
                assertThat(roots).as("one root per epoch, none twice after the kill").hasSize(3);
                assertThat(roots).containsExactlyInAnyOrderElementsOf(recomputed.stream()
                        .map(p -> OnTheTopics.hex(serdes.rewardRoots().valueSerde().serializer().serialize(Topics.REWARD_ROOTS, p.root()))).toList());
                List<String> proofs = OnTheTopics.raw(stack, Topics.REWARD_PROOFS);
                List<String> expectedProofs = new ArrayList<>();
                for (EpochPublication p : recomputed) {
                    for (RewardProof proof : p.proofs()) {
                        expectedProofs.add(OnTheTopics.hex(serdes.rewardProofs().valueSerde().serializer().serialize(Topics.REWARD_PROOFS, proof)));
                    }
                }
                assertThat(proofs).hasSize(6).containsExactlyInAnyOrderElementsOf(expectedProofs);
                List<String> builderCommands = OnTheTopics.commandsBy(stack, builder);
                List<String> expectedCommands = new ArrayList<>();
                for (EpochPublication p : recomputed) {
                    for (SignedCommand c : p.commands()) {
                        String bytes = OnTheTopics.hex(serdes.commands().valueSerde().serializer().serialize(Topics.COMMANDS, c));
                        int copies = Keys.NETWORK.equals(serdes.payloads().command(c).getPoolId()) ? PARTITIONS : 1;
                        for (int i = 0; i < copies; i++) expectedCommands.add(bytes);
                    }
                }
                assertThat(builderCommands).as("reward records on every partition and the accruals, once each")
                        .hasSize(3 * PARTITIONS + 6).containsExactlyInAnyOrderElementsOf(expectedCommands);
                assertThat(OnTheTopics.rejections(stack)).as("nothing the pipeline was given was refused").isEmpty();

                // -- the tree dumps: on disk, read back to the published root, and served --
                for (EpochPublication p : recomputed) {
                    byte[] file = Files.readAllBytes(RewardJob.treeFile(builderData, p.epoch()));
                    assertThat(file).isEqualTo(p.dump());
                    assertThat(TreeDump.read(file).root()).isEqualTo(p.root().getRoot().array());
                }
                assertThat(get(second.httpPort, "/epochs/1/tree")).isEqualTo(new String(recomputed.get(1).dump(), java.nio.charset.StandardCharsets.UTF_8));

                // -- a third copy with an empty data directory publishes nothing again and rewrites the same dumps --
                Path fresh = tmp.resolve("builder-3");
                second.close();
                CountDownLatch stop = new CountDownLatch(1);
                try (RewardJob third = new RewardJob(stack.bootstrapServers(), serdes, builder, fresh, RewardJob.TRANSACTIONAL_ID, p -> { });
                     TreeServer trees = new TreeServer(0, fresh).start()) {
                    Thread t = new Thread(() -> {
                        try {
                            third.run(stop);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    t.start();
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (third.lastPublished() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(50);
                    Thread.sleep(1_000);
                    stop.countDown();
                    t.join(30_000);
                    assertThat(third.lastPublished()).isEqualTo(2);
                    for (EpochPublication p : recomputed) {
                        assertThat(Files.readAllBytes(RewardJob.treeFile(fresh, p.epoch()))).isEqualTo(p.dump());
                    }
                    assertThat(trees.url()).startsWith("http://");
                }
                assertThat(OnTheTopics.raw(stack, Topics.REWARD_ROOTS)).hasSize(3);
                assertThat(OnTheTopics.commandsBy(stack, builder)).hasSize(3 * PARTITIONS + 6);

                // -- replay: a ledger with a fresh application id reads the same commands log into new output topics;
                //    the builder's computation over its summaries gives the very same root bytes --
                LedgerTopics replayed = replayTopics(kafka);
                try (PoolLedgerApp replay = new PoolLedgerApp(AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                        tmp.resolve("ledger-replay"), PARTITIONS).withApplicationId(LEDGER_ID + "-replay"), serdes, replayed).start()) {
                    assertThat(replay.awaitRunning(Duration.ofSeconds(90))).isTrue();
                    assertThat(new GatewayCatchUp(kafka, LEDGER_ID + "-replay", Topics.COMMANDS, Duration.ofSeconds(120)).await()).isTrue();
                }
                List<EpochPublication> fromReplay = OnTheTopics.recompute(stack, replayed.poolEpochSummaries(), builder);
                assertThat(fromReplay.stream().map(p -> OnTheTopics.hex(serdes.rewardRoots().valueSerde().serializer()
                        .serialize(Topics.REWARD_ROOTS, p.root()))).toList()).as("roots of the replay").containsExactlyInAnyOrderElementsOf(roots);
            } finally {
                first.close();
                if (second != null) second.close();
            }
            log.info("rewards end to end: 3 epochs; EpochClose -> last accrual {} ms (epoch 1: the builder SIGKILLed after the close,"
                    + " a new one ready {} ms later); test {} ms", closeToLastAccrualMs, restartMs, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * A reward delay of one epoch [Function Network]: the ledger accepts epoch n's accruals once epoch
     * n + 1 has closed, so the builder (in this JVM here) sends them with epoch n + 1's reward record;
     * none is sent early and refused.
     */
    @Test
    @Timeout(300)
    void withARewardDelayAccrualsArriveWithTheRecordOfTheEpochThatEndsIt(@TempDir Path tmp) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.builder().partitions(PARTITIONS).start();
             PoolLedgerApp app = new PoolLedgerApp(AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                     tmp.resolve("ledger"), PARTITIONS).withApplicationId(LEDGER_ID)).start();
             CommandPublisher out = CommandPublisher.create(stack.bootstrapServers(), stack.serdes(), "rewards-e2e-delay", true);
             CommittedReader<RewardRoot> roots = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().rewardRoots());
             RewardJob job = new RewardJob(stack.bootstrapServers(), stack.serdes(), builder, tmp.resolve("builder"), "rewards-e2e-delay-builder",
                     p -> { });
             Admin kafka = stack.admin()) {
            payloads = stack.serdes().payloads();
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
            String rest = app.restUrl();
            setUp(out, params(1), rest);
            CountDownLatch stop = new CountDownLatch(1);
            Thread builderThread = new Thread(() -> {
                try {
                    job.run(stop);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "delay-test-builder");
            builderThread.start();
            try {
                EpochClock clock = new EpochClock(out, rewarder);
                for (long epoch = 0; epoch < 3; epoch++) {
                    attest(out, epoch);
                    caughtUp(kafka);
                    clock.close(epoch);
                    roots.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(90));
                    if (epoch > 0) awaitAccrued(rest, epoch - 1, Duration.ofSeconds(90));
                    caughtUp(kafka);   // the record of this epoch (and what came with it) applied
                    assertThat(json(rest, "/pools/alpha").path("lastAccruedEpoch").asLong())
                            .as("epoch %d's accruals wait for the next close", epoch).isEqualTo(epoch - 1);
                    assertThat(json(rest, "/pools/beta").path("lastAccruedEpoch").asLong()).isEqualTo(epoch - 1);
                }
            } finally {
                stop.countDown();
                builderThread.join(30_000);
            }
            assertThat(OnTheTopics.rejections(stack)).as("no accrual was sent before the ledger would take it").isEmpty();
        }
    }

    private void setUp(CommandPublisher out, String rest) throws Exception {
        setUp(out, params(), rest);
    }

    /** The live run's inputs, new outputs (the gateway id stays, so it forwards nothing again). */
    private static LedgerTopics replayTopics(Admin kafka) throws Exception {
        String p = "rewards-e2e-replay";
        LedgerTopics t = new LedgerTopics(Topics.COMMANDS, Topics.ATTESTATIONS, p + ".events", p + ".rejections", p + ".slashes",
                p + ".payouts", p + ".pool-epoch-summaries", p + ".dead-letters");
        kafka.createTopics(List.of(t.events(), t.rejections(), t.slashes(), t.payouts(), t.poolEpochSummaries(), t.deadLetters()).stream()
                .map(name -> new org.apache.kafka.clients.admin.NewTopic(name, PARTITIONS, (short) 1)).toList()).all().get();
        return t;
    }

    private void setUp(CommandPublisher out, GlobalParameters params, String rest) throws Exception {
        Authorities authorities = Authorities.newBuilder()
                .setAdmin(new ArrayList<>(List.of(admin.accountBuffer())))
                .setSlashing(new ArrayList<>(List.of(admin.accountBuffer())))
                .setHalt(new ArrayList<>(List.of(admin.accountBuffer())))
                .setReward(new ArrayList<>(List.of(rewarder.accountBuffer(), builder.accountBuffer())))
                .setCustody(new ArrayList<>(List.of(custody.accountBuffer()))).build();
        out.publish(List.of(sign(admin, Keys.NETWORK, new CreatePoolOverview(params, authorities)),
                sign(admin, Keys.NETWORK, new SetModel(MODEL, BigDecimal.ZERO, true)),
                // custody funds the reward vault before any reward record commits to it: far more than 3 epochs emit
                sign(custody, Keys.NETWORK, new FundRewards(new BigDecimal(BigInteger.TEN.pow(30)), new BigDecimal(BigInteger.TEN.pow(30)), chainRef()))));
        // the operators' self-stake is credited before their pools register
        out.publish(List.of(sign(custody, "alpha", deposit(alphaOp, 3_000, false)), sign(custody, "beta", deposit(betaOp, 1_000, false))));
        awaitDeposited(rest, 4_000);
        out.publish(List.of(sign(alphaOp, "alpha", pool(alphaNode, 1_000, 1_000, 3_000)), sign(betaOp, "beta", pool(betaNode, 2_000, 500, 1_000))));
        awaitDeposited(rest, 4_000); // read-your-writes on the pools below
        for (String id : List.of("alpha", "beta")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    json(rest, "/pools/" + id);
                    break;
                } catch (AssertionError notYet) { // 404 until the pool's creation is applied
                    if (System.nanoTime() > deadline) throw notYet;
                    Thread.sleep(100);
                }
            }
        }
        // each delegator's transfer is credited and staked in one command (it opens the record)
        out.publish(List.of(sign(custody, "alpha", deposit(dana, 1_000, true)), sign(custody, "beta", deposit(eve, 500, true))));
        awaitDeposited(rest, 5_500);
    }

    private Deposit deposit(AccountKey owner, long amount, boolean stake) {
        return new Deposit(owner.accountBuffer(), Asset.TOKEN, BigDecimal.valueOf(amount), chainRef(), stake);
    }

    private ChainRef chainRef() {
        byte[] hash = new byte[32];
        java.nio.ByteBuffer.wrap(hash).putLong(++chainTransfers);
        return new ChainRef(424_242L, java.nio.ByteBuffer.wrap(hash), 0L);
    }

    /** Waits until the ledger has credited this many tokens in all (deposits pass custody's gateway first). */
    private void awaitDeposited(String rest, long tokens) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode books = json(rest, "/reconciliation");
            // "deposited" counts the reward vault's funding too (10^30 tokens, funded first): the deposits come on top of it
            BigInteger deposited = new BigInteger(books.path("assets").path("TOKEN").path("deposited").asText("0"));
            if (deposited.compareTo(BigInteger.TEN.pow(30).add(BigInteger.valueOf(tokens))) >= 0) return;
            Thread.sleep(100);
        }
        throw new AssertionError("custody's deposits of " + tokens + " tokens were not credited within 60 s");
    }

    private static CreateOperatorPool pool(AccountKey node, int tokenBps, int usdcBps, long selfStake) {
        return CreateOperatorPool.newBuilder().setModelId(MODEL).setRegion("eu").setMetadataJson("{\"url\":\"https://pool.example\"}")
                .setOperatorAuthKeys(new ArrayList<>(List.of(node.accountBuffer())))
                .setTokenCommissionBps(tokenBps).setUsdcCommissionBps(usdcBps)
                .setRegistrationFee(BigDecimal.ZERO).setInitialStake(BigDecimal.valueOf(selfStake)).build();
    }

    /** alpha: 4 jobs, all good, 100 ms, 1,000 USDC units; beta: 4 jobs, 3 good, 200 ms, 600 USDC units. */
    private void attest(CommandPublisher out, long epoch) {
        List<SignedAttestation> batches = new ArrayList<>();
        for (String pool : List.of("alpha", "beta")) {
            boolean alpha = pool.equals("alpha");
            List<JobResult> jobs = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                jobs.add(JobResult.newBuilder().setEpoch(epoch).setJobId(pool + "-" + epoch + "-" + j).setModelId(MODEL)
                        .setSuccess(alpha || j < 3).setLatencyMs(alpha ? 100 : 200).setProofValid(true)
                        .setUsdcFee(BigDecimal.valueOf(alpha ? 250 : 150)).build());
            }
            batches.add(AttestationSigner.of(alpha ? alphaNode : betaNode, out.payloads()).attestation(pool + "-" + epoch, pool, ++attestationNonce, jobs));
        }
        out.attest(batches);
    }

    /**
     * By hand, each epoch: rated pools alpha and beta, both in "eu" (scarcity bonus 10% / 2 = 5%);
     * alpha is the faster (latency percentile 100%, bonus 20%), beta slower (0%).
     * performance: alpha 1.0 x 1.0 x (1 + 0.2 + 0.05) = 1.25; beta 0.75 x 1.0 x (1 + 0 + 0.05) = 0.7875.
     * weight = T x tier x performance; epoch 0: alpha 4,000 x 1.25 (tier 2) x 1.25 = 6,250, beta 1,500 x 1.1 (tier 1)
     * x 0.7875 = 1,299.375; 10,000 x 6,250 / 7,549.375 = 8,278.8 and 1,721.2 round down to 8,278 + 1,721, and the
     * remainder 1 goes to the heavier alpha: 8,279.
     * The exact split, with the remainder to the heaviest pool, and the ledger's commission (alpha
     * 10%, beta 20%, rounded down) and USDC index (1e36, alpha 10%, beta 5% commission):
     * <pre>
     * epoch 0: alpha 8,279 (commission 827, T 11,452, now tier 3), beta 1,721 (344, T 2,877, now tier 2)
     * epoch 1: alpha 8,762 (876, T 19,338),                          beta 1,238 (247, T 3,868)
     * epoch 2: alpha 8,989 (898, T 27,429),                          beta 1,011 (202, T 4,677)
     * USDC per share: alpha 900/4,000 = 0.225 an epoch, beta 570/1,500 = 0.38 an epoch
     * </pre>
     */
    private void expectations(String rest) throws Exception {
        JsonNode alpha = json(rest, "/pools/alpha");
        JsonNode beta = json(rest, "/pools/beta");
        assertThat(alpha.path("totalStake").asText()).isEqualTo("27429");
        assertThat(alpha.path("totalShares").asText()).isEqualTo("4000");
        assertThat(alpha.path("tokenCommission").asText()).isEqualTo(Long.toString(827 + 876 + 898));
        assertThat(alpha.path("usdcCommission").asText()).isEqualTo("300");
        assertThat(beta.path("totalStake").asText()).isEqualTo("4677");
        assertThat(beta.path("totalShares").asText()).isEqualTo("1500");
        assertThat(beta.path("tokenCommission").asText()).isEqualTo(Long.toString(344 + 247 + 202));
        assertThat(beta.path("usdcCommission").asText()).isEqualTo("90");
        // value = shares x T / S rounded down; USDC owed = shares x index / 1e36
        position(rest, "alpha", alphaOp, "20571", "2025");   // 3000 x 27429 / 4000 = 20571.75; 3000 x 0.675
        position(rest, "alpha", dana, "6857", "675");        // 1000 x 27429 / 4000 = 6857.25;  1000 x 0.675
        position(rest, "beta", betaOp, "3118", "1140");      // 1000 x 4677 / 1500 = 3118;      1000 x 1.14
        position(rest, "beta", eve, "1559", "570");          // 500 x 4677 / 1500 = 1559;       500 x 1.14
    }

    private void position(String rest, String pool, AccountKey who, String value, String usdcOwed) throws Exception {
        JsonNode p = json(rest, "/pools/" + pool + "/positions/" + who.accountHex());
        assertThat(p.path("value").asText()).as("%s value in %s", who.accountHex(), pool).isEqualTo(value);
        assertThat(p.path("usdcOwedTotal").asText()).as("%s USDC owed in %s", who.accountHex(), pool).isEqualTo(usdcOwed);
    }

    /** The gateway forwarded every attestation, and the ledger consumed the whole commands log. */
    private static void caughtUp(Admin kafka) throws InterruptedException {
        assertThat(new GatewayCatchUp(kafka, Topics.ATTESTATION_GATEWAY, Topics.ATTESTATIONS, Duration.ofSeconds(60)).await()).isTrue();
        assertThat(new GatewayCatchUp(kafka, LEDGER_ID, Topics.COMMANDS, Duration.ofSeconds(60)).await()).isTrue();
    }

    private void awaitAccrued(String rest, long epoch, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (json(rest, "/pools/alpha").path("lastAccruedEpoch").asLong(-1) >= epoch
                    && json(rest, "/pools/beta").path("lastAccruedEpoch").asLong(-1) >= epoch) return;
            if (System.nanoTime() > deadline) throw new AssertionError("epoch " + epoch + " did not accrue in both pools within " + timeout);
            Thread.sleep(20);
        }
    }

    private static long markers(List<ConsumerRecord<String, EpochSummaryMessage>> records, long epoch) {
        return records.stream().filter(r -> r.value().getBody() instanceof PartitionEpochClosed c && c.getEpoch() == epoch).count();
    }

    private JsonNode json(String rest, String path) throws Exception {
        return JSON.readTree(get(rest, path));
    }

    private String get(int port, String path) throws Exception {
        return get("http://localhost:" + port, path);
    }

    private String get(String base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }
}
