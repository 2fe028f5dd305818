package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.avro.Asset;
import io.stakestream.ledger.Reconciliation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * GET /reconciliation as JSON: per asset, deposited = held (by part) + paid out (settled and
 * unsettled), with {@code balanced} or the difference; and the partitions it covers. Instances
 * answer for their own partitions and the one asked adds them up, so this reads its own output too.
 */
final class ReconciliationView {

    private ReconciliationView() {
    }

    static ObjectNode json(Map<Asset, Reconciliation> books, SortedSet<Integer> partitions) {
        ObjectNode out = Reply.JSON.createObjectNode();
        boolean balanced = books.values().stream().allMatch(Reconciliation::balanced);
        out.put("balanced", balanced);
        ArrayNode ps = out.putArray("partitions");
        partitions.forEach(ps::add);
        ObjectNode assets = out.putObject("assets");
        books.forEach((asset, r) -> {
            ObjectNode a = assets.putObject(asset.name());
            a.put("deposited", r.deposited().toString());
            ObjectNode held = a.putObject("held");
            r.held().forEach((k, v) -> held.put(k, v.toString()));
            a.put("heldTotal", r.heldTotal().toString());
            ObjectNode paid = a.putObject("paidOut");
            paid.put("settled", r.paidSettled().toString());
            paid.put("unsettled", r.paidUnsettled().toString());
            a.put("difference", r.difference().toString());
            a.put("balanced", r.balanced());
        });
        return out;
    }

    /** Adds another instance's answer to these books; returns the partitions it covered. */
    static List<Integer> addTo(Map<Asset, Reconciliation> books, JsonNode answer) {
        for (Asset asset : Asset.values()) {
            JsonNode a = answer.path("assets").path(asset.name());
            Map<String, BigInteger> held = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> parts = a.path("held").fields();
            parts.forEachRemaining(e -> held.put(e.getKey(), new BigInteger(e.getValue().asText("0"))));
            Reconciliation r = new Reconciliation(asset, new BigInteger(a.path("deposited").asText("0")), held,
                    new BigInteger(a.path("paidOut").path("settled").asText("0")),
                    new BigInteger(a.path("paidOut").path("unsettled").asText("0")));
            books.merge(asset, r, Reconciliation::plus);
        }
        List<Integer> covered = new ArrayList<>();
        answer.path("partitions").forEach(p -> covered.add(p.asInt()));
        return covered;
    }

    static Map<Asset, Reconciliation> empty() {
        Map<Asset, Reconciliation> books = new LinkedHashMap<>();
        for (Asset a : Asset.values()) books.put(a, Reconciliation.empty(a));
        return books;
    }

    static SortedSet<Integer> partitions() {
        return new TreeSet<>();
    }
}
