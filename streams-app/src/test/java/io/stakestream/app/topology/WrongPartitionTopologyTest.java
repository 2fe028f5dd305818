package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestRegistry;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.ledger.Table;
import io.stakestream.protocol.clients.KeyPartitioner;
import io.stakestream.protocol.crypto.AttestationSigner;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review defect 1: the ledger believes the commands topic has four partitions while the driver
 * feeds it partition 0, as a producer that picks its own partition would. A record whose key maps
 * elsewhere under Kafka's default partitioner is refused WRONG_PARTITION and changes nothing;
 * network-wide commands (key "*") still apply on every partition.
 */
class WrongPartitionTopologyTest {

    private static final int PARTITIONS = 4;
    private final LedgerDriver ledger = new LedgerDriver(TestRegistry.serdes(), PARTITIONS);
    private final Program program = new Program();
    private final Actor owner = Actor.named("partition-owner");
    private final Actor stranger = Actor.named("partition-stranger");
    private final String home = pool(true);
    private final String away = pool(false);

    /** A pool id on partition 0 (home) or on another partition (away). */
    private static String pool(boolean onZero) {
        for (int i = 0; ; i++) {
            String id = "atlas-gpu-" + i;
            if ((KeyPartitioner.partitionOf(id, PARTITIONS) == 0) == onZero) return id;
        }
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void thePartitionerIsKafkasDefault() {
        assertThat(KeyPartitioner.partitionOf(away, PARTITIONS))
                .isEqualTo(Utils.toPositive(Utils.murmur2(away.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS)
                .isNotZero();
    }

    @Test
    void networkCommandsApplyOnEveryPartitionAndPoolsOnTheirOwn() {
        ledger.send(program.init()).send(program.createPool(owner, home, 1_000));

        assertThat(ledger.rejections()).isEmpty();
        assertThat(ledger.keys(Table.POOLS)).containsExactly(home);
    }

    @Test
    void aPoolCreatedOnTheWrongPartitionIsRefusedAndNotListed() {
        ledger.send(program.init()).drain();

        ledger.send(program.createPool(stranger, away, 1_000));

        Rejection r = ledger.rejections().get(0).value;
        assertThat(r.getReason()).isEqualTo(RejectReason.WRONG_PARTITION);
        assertThat(r.getMessage()).contains("partition " + KeyPartitioner.partitionOf(away, PARTITIONS)).contains("murmur2");
        assertThat(ledger.events()).isEmpty();
        assertThat(ledger.keys(Table.POOLS)).isEmpty();
        assertThat(ledger.keys(Table.POSITIONS)).isEmpty();
        assertThat(ledger.store(Table.NONCES).get(away + "/" + stranger.accountHex())).as("not even the nonce is used").isNull();
    }

    @Test
    void aStakeOnTheWrongPartitionIsWrongPartitionNotAMisleadingUnknownPool() {
        ledger.send(program.init()).drain();

        ledger.send(program.stake(stranger, away, 10));

        assertThat(ledger.rejections()).singleElement().satisfies(r -> assertThat(r.value.getReason()).isEqualTo(RejectReason.WRONG_PARTITION));
    }

    @Test
    void anAttestationForwardedToAPartitionItsPoolDoesNotMapToIsRefused() {
        ledger.send(program.init()).drain();
        JobResult job = JobResult.newBuilder().setEpoch(0).setJobId("j").setModelId(Program.MODEL).setSuccess(true).setLatencyMs(10)
                .setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ONE).build();

        ledger.attest(AttestationSigner.of(owner.key(), owner.payloads()).attestation("b", away, 1, List.of(job)));

        assertThat(ledger.rejections()).singleElement().satisfies(r -> {
            assertThat(r.value.getReason()).isEqualTo(RejectReason.WRONG_PARTITION);
            assertThat(r.value.getSourceTopic()).isEqualTo("stakestream.attestations");
        });
        assertThat(ledger.keys(Table.PERFORMANCE)).isEmpty();
    }
}
