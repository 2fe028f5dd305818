package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.ClusterLeaf;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Timeout;

/**
 * Function Network's claimRewardsCluster through the real pipeline: one operator runs pools on
 * both partitions and claims epoch 0 for all of them with one command keyed by one pool. The
 * accepting partition writes one leg per pool back into the commands log in its transaction; each
 * pool's own partition checks the proof against the committed root (OpenZeppelin tree), the
 * partition budget and the signer, and reports for that pool. A pool the signer does not operate
 * is refused alone; a leg sent again is a replay.
 */
class ClusterClaimIT {
    private static final int PARTITIONS = 2;

    @OnEveryKafkaBackend
    @Timeout(180)
    void oneClaimAccruesEveryPoolTheAccountOperatesOnWhicheverPartition(KafkaBackend backend) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        try (Admin admin = backend.admin()) {
            LedgerTopics topics = ItTopics.create(admin, "cluster-" + run, PARTITIONS);
            Program program = new Program(serdes.payloads()); // sign for this stack's registry: payloads carry its schema ids
            Actor operator = Actor.named("op-" + run, serdes.payloads());
            Actor other = Actor.named("other-" + run, serdes.payloads());
            Actor delegator = Actor.named("del-" + run, serdes.payloads());
            String home = poolOn(0, "a-" + run);
            String away = poolOn(1, "b-" + run);
            String foreign = poolOn(1, "c-" + run);

            List<SignedCommand> network = new ArrayList<>(program.init());
            List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
            Serializer<SignedCommand> encode = serdes.valueSerde(SignedCommand.class).serializer();
            List<ProducerRecord<byte[], byte[]>> genesis = new ArrayList<>();
            for (SignedCommand c : network) genesis.addAll(toEveryPartition(topics, encode, c));
            // custody: every partition's reward vault covers its budget, and each stake arrives on chain before it is staked
            List<ProducerRecord<byte[], byte[]>> funding = new ArrayList<>(toEveryPartition(topics, encode, program.fundRewards(5_000, 100)));
            funding.add(deposited(topics, encode, serdes, program.deposit(operator, home, 1_000, false)));
            funding.add(deposited(topics, encode, serdes, program.deposit(operator, away, 1_000, false)));
            funding.add(deposited(topics, encode, serdes, program.deposit(other, foreign, 1_000, false)));
            funding.add(deposited(topics, encode, serdes, program.deposit(delegator, away, 3_000, false)));
            first.add(keyed(topics, encode, home, program.createPool(operator, home, 1_000)));
            first.add(keyed(topics, encode, away, program.createPool(operator, away, 1_000)));
            first.add(keyed(topics, encode, foreign, program.createPool(other, foreign, 1_000)));
            first.add(keyed(topics, encode, away, program.stake(delegator, away, 3_000))); // the deposit opened the record
            first.addAll(toEveryPartition(topics, encode, program.epochClose(0)));

            // epoch 0's tree: the pools' leaves; each partition's budget is the sum of its pools' leaves
            List<RewardLeaf> leaves = List.of(new RewardLeaf(0, home, big(1_000), big(40)), new RewardLeaf(0, away, big(2_000), big(0)),
                    new RewardLeaf(0, foreign, big(500), big(0)));
            StandardMerkleTree tree = StandardMerkleTree.of(leaves);
            CreateRewardRecord record = CreateRewardRecord.newBuilder().setEpoch(0).setRoot(ByteBuffer.wrap(tree.root())).setLeafCount(3)
                    .setTotalTokens(dec(3_500)).setTotalUsdc(dec(40))
                    .setPartitionBudgets(List.of(new PartitionBudget(0, dec(1_000), dec(40)), new PartitionBudget(1, dec(2_500), dec(0))))
                    .build();
            List<ClusterLeaf> claimed = new ArrayList<>();
            for (int i = 0; i < leaves.size(); i++) {
                RewardLeaf l = leaves.get(i);
                claimed.add(new ClusterLeaf(l.poolId(), 0L, new BigDecimal(l.tokens()), new BigDecimal(l.usdc()), tree.proofBuffers(i)));
            }
            SignedCommand claim = operator.sign(home, new ClaimRewardsCluster(0L, 0L, claimed));
            List<ProducerRecord<byte[], byte[]>> second = new ArrayList<>(toEveryPartition(topics, encode, program.rewarder.sign(Keys.NETWORK, record)));
            second.add(keyed(topics, encode, home, claim));

            AppConfig config = AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(),
                    Files.createTempDirectory("cluster-it"), PARTITIONS).withApplicationId("cluster-" + run)
                    .withGatewayApplicationId("cluster-gw-" + run);
            try (PoolLedgerApp app = new PoolLedgerApp(config, serdes, topics).start();
                 KafkaProducer<byte[], byte[]> producer = Kafka.producer(backend.bootstrapServers())) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
                genesis.forEach(producer::send);
                producer.flush();
                awaitApplied(app, genesis.size());
                funding.forEach(producer::send);
                producer.flush();
                awaitApplied(app, genesis.size() + funding.size());
                int before = genesis.size() + funding.size();
                first.forEach(producer::send);
                producer.flush();
                // the close must be applied before the record (same partitions, so offsets order them); the claim follows
                awaitApplied(app, before + first.size());
                second.forEach(producer::send);
                producer.flush();
                // plus the three legs the claim routes
                awaitApplied(app, before + first.size() + second.size() + 3);
                Kafka.awaitConsumed(admin, "cluster-" + run, List.of(topics.commands()), Duration.ofSeconds(60));

                List<ConsumerRecord<byte[], byte[]>> log = Kafka.readCommitted(backend.bootstrapServers(), admin, topics.commands(),
                        Duration.ofSeconds(60));
                List<ConsumerRecord<byte[], byte[]>> legs = log.stream().filter(r -> r.headers().lastHeader("stakestream.cluster-pool") != null).toList();
                assertThat(legs).as("one leg per pool, exactly once").hasSize(3);
                for (ConsumerRecord<byte[], byte[]> leg : legs) {
                    String pool = new String(leg.key(), StandardCharsets.UTF_8);
                    assertThat(leg.partition()).as("leg of %s on its pool's partition", pool).isEqualTo(partitionOf(pool));
                }
                // a leg written again by anyone is refused: each (pool, claim) applies once
                ConsumerRecord<byte[], byte[]> awayLeg = legs.stream().filter(r -> away.equals(new String(r.key(), StandardCharsets.UTF_8)))
                        .findFirst().orElseThrow();
                producer.send(new ProducerRecord<>(topics.commands(), null, awayLeg.key(), awayLeg.value(), awayLeg.headers()));
                producer.flush();
                awaitApplied(app, before + first.size() + second.size() + 4);
            }

            Outputs out = Outputs.read(backend.bootstrapServers(), admin, serdes, topics);
            Map<String, PoolState> last = new TreeMap<>();
            for (LedgerEvent e : out.events) if (e.getPool() != null) last.put(e.getPoolId(), e.getPool());
            // home: 1,000 tokens (20% commission) and 40 USDC; away: 2,000 tokens over 4,000 staked
            assertThat(last.get(home).getTokensIn()).isEqualByComparingTo("2000");
            assertThat(last.get(home).getTokenCommission()).isEqualByComparingTo("200");
            assertThat(last.get(home).getTotalStake()).isEqualByComparingTo("1800");
            assertThat(last.get(home).getUsdcIn()).isEqualByComparingTo("40");
            assertThat(last.get(away).getTokensIn()).isEqualByComparingTo("6000");
            assertThat(last.get(away).getTotalStake()).isEqualByComparingTo("5600"); // 4,000 + 80% of 2,000
            assertThat(last.get(foreign).getTokensIn()).isEqualByComparingTo("1000");
            for (PoolState s : last.values()) assertThat(Pool.wrap(s).tokensBalance()).isTrue();
            List<LedgerEvent> claims = out.events.stream().filter(e -> e.getNote() != null && e.getNote().startsWith("cluster claim")).toList();
            assertThat(claims).extracting(LedgerEvent::getPoolId).contains(home, away).doesNotContain(foreign);
            List<Rejection> refused = out.rejections;
            assertThat(refused).extracting(Rejection::getPoolId, Rejection::getReason)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(foreign, RejectReason.UNAUTHORIZED),
                            org.assertj.core.groups.Tuple.tuple(away, RejectReason.REPLAY));
        }
    }

    private static void awaitApplied(PoolLedgerApp app, long inputs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (applied(app) < inputs && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertThat(applied(app)).isEqualTo(inputs);
    }

    private static long applied(PoolLedgerApp app) {
        return app.metrics().acceptedCount() + app.metrics().rejectedCount();
    }

    /** A pool id starting with prefix that the default partitioner puts on this partition. */
    private static String poolOn(int partition, String prefix) {
        for (int i = 0; ; i++) {
            String id = prefix + "-" + i;
            if (partitionOf(id) == partition) return id;
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static BigDecimal dec(long v) {
        return BigDecimal.valueOf(v);
    }

    /** A deposit as custody writes it: to the deposits topic, keyed by its chain reference. */
    private static ProducerRecord<byte[], byte[]> deposited(LedgerTopics topics, Serializer<SignedCommand> encode, StakestreamSerdes serdes,
                                                          SignedCommand d) {
        return new ProducerRecord<>(topics.deposits(), null, Program.depositKey(serdes.payloads(), d).getBytes(StandardCharsets.UTF_8),
                encode.serialize(topics.deposits(), d));
    }

    private static ProducerRecord<byte[], byte[]> keyed(LedgerTopics topics, Serializer<SignedCommand> encode, String key, SignedCommand c) {
        return new ProducerRecord<>(topics.commands(), null, key.getBytes(StandardCharsets.UTF_8), encode.serialize(topics.commands(), c));
    }

    private static List<ProducerRecord<byte[], byte[]>> toEveryPartition(LedgerTopics topics, Serializer<SignedCommand> encode, SignedCommand c) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            out.add(new ProducerRecord<>(topics.commands(), p, Keys.NETWORK.getBytes(StandardCharsets.UTF_8), encode.serialize(topics.commands(), c)));
        }
        return out;
    }
}
