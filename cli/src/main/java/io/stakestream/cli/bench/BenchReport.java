package io.stakestream.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's figures and ratios, written as JSON (Jackson) and as the generated part of
 * BENCHMARKS.md: the text between the two markers is replaced, what is around them (the analysis)
 * is kept.
 */
final class BenchReport {
    static final String BEGIN = "<!-- bench:begin (written by stakestream bench; edit outside these markers) -->";
    static final String END = "<!-- bench:end -->";

    private final String command;
    private final Map<String, Object> machine = Machine.describe();
    private final Instant started = Instant.now();
    private final List<Figure> figures = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final Map<String, String> failures = new java.util.LinkedHashMap<>();

    BenchReport(String command) {
        this.command = command;
    }

    Figure add(Figure f) {
        figures.add(f);
        return f;
    }

    /** A figure group that could not be measured, and why: reported, never left out silently. */
    void fail(String figure, String reason) {
        failures.put(figure, reason);
    }

    void compare(Comparison c) {
        comparisons.add(c);
    }

    List<Comparison> comparisons() {
        return comparisons;
    }

    void writeJson(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("command", command);
        root.put("started", started.toString());
        root.put("finished", Instant.now().toString());
        root.set("machine", json.valueToTree(machine));
        ArrayNode fs = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode n = fs.addObject();
            n.put("key", f.key()).put("title", f.title()).put("unit", f.unit())
                    .put("median", f.median()).put("min", f.min()).put("max", f.max());
            f.samples().forEach(n.putArray("samples")::add);
            if (f.note() != null) n.put("note", f.note());
        }
        ArrayNode cs = root.putArray("comparisons");
        for (Comparison c : comparisons) {
            ObjectNode n = cs.addObject().put("title", c.title()).put("figure", c.figure()).put("baseline", c.baseline())
                    .put("ratio", c.ratio());
            if (c.hasTarget()) n.put("target", c.targetText()).put("met", c.met());
        }
        ObjectNode failed = root.putObject("failed");
        failures.forEach(failed::put);
        Files.createDirectories(file.toAbsolutePath().getParent());
        json.writeValue(file.toFile(), root);
    }

    void writeMarkdown(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String generated = markdown();
        String text;
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int b = old.indexOf(BEGIN);
            int e = old.indexOf(END);
            text = b >= 0 && e > b ? old.substring(0, b) + generated + old.substring(e + END.length())
                    : old + "\n" + generated + "\n";
        } else {
            text = "# Benchmarks\n\n" + generated + "\n";
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    String markdown() {
        StringBuilder md = new StringBuilder(BEGIN).append("\n\n");
        md.append("Measured ").append(started).append(" with\n\n```\n").append(command).append("\n```\n\n");
        md.append("| machine | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\nEach figure is the median of the timed repetitions after the warm-up(s), with min and max.\n\n");
        md.append("| figure | what | median | min | max | unit | runs |\n|---|---|---:|---:|---:|---|---:|\n");
        for (Figure f : figures) {
            md.append(String.format("| %s | %s%s | %s | %s | %s | %s | %d |%n", f.key(), f.title(),
                    f.note() == null ? "" : " (" + f.note() + ")", num(f.median()), num(f.min()), num(f.max()), f.unit(),
                    f.samples().size()));
        }
        if (!comparisons.isEmpty()) {
            md.append("\n| ratio (medians, same run) | value | target | met |\n|---|---:|---|---|\n");
            for (Comparison c : comparisons) {
                md.append(String.format("| %s (%s / %s) | %.2f | %s | %s |%n", c.title(), c.figure(), c.baseline(), c.ratio(),
                        c.targetText(), c.hasTarget() ? (c.met() ? "yes" : "**no**") : ""));
            }
        }
        if (!failures.isEmpty()) {
            md.append("\n| figure | FAILED in this run |\n|---|---|\n");
            failures.forEach((f, why) -> md.append("| ").append(f).append(" | ").append(why.replace("|", "/")).append(" |\n"));
        }
        return md.append("\n").append(END).toString();
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }
}
