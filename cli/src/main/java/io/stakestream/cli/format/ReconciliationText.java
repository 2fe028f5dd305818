package io.stakestream.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.cli.Units;
import java.io.PrintStream;

/** The reconciliation JSON of the REST API as lines a person reads: one identity per asset. */
public final class ReconciliationText {

    private ReconciliationText() {
    }

    public static void print(JsonNode books, PrintStream out) {
        print(books, out, false);
    }

    /** @param baseUnits amounts as the integers the ledger keeps, else in tokens and dollars */
    public static void print(JsonNode books, PrintStream out, boolean baseUnits) {
        out.println("custody reconciliation over partitions " + books.path("partitions"));
        books.path("assets").fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            java.util.function.Function<JsonNode, String> amount = n -> {
                if (baseUnits) return n.asText();
                java.math.BigInteger v = new java.math.BigInteger(n.asText());
                return "TOKEN".equals(e.getKey()) ? Units.tokens(v) : Units.usdc(v);
            };
            StringBuilder held = new StringBuilder();
            a.path("held").fields().forEachRemaining(h -> held.append(held.length() == 0 ? "" : " + ").append(h.getKey()).append(' ')
                    .append(amount.apply(h.getValue())));
            out.printf("  %-5s deposited %s = held %s (%s) + paid out %s settled + %s unsettled: %s%n", e.getKey(),
                    amount.apply(a.path("deposited")), amount.apply(a.path("heldTotal")), held, amount.apply(a.path("paidOut").path("settled")),
                    amount.apply(a.path("paidOut").path("unsettled")),
                    a.path("balanced").asBoolean() ? "balanced" : "OFF BY " + a.path("difference").asText() + " base units");
        });
        out.println("balanced: " + books.path("balanced").asBoolean());
    }
}
