package io.stakestream.rewards;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PoolEpochSummary;
import java.util.List;

/** Everything the ledger reported for one epoch: every partition's summaries, and the parameters in force at the close. */
public record ClosedEpoch(long epoch, int partitions, List<PoolEpochSummary> summaries, GlobalParameters params) {
}
