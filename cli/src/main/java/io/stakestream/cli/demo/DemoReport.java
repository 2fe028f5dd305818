package io.stakestream.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.cli.Units;
import io.stakestream.cli.format.ReconciliationText;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Pool;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.serde.TopicSerdes;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the demo read back from the pipeline: pools and positions from the REST API, payouts,
 * slashes and rejections from their topics (read_committed), the last pool state each event
 * carried, and the ledger's own input counters. Nothing here is computed by the demo itself
 * except presentation (a price is T / S).
 */
public record DemoReport(List<PoolRow> pools, List<PositionRow> positions, List<Payout> payouts, List<SlashOutcome> slashes,
                         List<Rejection> rejections, long events, long written, long consumed, long accepted, long rejected,
                         long millis, Map<String, String> names, List<String> rewardEpochs, JsonNode reconciliation) {

    public record PoolRow(String poolId, String status, boolean halted, Integer tier, BigInteger totalStake, BigInteger totalShares,
                          int tokenCommissionBps, int usdcCommissionBps, boolean autoStake, String cap, BigInteger usdcIndex,
                          BigInteger tokenCommission, BigInteger usdcCommission, BigInteger tokensIn, BigInteger tokensPaidOut,
                          BigInteger tokensSlashed, boolean tokensBalance, boolean usdcBalance) {
    }

    public record PositionRow(String owner, String poolId, BigInteger shares, BigInteger value, BigInteger pendingValue,
                              int pendingCount, BigInteger usdcOwed) {
    }

    static DemoReport collect(EmbeddedStack stack, PoolLedgerApp app, Rest rest, DemoNetwork network, long written,
                              Map<String, Integer> tiers, long millis) throws Exception {
        long rejected = app.metrics().rejectedCount();
        List<Rejection> rejections = values(stack, stack.serdes().rejections(), r -> r.size() >= rejected);
        List<Payout> payouts = values(stack, stack.serdes().payouts(), r -> true);
        List<SlashOutcome> slashes = values(stack, stack.serdes().slashes(), r -> true);
        List<LedgerEvent> events = values(stack, stack.serdes().events(), r -> true);
        Map<String, PoolState> lastState = new LinkedHashMap<>();
        for (LedgerEvent e : events) {
            if (e.getPool() != null) {
                lastState.put(e.getPoolId(), e.getPool());
            }
        }
        List<PoolRow> pools = new ArrayList<>();
        for (JsonNode p : rest.pools()) {
            String id = p.path("poolId").asText();
            Pool state = lastState.containsKey(id) ? Pool.wrap(lastState.get(id)) : null;
            pools.add(new PoolRow(id, p.path("status").asText(), p.path("halted").asBoolean(), tiers.get(id),
                    big(p, "totalStake"), big(p, "totalShares"), p.path("tokenCommissionBps").asInt(), p.path("usdcCommissionBps").asInt(),
                    p.path("autoStakeCommission").asBoolean(), p.path("delegationCap").isNull() ? null : p.path("delegationCap").asText(),
                    big(p, "usdcIndex"), big(p, "tokenCommission"), big(p, "usdcCommission"), big(p, "tokensIn"), big(p, "tokensPaidOut"),
                    big(p, "tokensSlashed"), state != null && state.tokensBalance(), state != null && state.usdcBalances()));
        }
        List<PositionRow> positions = new ArrayList<>();
        List<Party> owners = new ArrayList<>(network.operators.values());
        owners.addAll(network.delegators.values());
        for (Party owner : owners) {
            for (JsonNode p : rest.accountPositions(owner.hex())) {
                positions.add(new PositionRow(owner.name(), p.path("poolId").asText(), big(p, "shares"), big(p, "value"),
                        big(p, "pendingValue"), p.path("pending").size(), big(p, "usdcOwedTotal")));
            }
        }
        return new DemoReport(pools, positions, payouts, slashes, rejections, events.size(), written, app.metrics().consumedCount(),
                app.metrics().acceptedCount(), rejected, millis, network.names(), List.copyOf(network.epochLines), rest.get("/reconciliation"));
    }

    private static <V> List<V> values(EmbeddedStack stack, TopicSerdes<String, V> topic,
                                      java.util.function.Predicate<List<ConsumerRecord<String, V>>> enough) {
        try (CommittedReader<V> reader = new CommittedReader<>(stack.bootstrapServers(), topic)) {
            List<ConsumerRecord<String, V>> read = new ArrayList<>(reader.readUntil(enough, Duration.ofSeconds(30)));
            read.addAll(reader.readToEnd(Duration.ofSeconds(30)));
            return read.stream().map(ConsumerRecord::value).toList();
        }
    }

    private static BigInteger big(JsonNode node, String field) {
        String v = node.path(field).asText("0");
        return v.isEmpty() || v.equals("null") ? BigInteger.ZERO : new BigInteger(v);
    }

    public Map<RejectReason, Long> rejectionsByReason() {
        Map<RejectReason, Long> out = new TreeMap<>();
        rejections.forEach(r -> out.merge(r.getReason(), 1L, Long::sum));
        return out;
    }

    public void print(PrintStream out) {
        Function<Object, String> who = a -> {
            String id = a instanceof java.nio.ByteBuffer b ? Hex.encode(b.duplicate()) : String.valueOf(a);
            if (id.chars().allMatch(c -> c == '0')) return "burn address"; // 0x00…00: burned tokens leave like any payout
            return names.getOrDefault(id, id.length() > 12 ? id.substring(0, 12) + "…" : id);
        };
        out.println();
        out.println("== pools (REST /pools; tier from the last epoch summary; balance = the ledger's token identity on its last state) ==");
        out.printf("%-12s %-11s %4s %14s %14s %10s %9s %10s %16s %13s %11s %s%n", "pool", "status", "tier", "stake T", "shares S",
                "price T/S", "comm tok", "comm USDC", "USDC/share idx", "commission", "USDC comm", "tokens balance");
        for (PoolRow p : pools) {
            out.printf("%-12s %-11s %4s %14s %14s %10s %8.1f%% %9.1f%% %16s %13s %11s %s%n", p.poolId(), p.status() + (p.halted() ? "/H" : ""),
                    p.tier() == null ? "-" : p.tier(), Units.tokens(p.totalStake()), Units.tokens(p.totalShares()), price(p),
                    p.tokenCommissionBps() / 100.0, p.usdcCommissionBps() / 100.0, usdcPerShare(p.usdcIndex()),
                    Units.tokens(p.tokenCommission()), Units.usdc(p.usdcCommission()), p.tokensBalance() ? "ok" : "BROKEN");
        }
        pools.stream().filter(p -> p.cap() != null || p.autoStake()).forEach(p -> out.println("  " + p.poolId() + ": "
                + (p.cap() != null ? "delegation capped at " + Units.tokens(new BigInteger(p.cap())) + " tokens" : "")
                + (p.autoStake() ? "commission auto-staked into the operator's record" : "")));
        out.println();
        out.println("== positions (REST /accounts/{account}/positions) ==");
        out.printf("%-22s %-12s %14s %14s %9s %12s%n", "owner", "pool", "value", "pending", "#pending", "USDC owed");
        for (PositionRow p : positions) {
            out.printf("%-22s %-12s %14s %14s %9d %12s%n", p.owner(), p.poolId(), Units.tokens(p.value()), Units.tokens(p.pendingValue()),
                    p.pendingCount(), Units.usdc(p.usdcOwed()));
        }
        out.println();
        out.println("== payouts (stakestream.payouts) ==");
        for (Payout p : payouts) {
            String amount = p.getAsset() == io.stakestream.avro.Asset.TOKEN ? Units.tokens(p.getAmount()) + " tokens" : Units.usdc(p.getAmount()) + " USDC";
            out.printf("  %-16s %-22s %-12s %s%n", p.getKind(), who.apply(p.getAccount()), p.getPoolId(), amount);
        }
        out.println();
        out.println("== slashes (stakestream.slashes) ==");
        for (SlashOutcome s : slashes) {
            out.printf("  %s on %s: %s, %s, %.1f%% -> %s tokens slashed (active %s, pending %s, commission %s)%n", s.getSlashId(), s.getPoolId(),
                    s.getReason(), s.getPolicy(), s.getFractionPpm() / 10_000.0, Units.tokens(s.getAmount()), Units.tokens(s.getFromActive()),
                    Units.tokens(s.getFromPending()), Units.tokens(s.getFromCommission()));
            out.printf("    split: burned %s, redistributed next epoch %s, returned to delegators %s, treasury %s; USDC confiscated %s;"
                            + " operator shares burned %s; pool %s%n", Units.tokens(s.getBurned()), Units.tokens(s.getRedistributed()),
                    Units.tokens(s.getReturnedToDelegators()), Units.tokens(s.getTreasury()), Units.usdc(s.getUsdcConfiscated()),
                    Units.tokens(s.getOperatorSharesBurned()), s.getPoolDeactivated() ? "DEACTIVATED" : "still active");
        }
        out.println();
        out.println("== rejections by reason (stakestream.rejections) ==");
        Map<RejectReason, Rejection> example = new LinkedHashMap<>();
        rejections.forEach(r -> example.putIfAbsent(r.getReason(), r));
        rejectionsByReason().forEach((reason, n) -> {
            Rejection r = example.get(reason);
            String msg = r.getMessage().length() > 110 ? r.getMessage().substring(0, 110) + "…" : r.getMessage();
            out.printf("  %-24s %3d  e.g. %s%s: %s%n", reason, n, r.getCommand() == null ? "raw record" : r.getCommand(),
                    r.getActor() == null ? "" : " by " + who.apply(r.getActor()), msg);
        });
        out.println();
        out.println("== reward roots (reward-builder: stakestream.reward-roots, proofs on stakestream.reward-proofs, OpenZeppelin standard-v1 dumps) ==");
        rewardEpochs.forEach(line -> out.println("  " + line));
        out.println();
        out.println("== custody (REST /reconciliation): every token and USDC came in through a deposit ==");
        ReconciliationText.print(reconciliation, out);
        out.println();
        out.printf("== counts: %d records written, %d consumed = %d accepted + %d rejected (%s); %d events; %.1f s ==%n", written, consumed,
                accepted, rejected, accepted + rejected == consumed ? "every input accounted for" : "MISMATCH", events, millis / 1000.0);
    }

    private static String price(PoolRow p) {
        if (p.totalShares().signum() == 0) {
            return "-";
        }
        return new BigDecimal(p.totalStake()).divide(new BigDecimal(p.totalShares()), 6, RoundingMode.DOWN).toPlainString();
    }

    /** The index is USDC base units per share base unit, scaled by 1e36; shown as USDC per whole share. */
    private static String usdcPerShare(BigInteger index) {
        return new BigDecimal(index).movePointLeft(36 - 18 + Units.USDC_DECIMALS).setScale(6, RoundingMode.DOWN).toPlainString();
    }
}
