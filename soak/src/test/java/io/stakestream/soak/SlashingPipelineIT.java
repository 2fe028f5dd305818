package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Unstake;
import io.stakestream.embedded.KafkaBackend;
import io.stakestream.embedded.OnEveryKafkaBackend;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Timeout;

/**
 * Both slashing policies through the real pipeline: a slash proposed while a delegator is
 * unstaking, refused inside the dispute window, executed after two epoch closes, with its outcome on
 * the slashes topic, the treasury payout, and pool state that still balances.
 */
class SlashingPipelineIT {
    private static final int PARTITIONS = 2;

    @OnEveryKafkaBackend
    @Timeout(180)
    void bothPoliciesSlashThroughTheRealPipeline(KafkaBackend backend) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(backend.schemaRegistryUrl());
        for (SlashPolicy policy : SlashPolicy.values()) {
            try (Admin admin = backend.admin()) {
                LedgerTopics topics = ItTopics.create(admin, "slash-" + policy.name().toLowerCase() + "-" + run, PARTITIONS);
                Program program = new Program(serdes.payloads());
                Actor operator = Actor.named("op-" + run, serdes.payloads());
                Actor delegator = Actor.named("del-" + run, serdes.payloads());
                Actor slasher = new Actor("slasher", TestAccounts.SLASHER, serdes.payloads());
                // a real-time run cannot wait out the default day of dispute: the whole epochs remain
                List<SignedCommand> network = new ArrayList<>(program.init(TestParams.defaults().setSlashPolicy(policy)
                        .setDelegatorCooldownSeconds(0).setMinDisputeWindowSeconds(0).build()));
                // custody credits both ahead of the pool; the pool takes over the delegator's record at creation
                List<SignedCommand> deposits = List.of(program.deposit(operator, "gpu", 2_000, false),
                        program.deposit(delegator, "gpu", 2_000, false));
                List<SignedCommand> pool = new ArrayList<>();
                pool.add(program.createPool(operator, "gpu", 2_000));
                pool.add(program.stake(delegator, "gpu", 2_000));
                pool.add(delegator.sign("gpu", new Unstake(null, TestParams.amount(1_000))));
                pool.add(slasher.sign("gpu", ProposeSlash.newBuilder().setSlashId("s1").setReason(SlashReason.INVALID_PROOF)
                        .setEvidence("proof://job-17").build()));
                pool.add(slasher.sign("gpu", new ExecuteSlash("s1")));               // refused: dispute window
                List<SignedCommand> later = List.of(slasher.sign("gpu", new ExecuteSlash("s1")),
                        delegator.sign("gpu", new ClaimUnstake(delegator.key().accountBuffer())));

                AppConfig config = AppConfig.local(backend.bootstrapServers(), backend.schemaRegistryUrl(),
                        Files.createTempDirectory("slash-it"), PARTITIONS).withApplicationId("slash-" + policy + "-" + run)
                        .withGatewayApplicationId("slash-gw-" + policy + "-" + run);
                try (PoolLedgerApp app = new PoolLedgerApp(config, serdes, topics).start();
                     KafkaProducer<byte[], byte[]> producer = Kafka.producer(backend.bootstrapServers())) {
                    assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
                    Serializer<SignedCommand> encode = serdes.valueSerde(SignedCommand.class).serializer();
                    for (SignedCommand c : network) toEveryPartition(producer, topics, encode, c);
                    for (SignedCommand c : deposits) {
                        producer.send(new ProducerRecord<>(topics.deposits(), null, Program.depositKey(serdes.payloads(), c).getBytes(StandardCharsets.UTF_8),
                                encode.serialize(topics.deposits(), c)));
                    }
                    producer.flush();
                    long credited = 2L * PARTITIONS + deposits.size();
                    long until = System.currentTimeMillis() + 60_000;
                    // the pool is created once custody's credits are in the log, as an operator waits for its deposit
                    while (applied(app) < credited && System.currentTimeMillis() < until) Thread.sleep(50);
                    for (SignedCommand c : pool) send(producer, topics, encode, "gpu", c);
                    toEveryPartition(producer, topics, encode, program.epochClose(0));
                    toEveryPartition(producer, topics, encode, program.epochClose(1));
                    for (SignedCommand c : later) send(producer, topics, encode, "gpu", c);
                    producer.flush();
                    long inputs = 2L * PARTITIONS + deposits.size() + pool.size() + 2L * PARTITIONS + later.size();
                    long deadline = System.currentTimeMillis() + 60_000;
                    // applied: every input has its event or rejection
                    while (applied(app) < inputs && System.currentTimeMillis() < deadline) Thread.sleep(50);
                    assertThat(applied(app)).isEqualTo(inputs);
                }

                Outputs out = Outputs.read(backend.bootstrapServers(), admin, serdes, topics);
                assertThat(out.rejections).extracting(r -> r.getReason().name()).containsExactly("DISPUTE_WINDOW_OPEN");
                assertThat(out.slashes).hasSize(1);
                SlashOutcome s = out.slashes.get(0);
                assertThat(s.getPolicy()).isEqualTo(policy);
                assertThat(s.getEvidence()).isEqualTo("proof://job-17");
                assertThat(s.getBurned().add(s.getRedistributed()).add(s.getReturnedToDelegators()).add(s.getTreasury()))
                        .isEqualByComparingTo(s.getAmount());
                // the other partition's task writes its EpochClose event under "*" whenever it gets to it: the pool's own last
                LedgerEvent last = out.events.stream().filter(e -> "gpu".equals(e.getPoolId())).reduce((a, b) -> b).orElseThrow();
                assertThat(last.getCommand()).isEqualTo("ClaimUnstake");
                PoolState state = last.getPool();
                assertThat(Pool.wrap(state).tokensBalance()).isTrue();
                BigInteger claimed = out.payouts.stream().filter(p -> p.getKind() == PayoutKind.UNSTAKE_CLAIM)
                        .findFirst().orElseThrow().getAmount().toBigInteger();
                if (policy == SlashPolicy.PRO_RATA) {
                    // 25% off the pending unstake too, and off every active stake
                    assertThat(s.getFromPending()).isEqualByComparingTo("250");
                    assertThat(claimed).isEqualTo(BigInteger.valueOf(750));
                } else {
                    // only the operator pays: its shares burn, the delegator's unstake is whole
                    assertThat(s.getOperatorSharesBurned()).isEqualByComparingTo("500");
                    assertThat(claimed).isEqualTo(BigInteger.valueOf(1_000));
                }
                assertThat(out.payouts).anyMatch(p -> p.getKind() == PayoutKind.SLASH_TREASURY);
            }
        }
    }

    private static long applied(PoolLedgerApp app) {
        return app.metrics().acceptedCount() + app.metrics().rejectedCount();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, LedgerTopics topics, Serializer<SignedCommand> encode,
                             String key, SignedCommand c) {
        producer.send(new ProducerRecord<>(topics.commands(), null, key.getBytes(StandardCharsets.UTF_8), encode.serialize(topics.commands(), c)));
    }

    private static void toEveryPartition(KafkaProducer<byte[], byte[]> producer, LedgerTopics topics, Serializer<SignedCommand> encode,
                                         SignedCommand c) {
        for (int p = 0; p < PARTITIONS; p++) {
            producer.send(new ProducerRecord<>(topics.commands(), p, Keys.NETWORK.getBytes(StandardCharsets.UTF_8),
                    encode.serialize(topics.commands(), c)));
        }
    }
}
