package io.stakestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.crypto.Keys;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publisher against a real broker: control commands reach every partition, pool commands their pool's. */
class CommandPublisherIT {

    private static final int PARTITIONS = 4;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.builder().partitions(PARTITIONS).start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void controlCommandsGoToEveryPartitionAndPoolCommandsToTheirPoolsPartition() {
        StakestreamSerdes serdes = stack.serdes();
        var rewarder = Keys.demo("publisher-test-rewarder");
        var alice = Keys.demo("publisher-test-alice");
        SignedCommand close = CommandSigner.of(rewarder, serdes.payloads()).command("close-3", "*", 17, new EpochClose(3L));
        SignedCommand stake = CommandSigner.of(alice, serdes.payloads()).command("stake-1", "pool-a", 1, new Stake(Units.tokens(5)));
        try (CommandPublisher out = CommandPublisher.create(stack.bootstrapServers(), serdes, "publisher-test", true);
             CommittedReader<SignedCommand> commands = new CommittedReader<>(stack.bootstrapServers(), serdes.commands())) {
            assertThat(out.partitions()).isEqualTo(PARTITIONS);
            List<RecordMetadata> written = out.publish(List.of(close, stake));
            assertThat(written).hasSize(PARTITIONS + 1);
            assertThat(out.recordsWritten()).isEqualTo(PARTITIONS + 1);

            List<ConsumerRecord<String, SignedCommand>> read = commands.readUntil(r -> r.size() >= PARTITIONS + 1, Duration.ofSeconds(30));
            List<ConsumerRecord<String, SignedCommand>> closes = read.stream().filter(r -> r.key().equals("*")).toList();
            assertThat(closes).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(closes).extracting(ConsumerRecord::value).containsOnly(close);
            ConsumerRecord<String, SignedCommand> stakeRecord = read.stream().filter(r -> r.key().equals("pool-a")).findFirst().orElseThrow();
            assertThat(stakeRecord.value()).isEqualTo(stake);
            // the default partitioner's choice, the same one the ledger's co-partitioned topics rely on
            assertThat(stakeRecord.partition()).isEqualTo(Utils.toPositive(Utils.murmur2("pool-a".getBytes())) % PARTITIONS);
        }
    }

    @Test
    void aDepositGoesToCustodysTopicKeyedByItsChainReference() {
        StakestreamSerdes serdes = stack.serdes();
        var custody = Keys.demo("publisher-test-custody");
        var ref = new io.stakestream.avro.ChainRef(1L, java.nio.ByteBuffer.wrap(new byte[32]), 7L);
        SignedCommand deposit = CommandSigner.of(custody, serdes.payloads()).command("deposit-1", "pool-a", 1,
                new io.stakestream.avro.Deposit(Keys.demo("publisher-test-alice").accountBuffer(), io.stakestream.avro.Asset.TOKEN,
                        Units.tokens(5), ref, true));
        var deposits = new io.stakestream.protocol.serde.TopicSerdes<>(io.stakestream.topics.Topics.DEPOSITS,
                serdes.commands().keySerde(), serdes.commands().valueSerde());
        try (CommandPublisher out = CommandPublisher.create(stack.bootstrapServers(), serdes, "publisher-test-deposit", true);
             CommittedReader<SignedCommand> read = new CommittedReader<>(stack.bootstrapServers(), deposits)) {
            assertThat(out.publish(deposit)).singleElement().satisfies(m -> assertThat(m.topic()).isEqualTo("stakestream.deposits"));
            assertThat(read.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(30))).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(io.stakestream.ledger.Keys.chainRef(ref));
                assertThat(r.value()).isEqualTo(deposit);
            });
        }
    }

    @Test
    void attestationsAndRawBytesLandOnTheirTopics() {
        StakestreamSerdes serdes = stack.serdes();
        var node = Keys.demo("publisher-test-node");
        SignedAttestation batch = AttestationSigner.of(node, serdes.payloads()).attestation("b-1", "pool-b", 1, List.of(JobResult.newBuilder()
                .setEpoch(0).setJobId("j").setModelId("m").setSuccess(true).setLatencyMs(5).setProofValid(true)
                .setUsdcFee(Units.usdcCents(25)).build()));
        try (CommandPublisher out = CommandPublisher.create(stack.bootstrapServers(), serdes, "publisher-test-2", true);
             CommittedReader<SignedAttestation> attestations = new CommittedReader<>(stack.bootstrapServers(), serdes.attestations())) {
            out.attest(List.of(batch));
            List<ConsumerRecord<String, SignedAttestation>> read = attestations.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("pool-b");
                assertThat(r.value()).isEqualTo(batch);
            });
            assertThat(out.publishRaw("pool-b", new byte[] {1, 2, 3})).singleElement()
                    .satisfies(m -> assertThat(m.topic()).isEqualTo("stakestream.commands"));
        }
    }
}
