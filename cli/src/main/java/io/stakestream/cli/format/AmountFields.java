package io.stakestream.cli.format;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.Payout;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashProposal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Which JSON fields are amounts, and of what: every field the schemas declare decimal(78,0), plus
 * the values the query API computes. USDC fields hold 6-decimal base units, the rest 18-decimal
 * token (or share) base units; indexes and scales are ratios and stay as they are.
 */
public final class AmountFields {

    public enum Unit { TOKEN, USDC, RAW }

    private static final Set<String> RATIOS = Set.of("usdcIndex", "usdcCheckpoint", "scale", "pendingScale", "newScale",
            "pendingUnits", "units");
    private static final Set<String> COMPUTED = Set.of("value", "pendingValue", "usdcUnsettled", "usdcOwedTotal");
    private static final Set<String> DECIMALS = collect();

    private AmountFields() {
    }

    /** The unit of field {@code name}, or null when it is not an amount. {@code asset} is the record's asset field, if any. */
    public static Unit unit(String name, String asset) {
        if (!DECIMALS.contains(name) && !COMPUTED.contains(name)) {
            return null;
        }
        if (RATIOS.contains(name)) {
            return Unit.RAW;
        }
        if (name.equals("amount") && asset != null) {
            return asset.equals("USDC") ? Unit.USDC : Unit.TOKEN;
        }
        return name.toLowerCase(Locale.ROOT).contains("usdc") ? Unit.USDC : Unit.TOKEN;
    }

    /** Times are epoch milliseconds in the records; people read them as ISO-8601. */
    public static boolean isTime(String name) {
        return name.equals("timestamp") || name.endsWith("At") || name.endsWith("Until");
    }

    private static Set<String> collect() {
        Set<String> names = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Schema s : new Schema[] {SignedCommand.getClassSchema(), SignedAttestation.getClassSchema(), LedgerEvent.getClassSchema(),
                Rejection.getClassSchema(), SlashOutcome.getClassSchema(), Payout.getClassSchema(), EpochSummaryMessage.getClassSchema(),
                RewardRoot.getClassSchema(), RewardProof.getClassSchema(), NetworkState.getClassSchema(), SlashProposal.getClassSchema(),
                RewardRecordState.getClassSchema()}) {
            walk(s, null, names, seen);
        }
        return Set.copyOf(names);
    }

    private static void walk(Schema s, String field, Set<String> names, Set<String> seen) {
        if (s.getLogicalType() instanceof LogicalTypes.Decimal && field != null) {
            names.add(field);
        }
        switch (s.getType()) {
            case RECORD -> {
                if (seen.add(s.getFullName())) {
                    s.getFields().forEach(f -> walk(f.schema(), f.name(), names, seen));
                }
            }
            case UNION -> s.getTypes().forEach(t -> walk(t, field, names, seen));
            case ARRAY -> walk(s.getElementType(), field, names, seen);
            case MAP -> walk(s.getValueType(), field, names, seen);
            default -> {
            }
        }
    }
}
