package io.stakestream.protocol.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.protocol.clients.OutcomeWaiter.Outcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** When the CLI's wait is over: every input of a command answered, a network-wide one on each partition it was written to. */
class OutcomeAnswersTest {

    private static final int PARTITIONS = 3;

    @Test
    void aNetworkWideCommandWaitsForEveryPartitionNotForAsManyRecords() {
        Outcome o = new Outcome("c1", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        o.events().add(event(0));
        o.events().add(event(0)); // one partition may answer with several events (an epoch close and what it proposed)
        o.rejections().add(rejection(0));
        assertThat(o.answered(PARTITIONS)).as("three records, all from partition 0").isEqualTo(1);

        o.events().add(event(2));
        assertThat(o.answered(PARTITIONS)).isEqualTo(2);
        o.rejections().add(rejection(1));
        assertThat(o.answered(PARTITIONS)).isEqualTo(PARTITIONS);
        assertThat(o.accepted()).as("refused on partition 1").isFalse();
    }

    @Test
    void aNetworkWideCommandAcceptedEverywhereIsAccepted() {
        Outcome o = new Outcome("c2", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int p = 0; p < PARTITIONS; p++) {
            o.events().add(event(p));
        }
        assertThat(o.answered(PARTITIONS)).isEqualTo(PARTITIONS);
        assertThat(o.accepted()).isTrue();
    }

    @Test
    void aPoolCommandIsAnsweredOnceByItsEventsOrItsRejection() {
        Outcome none = new Outcome("c3", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        assertThat(none.answered(1)).isZero();
        Outcome accepted = new Outcome("c4", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        accepted.events().add(event(1));
        accepted.events().add(event(1));
        assertThat(accepted.answered(1)).isEqualTo(1);
        Outcome refused = new Outcome("c5", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        refused.rejections().add(rejection(1));
        assertThat(refused.answered(1)).isEqualTo(1);
        assertThat(refused.accepted()).isFalse();
    }

    private static LedgerEvent event(int partition) {
        return LedgerEvent.newBuilder().setCommandId("c").setPoolId("*").setActor(ByteBuffer.allocate(32)).setNonce(1).setCommand("SetModel")
                .setTimestamp(0).setEpoch(0).setPartition(partition).build();
    }

    private static Rejection rejection(int partition) {
        return Rejection.newBuilder().setReason(RejectReason.UNAUTHORIZED).setMessage("no").setCommandId("c").setSourceTopic("commands")
                .setPartition(partition).setOffset(0).setTimestamp(0).build();
    }
}
