package io.stakestream.rewards.emission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.EmissionForm;
import io.stakestream.avro.EmissionSchedule;
import io.stakestream.avro.EmissionStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Emission schedules as JSON files: the same fields as {@link EmissionSchedule}, amounts as decimal
 * strings of base units (exact, and readable where Avro's JSON would show decimal bytes).
 * <pre>
 * {"form": "SUPER_EPOCHS", "firstEpoch": 1, "superEpochLength": 300, "superEpochTotals": ["500000000000000000", ...]}
 * {"form": "TABLE", "table": [{"fromEpoch": 0, "tokensPerEpoch": "1000"}, {"fromEpoch": 100, "tokensPerEpoch": "500"}]}
 * {"form": "DECAY", "firstEpoch": 0, "decayInitial": "1000", "decayKeepPpm": 900000}
 * </pre>
 */
public final class EmissionFiles {
    /** Inference.net's schedule, the default of every network: {@code reward-builder/src/main/resources/emission/inference-net.json}. */
    public static final String INFERENCE_NET = "/emission/inference-net.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmissionFiles() {}

    public static EmissionSchedule inferenceNet() {
        try (InputStream in = EmissionFiles.class.getResourceAsStream(INFERENCE_NET)) {
            if (in == null) throw new IllegalStateException(INFERENCE_NET + " is missing from the reward-builder jar");
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EmissionSchedule read(Path file) throws IOException {
        try {
            return parse(JSON.readTree(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static EmissionSchedule parse(JsonNode n) {
        if (!n.hasNonNull("form")) throw new IllegalArgumentException("an emission schedule needs \"form\": SUPER_EPOCHS, TABLE or DECAY");
        EmissionForm form;
        try {
            form = EmissionForm.valueOf(n.get("form").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"form\" is SUPER_EPOCHS, TABLE or DECAY, not " + n.get("form"));
        }
        List<BigDecimal> totals = new ArrayList<>();
        n.path("superEpochTotals").forEach(t -> totals.add(amount(t, "superEpochTotals")));
        List<EmissionStep> table = new ArrayList<>();
        n.path("table").forEach(step -> table.add(new EmissionStep(step.path("fromEpoch").asLong(),
                amount(step.path("tokensPerEpoch"), "tokensPerEpoch"))));
        EmissionSchedule s = EmissionSchedule.newBuilder().setForm(form)
                .setFirstEpoch(n.path("firstEpoch").asLong(0))
                .setSuperEpochLength(n.path("superEpochLength").asLong(0))
                .setSuperEpochTotals(totals).setTable(table)
                .setDecayInitial(n.hasNonNull("decayInitial") ? amount(n.get("decayInitial"), "decayInitial") : null)
                .setDecayKeepPpm(n.path("decayKeepPpm").asInt(0))
                .build();
        Emission.check(s);
        return s;
    }

    private static BigDecimal amount(JsonNode v, String what) {
        try {
            return new BigDecimal(new BigInteger(v.asText()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number of base units as a string, got " + v);
        }
    }
}
