package io.stakestream.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measured figure: the value of every timed repetition (warm-ups excluded), summarised as the
 * median with min and max. {@code unit} says what the number counts ("commands/s", "ms", ...).
 */
record Figure(String key, String title, String unit, List<Double> samples, String note) {

    Figure {
        if (samples.isEmpty()) throw new IllegalArgumentException("figure " + key + " has no samples");
        samples = List.copyOf(samples);
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(samples.size() - 1);
    }

    Figure withNote(String n) {
        return new Figure(key, title, unit, samples, n);
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        return s;
    }
}
