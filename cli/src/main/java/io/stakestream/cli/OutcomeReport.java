package io.stakestream.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.Rejection;
import io.stakestream.cli.format.Hints;
import io.stakestream.cli.format.HumanJson;
import io.stakestream.cli.format.Lines;
import io.stakestream.ledger.Pool;
import io.stakestream.protocol.clients.OutcomeWaiter.Outcome;
import java.util.List;
import java.util.Map;

/** Prints what the ledger made of submitted inputs: accepted with the new state, or refused with the reason and what to do. */
public final class OutcomeReport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Console console;
    private final OutputOptions output;
    private final Lines lines;
    private final HumanJson json;

    public OutcomeReport(Console console, OutputOptions output) {
        this.console = console;
        this.output = output;
        this.lines = new Lines(output.baseUnits());
        this.json = new HumanJson(output.baseUnits());
    }

    /** @return {@link ExitCode#OK} when every outcome is an acceptance, else {@link ExitCode#REFUSED} */
    public int print(Map<String, Outcome> outcomes) {
        boolean accepted = outcomes.values().stream().allMatch(Outcome::accepted);
        if (output.json()) {
            ArrayNode all = NODES.arrayNode();
            outcomes.values().forEach(o -> all.add(json(o)));
            if (all.size() == 1) {
                console.out().println(all.get(0));
            } else {
                ObjectNode wrapper = NODES.objectNode().put("status", accepted ? "accepted" : "refused");
                outcomes.values().stream().flatMap(o -> o.rejections().stream()).findFirst().ifPresent(r -> wrapper
                        .put("reason", r.getReason().name()).put("message", r.getMessage()).put("hint", Hints.forReason(r.getReason())));
                wrapper.set("outcomes", all);
                console.out().println(wrapper);
            }
        } else {
            outcomes.values().forEach(this::text);
        }
        return accepted ? ExitCode.OK : ExitCode.REFUSED;
    }

    /** --no-wait: what was written, nothing about its fate. */
    public int sent(List<String> ids, String what) {
        if (output.json()) {
            ArrayNode a = NODES.arrayNode();
            ids.forEach(a::add);
            console.out().println(NODES.objectNode().put("status", "sent").put("what", what).set("commandIds", a));
        } else {
            console.out().println("sent " + what + " (command id " + String.join(", ", ids) + "); not waiting: follow it with"
                    + " stakestream tail events / tail rejections");
        }
        return ExitCode.OK;
    }

    private void text(Outcome o) {
        for (Rejection r : o.rejections()) {
            console.out().println(lines.rejection(r));
            console.out().println("  what to do: " + Hints.forReason(r.getReason()));
        }
        if (o.rejections().isEmpty()) {
            long partitions = o.events().stream().map(LedgerEvent::getPartition).filter(java.util.Objects::nonNull).distinct().count();
            LedgerEvent first = o.events().get(0);
            console.out().println(lines.event(first) + (partitions > 1 ? " (on all " + partitions + " partitions)" : ""));
            o.events().stream().skip(1).filter(e -> e.getPool() != null || e.getPosition() != null)
                    .forEach(e -> console.out().println("  " + lines.event(e)));
        }
        LedgerEvent last = lastState(o);
        if (last != null && last.getPool() != null) {
            console.out().println("  " + lines.pool(last.getPool()));
            if (last.getPosition() != null) {
                console.out().println("  " + lines.position(last.getPosition(), last.getPool()));
            }
        }
        o.payouts().forEach(p -> console.out().println("  " + lines.payout(p)));
    }

    private ObjectNode json(Outcome o) {
        ObjectNode out = NODES.objectNode();
        out.put("status", o.accepted() ? "accepted" : "refused");
        out.put("commandId", o.commandId());
        if (!o.rejections().isEmpty()) {
            Rejection r = o.rejections().get(0);
            out.put("command", r.getCommand()).put("poolId", r.getPoolId()).put("reason", r.getReason().name())
                    .put("message", r.getMessage()).put("hint", Hints.forReason(r.getReason()));
        } else if (!o.events().isEmpty()) {
            out.put("command", o.events().get(0).getCommand()).put("poolId", o.events().get(0).getPoolId());
        }
        ArrayNode events = out.putArray("events");
        o.events().forEach(e -> events.add(json.record(e)));
        ArrayNode rejections = out.putArray("rejections");
        o.rejections().forEach(r -> rejections.add(json.record(r)));
        ArrayNode payouts = out.putArray("payouts");
        for (Payout p : o.payouts()) {
            payouts.add(json.record(p));
        }
        LedgerEvent last = lastState(o);
        if (last != null && last.getPool() != null) {
            out.set("pool", json.record(last.getPool()));
            if (last.getPosition() != null) {
                out.set("position", position(last.getPosition(), last.getPool()));
            }
        }
        return out;
    }

    /** A position as the query API shows it: with its value at today's price and the USDC it is owed. */
    private ObjectNode position(PositionState position, PoolState poolState) {
        Pool pool = Pool.wrap(poolState);
        ObjectNode p = HumanJson.tree(position);
        p.put("value", pool.valueOf(position.getShares().toBigInteger()).toString());
        p.put("usdcOwedTotal", position.getUsdcOwed().toBigInteger().add(pool.unsettledUsdc(position)).toString());
        json.humanize(p);
        return p;
    }

    private static LedgerEvent lastState(Outcome o) {
        LedgerEvent last = null;
        for (LedgerEvent e : o.events()) {
            if (e.getPool() != null) {
                last = e;
            }
        }
        return last;
    }
}
