package io.stakestream.app.rest;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import io.stakestream.protocol.merkle.TreeDumps;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.serde.TopicSerdes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A live stack for the query and dashboard tests: a real in-process broker and registry, pool-ledger
 * instances on it, and a small network run through two epochs. Three pools: atlas has the most
 * stake, borealis the best performance in epoch 1, cirrus is halted with a pending slash proposal;
 * three refused commands; a reward root with real proofs and a tree dump for epoch 0, and an
 * accrual in epoch 1 that lifts atlas's share price.
 */
final class LiveLedger implements AutoCloseable {

    static final BigInteger TOKEN = BigInteger.TEN.pow(18);
    static final int PARTITIONS = 2;

    final EmbeddedStack stack = EmbeddedStack.builder().partitions(PARTITIONS).start();
    final StakestreamSerdes serdes = stack.serdes();
    final Program program = new Program(serdes.payloads());
    final Actor atlas = Actor.named("atlas-operator", serdes.payloads());
    final Actor borealis = Actor.named("borealis-operator", serdes.payloads());
    final Actor cirrus = Actor.named("cirrus-operator", serdes.payloads());
    final Actor dave = Actor.named("dave-delegator", serdes.payloads());
    final Actor slasher = new Actor("slasher", TestAccounts.SLASHER, serdes.payloads());
    final Actor halter = new Actor("halter", TestAccounts.HALTER, serdes.payloads());
    final Path dumpDir;
    final List<PoolLedgerApp> apps = new ArrayList<>();
    final String applicationId = "live-" + UUID.randomUUID().toString().substring(0, 8);
    StandardMerkleTree epoch0;

    LiveLedger() throws Exception {
        dumpDir = Files.createTempDirectory("reward-dumps");
    }

    static BigDecimal tokens(long whole) {
        return new BigDecimal(TOKEN.multiply(BigInteger.valueOf(whole)));
    }

    PoolLedgerApp startInstance() throws Exception {
        AppConfig config = AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(), Files.createTempDirectory("live-state"),
                PARTITIONS).withApplicationId(applicationId).withGatewayApplicationId(applicationId + "-gw").withRewardDumpDir(dumpDir);
        PoolLedgerApp app = new PoolLedgerApp(config).start();
        apps.add(app);
        return app;
    }

    /** Runs the network through epochs 0 and 1; returns when every outcome is committed. */
    LiveLedger runScenario() throws Exception {
        var params = TestParams.defaults().setMinOperatorStake(tokens(100))
                .setTierThresholds(List.of(tokens(500), tokens(2_000), tokens(10_000))).build();
        broadcast(program.init(params));
        // custody, playing the chain indexer: the reward vault's funding, each operator's self-stake, dave's stake
        broadcast(List.of(program.custody.sign(Keys.NETWORK, new FundRewards(tokens(10_000), BigDecimal.valueOf(1_000_000_000L),
                program.nextChainRef()))));
        deposit(atlas, "atlas", 5_000, false);
        deposit(borealis, "borealis", 2_000, false);
        deposit(cirrus, "cirrus", 600, false);
        awaitEvents(e -> e.getNote() != null && e.getNote().startsWith("deposited"), 3);
        send("atlas", createPool(atlas, "atlas", "Atlas GPU", 5_000));
        send("borealis", createPool(borealis, "borealis", "Borealis", 2_000));
        send("cirrus", createPool(cirrus, "cirrus", "Cirrus", 600));
        awaitEvents(e -> e.getNote() != null && e.getNote().startsWith("pool created"), 3);
        send("atlas", dave.sign("atlas", new io.stakestream.avro.CreateStakingRecord()));
        deposit(dave, "atlas", 3_000, true);
        awaitEvents(e -> e.getNote() != null && e.getNote().startsWith("deposited") && e.getNote().endsWith("and staked"), 1);
        // refused: a zero stake, the same signed bytes again, a pool nobody created
        SignedCommand zero = dave.sign("atlas", new Stake(BigDecimal.ZERO));
        send("atlas", zero, zero);
        send("nowhere", dave.sign("nowhere", new Stake(tokens(1))));
        send("cirrus", halter.sign("cirrus", new SetHaltStatus(true)));
        send("cirrus", slasher.sign("cirrus", ProposeSlash.newBuilder().setSlashId("sla-1").setReason(SlashReason.SLA_BREACH)
                .setEvidence("uptime 61% over epoch 0").build()));
        broadcast(List.of(program.epochClose(0)));
        awaitEvents(e -> e.getNote() != null && e.getNote().startsWith("epoch 0 closed"), PARTITIONS);

        // what the reward-builder publishes for epoch 0: root, one proof per pool, the tree dump
        List<RewardLeaf> leaves = List.of(
                new RewardLeaf(0, "atlas", TOKEN.multiply(BigInteger.valueOf(100)), BigInteger.valueOf(50_000_000)),
                new RewardLeaf(0, "cirrus", TOKEN.multiply(BigInteger.valueOf(10)), BigInteger.ZERO));
        epoch0 = StandardMerkleTree.of(leaves);
        publishRewards(0, epoch0);
        broadcast(List.of(program.rewarder.sign(Keys.NETWORK, rewardRecord(0, epoch0))));
        // atlas accrues its leaf with the published proof; cirrus (halted) keeps its leaf owed
        send("atlas", program.rewarder.sign("atlas", new io.stakestream.avro.AccrueReward(0L, tokens(100), BigDecimal.valueOf(50_000_000),
                epoch0.proofBuffers(indexOf(epoch0, "atlas")))));
        // epoch 1's work: borealis 4 of 4 jobs at 100 ms, atlas 3 of 4 at 200 ms, cirrus (halted) none
        attest(borealis, "borealis", 1, 4, 4, 100);
        attest(atlas, "atlas", 1, 4, 3, 200);
        awaitEvents(e -> e.getNote() != null && e.getNote().endsWith("for epoch 1"), 2);
        broadcast(List.of(program.epochClose(1)));
        awaitEvents(e -> e.getNote() != null && e.getNote().startsWith("epoch 1 closed"), PARTITIONS);
        return this;
    }

    private SignedCommand createPool(Actor operator, String poolId, String name, long stake) {
        return operator.sign(poolId, io.stakestream.avro.CreateOperatorPool.newBuilder().setModelId(Program.MODEL).setRegion("eu-west")
                .setMetadataJson("{\"url\":\"https://" + poolId + ".example\",\"name\":\"" + name + "\"}")
                .setOperatorAuthKeys(List.of(operator.key().accountBuffer())).setRegistrationFee(BigDecimal.ZERO)
                .setInitialStake(tokens(stake)).build());
    }

    private long attestationNonce;

    private void attest(Actor node, String poolId, long epoch, int jobs, int succeeded, long latencyMs) {
        List<JobResult> results = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            results.add(JobResult.newBuilder().setEpoch(epoch).setJobId(poolId + "-job-" + i).setModelId(Program.MODEL)
                    .setSuccess(i < succeeded).setLatencyMs(latencyMs).setProofValid(true).setCompleted(true)
                    .setUsdcFee(BigDecimal.valueOf(1_000_000)).build());
        }
        SignedAttestation a = AttestationSigner.of(node.key(), serdes.payloads()).attestation("batch-" + poolId, poolId, ++attestationNonce, results);
        TopicSerdes<String, SignedAttestation> topic = serdes.attestations();
        try (KafkaProducer<String, SignedAttestation> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), poolId, a));
        }
    }

    /** The signed record the reward-builder commits: root, totals and each partition's share of them. */
    private static io.stakestream.avro.CreateRewardRecord rewardRecord(long epoch, StandardMerkleTree tree) {
        BigInteger[] tokens = new BigInteger[PARTITIONS];
        BigInteger[] usdc = new BigInteger[PARTITIONS];
        java.util.Arrays.fill(tokens, BigInteger.ZERO);
        java.util.Arrays.fill(usdc, BigInteger.ZERO);
        for (RewardLeaf l : tree.leaves()) {
            int p = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    l.poolId().getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
            tokens[p] = tokens[p].add(l.tokens());
            usdc[p] = usdc[p].add(l.usdc());
        }
        List<io.stakestream.avro.PartitionBudget> budgets = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            budgets.add(new io.stakestream.avro.PartitionBudget(p, new BigDecimal(tokens[p]), new BigDecimal(usdc[p])));
        }
        return io.stakestream.avro.CreateRewardRecord.newBuilder().setEpoch(epoch).setRoot(ByteBuffer.wrap(tree.root()))
                .setLeafCount(tree.size()).setTotalTokens(new BigDecimal(java.util.Arrays.stream(tokens).reduce(BigInteger.ZERO, BigInteger::add)))
                .setTotalUsdc(new BigDecimal(java.util.Arrays.stream(usdc).reduce(BigInteger.ZERO, BigInteger::add)))
                .setPartitionBudgets(budgets).build();
    }

    private void publishRewards(long epoch, StandardMerkleTree tree) throws Exception {
        BigInteger tokens = BigInteger.ZERO;
        BigInteger usdc = BigInteger.ZERO;
        for (RewardLeaf l : tree.leaves()) {
            tokens = tokens.add(l.tokens());
            usdc = usdc.add(l.usdc());
        }
        TopicSerdes<String, RewardRoot> roots = serdes.rewardRoots();
        TopicSerdes<String, RewardProof> proofs = serdes.rewardProofs();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (var rootProducer = new KafkaProducer<>(config, roots.keySerde().serializer(), roots.valueSerde().serializer());
             var proofProducer = new KafkaProducer<>(config, proofs.keySerde().serializer(), proofs.valueSerde().serializer())) {
            rootProducer.send(new ProducerRecord<>(roots.name(), Long.toString(epoch), RewardRoot.newBuilder().setEpoch(epoch)
                    .setRoot(ByteBuffer.wrap(tree.root())).setLeafCount(tree.size()).setTotalTokens(new BigDecimal(tokens))
                    .setTotalUsdc(new BigDecimal(usdc)).setEmission(new BigDecimal(tokens)).setRedistributed(BigDecimal.ZERO).build()));
            for (int i = 0; i < tree.size(); i++) {
                RewardLeaf l = tree.leaves().get(i);
                proofProducer.send(new ProducerRecord<>(proofs.name(), l.poolId() + "@" + epoch, RewardProof.newBuilder().setEpoch(epoch)
                        .setPoolId(l.poolId()).setTokens(new BigDecimal(l.tokens())).setUsdc(new BigDecimal(l.usdc()))
                        .setLeaf(ByteBuffer.wrap(tree.leafHash(i))).setProof(tree.proofBuffers(i)).setRoot(ByteBuffer.wrap(tree.root()))
                        .build()));
            }
        }
        StringBuilder nodes = new StringBuilder();
        for (byte[] n : tree.nodes()) {
            nodes.append(nodes.length() == 0 ? "" : ",").append('"').append(Hex.encode0x(n)).append('"');
        }
        Files.writeString(dumpDir.resolve(TreeDumps.fileName(epoch)), "{\"format\":\"standard-v1\",\"tree\":[" + nodes + "]}");
    }

    private void awaitEvents(java.util.function.Predicate<LedgerEvent> which, int count) {
        try (CommittedReader<LedgerEvent> events = new CommittedReader<>(stack.bootstrapServers(), serdes.events())) {
            events.readUntil(read -> read.stream().filter(r -> which.test(r.value())).count() >= count, Duration.ofSeconds(90));
        }
    }

    private static int indexOf(StandardMerkleTree tree, String poolId) {
        for (int i = 0; i < tree.size(); i++) {
            if (tree.leaves().get(i).poolId().equals(poolId)) return i;
        }
        throw new IllegalArgumentException(poolId + " has no leaf");
    }

    /** Custody's deposits of one token each into a pool, as fast as one producer sends them. */
    void deposits(Actor owner, String poolId, int count) {
        try (KafkaProducer<String, SignedCommand> producer = commandProducer()) {
            for (int i = 0; i < count; i++) {
                SignedCommand d = program.custody.sign(poolId, new io.stakestream.avro.Deposit(owner.key().accountBuffer(),
                        io.stakestream.avro.Asset.TOKEN, tokens(1), program.nextChainRef(), false));
                producer.send(new ProducerRecord<>(io.stakestream.topics.Topics.DEPOSITS, Program.depositKey(serdes.payloads(), d), d));
            }
        }
    }

    /** A custody deposit, to custody's topic keyed by its chain reference, as the indexer writes it. */
    private void deposit(Actor owner, String poolId, long whole, boolean stake) {
        SignedCommand d = program.custody.sign(poolId, new io.stakestream.avro.Deposit(owner.key().accountBuffer(), io.stakestream.avro.Asset.TOKEN,
                tokens(whole), program.nextChainRef(), stake));
        try (KafkaProducer<String, SignedCommand> producer = commandProducer()) {
            producer.send(new ProducerRecord<>(io.stakestream.topics.Topics.DEPOSITS, Program.depositKey(serdes.payloads(), d), d));
        }
    }

    private void broadcast(List<SignedCommand> commands) {
        try (KafkaProducer<String, SignedCommand> producer = commandProducer()) {
            for (SignedCommand c : commands) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(serdes.commands().name(), p, Keys.NETWORK, c));
                }
            }
        }
    }

    private void send(String poolId, SignedCommand... commands) {
        try (KafkaProducer<String, SignedCommand> producer = commandProducer()) {
            for (SignedCommand c : commands) {
                producer.send(new ProducerRecord<>(serdes.commands().name(), poolId, c));
            }
        }
    }

    private KafkaProducer<String, SignedCommand> commandProducer() {
        TopicSerdes<String, SignedCommand> commands = serdes.commands();
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                commands.keySerde().serializer(), commands.valueSerde().serializer());
    }

    @Override
    public void close() {
        apps.forEach(PoolLedgerApp::close);
        stack.close();
    }
}
