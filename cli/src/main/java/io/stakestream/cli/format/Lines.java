package io.stakestream.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.cli.Units;
import io.stakestream.ledger.Pool;
import io.stakestream.protocol.crypto.Hex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of text per record, amounts in tokens and dollars (or base units), times ISO-8601. */
public final class Lines {

    /** The ledger's notes and messages name times in epoch milliseconds; shown as ISO-8601. */
    private static final Pattern MILLIS_IN_NOTE = Pattern.compile("(available at |until )(\\d{12,14})");
    private final boolean baseUnits;

    public Lines(boolean baseUnits) {
        this.baseUnits = baseUnits;
    }

    public String tokens(BigInteger base) {
        return baseUnits ? base.toString() : Units.tokens(base);
    }

    public String tokens(BigDecimal base) {
        return tokens(base.toBigInteger());
    }

    public String usdc(BigInteger base) {
        return baseUnits ? base.toString() : "$" + Units.usdc(base);
    }

    public String usdc(BigDecimal base) {
        return usdc(base.toBigInteger());
    }

    public static String time(long millis) {
        return millis <= 0 ? "-" : Instant.ofEpochMilli(millis).toString();
    }

    public static String account(ByteBuffer key) {
        if (key == null) {
            return "-";
        }
        String hex = Hex.encode(key);
        return hex.substring(0, 8) + "…";
    }

    public String event(LedgerEvent e) {
        List<String> parts = new ArrayList<>();
        if (e.getTokenDelta() != null) parts.add("tokens " + tokens(e.getTokenDelta()));
        if (e.getShareDelta() != null) parts.add("shares " + tokens(e.getShareDelta()));
        if (e.getUsdcDelta() != null) parts.add("USDC " + usdc(e.getUsdcDelta()));
        return "accepted " + e.getCommand() + " on " + e.getPoolId() + " [" + e.getCommandId() + "] by " + account(e.getActor())
                + " in epoch " + e.getEpoch() + ": " + note(e.getNote()) + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static String note(String note) {
        if (note == null) {
            return "";
        }
        Matcher m = MILLIS_IN_NOTE.matcher(note);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) + time(Long.parseLong(m.group(2))));
        }
        return m.appendTail(sb).toString();
    }

    public String pool(PoolState p) {
        return pool(HumanJson.tree(p));
    }

    /** A pool as the query API shows it (base-unit strings). */
    public String pool(JsonNode p) {
        BigInteger t = big(p, "totalStake");
        BigInteger s = big(p, "totalShares");
        String price = s.signum() == 0 ? "-" : new BigDecimal(t).divide(new BigDecimal(s), 6, RoundingMode.DOWN).toPlainString();
        return "pool " + p.path("poolId").asText() + ": " + p.path("status").asText() + (p.path("halted").asBoolean() ? " (halted)" : "")
                + ", stake " + tokens(t) + " tokens, " + tokens(s) + " shares, price " + price + ", commission "
                + bps(p.path("tokenCommissionBps").asInt()) + " tokens / " + bps(p.path("usdcCommissionBps").asInt())
                + " USDC, commission owed " + tokens(big(p, "tokenCommission")) + " tokens and " + usdc(big(p, "usdcCommission")) + ", "
                + p.path("positionCount").asLong() + " positions";
    }

    public static BigInteger big(JsonNode node, String field) {
        String v = node.path(field).asText("0");
        return v.isEmpty() || v.equals("null") ? BigInteger.ZERO : new BigInteger(v);
    }

    public String position(PositionState position, PoolState poolState) {
        Pool pool = Pool.wrap(poolState);
        BigInteger shares = position.getShares().toBigInteger();
        BigInteger owed = position.getUsdcOwed().toBigInteger().add(pool.unsettledUsdc(position));
        StringBuilder sb = new StringBuilder("position of " + account(position.getAccount()) + " in " + position.getPoolId() + ": "
                + tokens(shares) + " shares worth " + tokens(pool.valueOf(shares)) + " tokens, USDC owed " + usdc(owed));
        for (PendingUnstake u : position.getPending()) {
            sb.append("; unstake #").append(u.getId()).append(' ').append(tokens(pool.pendingValueOf(u))).append(" tokens available at ")
                    .append(time(u.getAvailableAt()));
        }
        return sb.toString();
    }

    public String rejection(Rejection r) {
        return "refused " + (r.getCommand() == null ? "record" : r.getCommand()) + (r.getPoolId() == null ? "" : " on " + r.getPoolId())
                + (r.getCommandId() == null ? "" : " [" + r.getCommandId() + "]") + (r.getActor() == null ? "" : " by " + account(r.getActor()))
                + ": " + r.getReason() + ": " + note(r.getMessage()) + " (" + r.getSourceTopic() + " " + r.getPartition() + "@" + r.getOffset() + ")";
    }

    public String payout(Payout p) {
        String amount = p.getAsset() == io.stakestream.avro.Asset.USDC ? usdc(p.getAmount()) : tokens(p.getAmount()) + " tokens";
        return "payout " + p.getKind() + " of " + amount + " to " + account(p.getAccount()) + " from " + p.getPoolId() + " ["
                + p.getCommandId() + "] id " + p.getPayoutId();
    }

    public String slash(SlashOutcome s) {
        return "slash " + s.getSlashId() + " on " + s.getPoolId() + " (" + s.getReason() + ", " + s.getPolicy() + ", "
                + bps(s.getFractionPpm() / 100) + "): " + tokens(s.getAmount()) + " tokens: burned " + tokens(s.getBurned())
                + ", redistributed " + tokens(s.getRedistributed()) + ", returned " + tokens(s.getReturnedToDelegators())
                + ", treasury " + tokens(s.getTreasury()) + "; USDC confiscated " + usdc(s.getUsdcConfiscated())
                + (s.getPoolDeactivated() ? "; pool DEACTIVATED" : "") + (s.getBanned() ? "; BANNED" : "") + " in epoch " + s.getEpoch();
    }

    public String summary(EpochSummaryMessage m) {
        if (m.getBody() instanceof PartitionEpochClosed c) {
            return "epoch " + c.getEpoch() + " closed on partition " + c.getPartition() + " of " + c.getPartitions() + " with "
                    + c.getPools() + " pools";
        }
        PoolEpochSummary s = (PoolEpochSummary) m.getBody();
        return "epoch " + s.getEpoch() + " " + s.getPoolId() + ": " + (s.getActive() ? "active" : "not active") + ", stake "
                + tokens(s.getEffectiveStake()) + " tokens, tier " + s.getTier() + ", jobs " + s.getSucceeded() + "/" + s.getJobs()
                + " ok, avg latency " + s.getAvgLatencyMs() + " ms, USDC earned " + usdc(s.getUsdcEarned()) + ", redistributable "
                + tokens(s.getRedistributable());
    }

    public String root(RewardRoot r) {
        return "epoch " + r.getEpoch() + " reward root 0x" + Hex.encode(r.getRoot()) + ": " + r.getLeafCount() + " leaves, "
                + tokens(r.getTotalTokens()) + " tokens, " + usdc(r.getTotalUsdc()) + " (emission " + tokens(r.getEmission())
                + ", redistributed " + tokens(r.getRedistributed()) + ")";
    }

    public String proof(RewardProof p) {
        return "epoch " + p.getEpoch() + " proof for " + p.getPoolId() + ": " + tokens(p.getTokens()) + " tokens, " + usdc(p.getUsdc())
                + ", leaf 0x" + Hex.encode(p.getLeaf()) + ", " + p.getProof().size() + " sibling(s), root 0x" + Hex.encode(p.getRoot());
    }

    /** Any record of an output topic. */
    public String any(Object value) {
        if (value instanceof LedgerEvent e) return event(e) + partition(e);
        if (value instanceof Rejection r) return rejection(r);
        if (value instanceof Payout p) return payout(p);
        if (value instanceof SlashOutcome s) return slash(s);
        if (value instanceof EpochSummaryMessage m) return summary(m);
        if (value instanceof RewardRoot r) return root(r);
        if (value instanceof RewardProof p) return proof(p);
        return String.valueOf(value);
    }

    /** A network-wide command is answered once per partition: tail tells the copies apart. */
    private static String partition(LedgerEvent e) {
        return io.stakestream.ledger.Keys.NETWORK.equals(e.getPoolId()) && e.getPartition() != null ? " [partition " + e.getPartition() + "]" : "";
    }

    private static String bps(int bps) {
        return BigDecimal.valueOf(bps).movePointLeft(2).stripTrailingZeros().toPlainString() + "%";
    }
}
