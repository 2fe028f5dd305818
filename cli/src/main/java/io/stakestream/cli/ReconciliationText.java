package io.stakestream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** The reconciliation JSON of the REST API as lines a person reads: one identity per asset. */
public final class ReconciliationText {

    private ReconciliationText() {
    }

    public static void print(JsonNode books, PrintStream out) {
        out.println("custody reconciliation over partitions " + books.path("partitions"));
        books.path("assets").fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            StringBuilder held = new StringBuilder();
            a.path("held").fields().forEachRemaining(h -> held.append(held.length() == 0 ? "" : " + ").append(h.getKey()).append(' ')
                    .append(h.getValue().asText()));
            out.printf("  %-5s deposited %s = held %s (%s) + paid out %s settled + %s unsettled: %s%n", e.getKey(),
                    a.path("deposited").asText(), a.path("heldTotal").asText(), held, a.path("paidOut").path("settled").asText(),
                    a.path("paidOut").path("unsettled").asText(),
                    a.path("balanced").asBoolean() ? "balanced" : "OFF BY " + a.path("difference").asText());
        });
        out.println("balanced: " + books.path("balanced").asBoolean());
    }
}
