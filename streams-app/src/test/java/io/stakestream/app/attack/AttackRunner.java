package io.stakestream.app.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.avro.Rejection;
import io.stakestream.ledger.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;

/**
 * Runs attacks one by one, each in a world of its own, and keeps the table of what was
 * expected and what was observed. An attack passes when it yields exactly one rejection with the
 * expected reason, no event, slash, payout or summary, and leaves every table as it was except the
 * signer's nonce (a refused command uses up its nonce: the same bytes can never apply later).
 */
final class AttackRunner {

    /** One line of the table. */
    record Row(String attack, String expected, String observed, boolean stateKept) {
        boolean passed() {
            return expected.equals(observed) && stateKept;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** Runs the attack in a world of its own. */
    void run(Attack attack) {
        try (AttackWorld world = attack.world().get()) {
            runIn(world, attack);
        }
    }

    /**
     * Runs the attack in a world other attacks share: only for attacks that stage nothing, where a
     * refused attack leaves the world as it found it (and one that got through fails its own row).
     */
    void runIn(AttackWorld world, Attack attack) {
        Consumer<LedgerDriver> input = attack.stage().apply(world);
        LedgerDriver ledger = world.ledger;
        ledger.drain();
        Map<String, String> before = snapshot(ledger);
        // the attack itself is sent as is: the driver's custody credits nothing for it
        ledger.custodyFunds = false;
        try {
            input.accept(ledger);
        } finally {
            ledger.custodyFunds = true;
        }
        Row row = new Row(attack.name(), attack.expected(), observe(ledger), before.equals(snapshot(ledger)));
        synchronized (rows) {
            rows.add(row);
        }
        assertThat(row.observed()).as(attack.name()).isEqualTo(attack.expected());
        assertThat(row.stateKept()).as(attack.name() + ": state other than the signer's nonce is unchanged").isTrue();
    }

    /** The reason of the one rejection, or what came out instead. */
    private static String observe(LedgerDriver ledger) {
        List<KeyValue<String, Rejection>> rejections = ledger.rejections();
        int events = ledger.events().size();
        int slashes = ledger.slashes().size();
        int payouts = ledger.payouts().size();
        int summaries = ledger.summaries().size();
        if (rejections.size() == 1 && events + slashes + payouts + summaries == 0) {
            return rejections.get(0).value.getReason().name();
        }
        if (rejections.isEmpty()) {
            return events > 0 ? "ACCEPTED" : "NOTHING";
        }
        return rejections.size() + " rejections, " + events + " events";
    }

    private static Map<String, String> snapshot(LedgerDriver ledger) {
        Map<String, String> all = new TreeMap<>();
        for (Table<?> table : Table.ALL) {
            if (table == Table.NONCES) continue;
            try (KeyValueIterator<String, ?> it = ledger.store(table).all()) {
                it.forEachRemaining(kv -> all.put(table.name() + "/" + kv.key, String.valueOf(kv.value)));
            }
        }
        return all;
    }

    /** Logs the table (case, expected, observed) into the build output. */
    void print(Logger log, String title) {
        int width = rows.stream().mapToInt(r -> r.attack().length()).max().orElse(10);
        StringBuilder table = new StringBuilder(title).append(": ").append(rows.size()).append(" attacks, ")
                .append(rows.stream().filter(Row::passed).count()).append(" held\n");
        String format = "%-" + width + "s  %-24s  %-24s  %s%n";
        table.append(String.format(format, "attack", "expected", "observed", "state"));
        for (Row r : rows) {
            table.append(String.format(format, r.attack(), r.expected(), r.observed(), r.stateKept() ? "unchanged" : "CHANGED")
                    .replace("\n", "")).append('\n');
        }
        log.info("\n{}", table);
    }
}
