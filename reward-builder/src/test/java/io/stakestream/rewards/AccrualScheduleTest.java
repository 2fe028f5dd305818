package io.stakestream.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.SignedCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccrualScheduleTest {

    static EpochPublication epoch(long n, int delay) {
        GlobalParameters params = GlobalParameters.newBuilder(EpochPublicationTest.PARAMS).setRewardDelayEpochs(delay).build();
        ClosedEpoch closed = EpochPublicationTest.epoch3();
        return EpochPublication.of(new ClosedEpoch(n, closed.partitions(), closed.summaries().stream()
                .map(s -> io.stakestream.avro.PoolEpochSummary.newBuilder(s).setEpoch(n).build()).toList(), params), EpochPublicationTest.BUILDER);
    }

    static List<Long> epochs(List<SignedCommand> accruals) {
        return accruals.stream().map(c -> ((AccrueReward) EpochPublicationTest.PAYLOADS.command(c).getBody()).getEpoch()).distinct().toList();
    }

    @Test
    void withoutADelayAnEpochsAccrualsGoWithItsOwnRecord() {
        AccrualSchedule s = new AccrualSchedule();
        EpochPublication e0 = epoch(0, 0);
        assertThat(s.due(e0, 0)).isEqualTo(e0.accruals()).hasSize(3);
        assertThat(s.heldEpochs()).isEmpty();
    }

    @Test
    void aRewardDelayHoldsAccrualsUntilTheEpochTheLedgerAcceptsThem() {
        // the ledger accepts epoch n's accruals once epoch n + 2 closed: they ride with epoch n + 2's record
        AccrualSchedule s = new AccrualSchedule();
        assertThat(s.due(epoch(0, 2), 2)).isEmpty();
        assertThat(s.due(epoch(1, 2), 2)).isEmpty();
        assertThat(epochs(s.due(epoch(2, 2), 2))).containsExactly(0L);
        assertThat(epochs(s.due(epoch(3, 2), 2))).containsExactly(1L);
        assertThat(s.heldEpochs()).containsExactly(2L, 3L);
        // the delay shortened to 0: everything held is due at once, in epoch order
        assertThat(epochs(s.due(epoch(4, 0), 0))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void replayingThePublishedEpochsRebuildsWhatIsStillHeld() {
        AccrualSchedule live = new AccrualSchedule();
        for (long n = 0; n < 5; n++) live.due(epoch(n, 2), 2);
        AccrualSchedule restarted = new AccrualSchedule();
        for (long n = 2; n < 5; n++) restarted.due(epoch(n, 2), 2);   // from the last published epoch minus the delay
        assertThat(restarted.heldEpochs()).isEqualTo(live.heldEpochs()).containsExactly(3L, 4L);
        assertThat(restarted.due(epoch(5, 2), 2)).isEqualTo(live.due(epoch(5, 2), 2));
    }
}
