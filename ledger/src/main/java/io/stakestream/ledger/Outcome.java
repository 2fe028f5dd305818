package io.stakestream.ledger;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashOutcome;
import java.util.List;

/**
 * What one command produced: either the accepted outputs, or a rejection reason. {@code routes}
 * names the pools the command must also reach, each on its own partition (a cluster claim's legs).
 */
public record Outcome(RejectReason rejection, String message, List<LedgerEvent> events, List<Payout> payouts,
                      List<SlashOutcome> slashes, List<EpochSummaryMessage> summaries, List<String> routes) {

    public static Outcome rejected(RejectReason reason, String message) {
        return new Outcome(reason, message, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean accepted() {
        return rejection == null;
    }
}
