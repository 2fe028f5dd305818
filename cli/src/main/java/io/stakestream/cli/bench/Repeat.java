package io.stakestream.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a measurement after warm-ups, several times, and keeps every timed value: a JVM reaches its
 * steady speed only after the JIT has compiled the hot paths, so a single cold run reports about
 * half the real rate (KAFKA-NOTES.md).
 */
record Repeat(int warmups, int repetitions, Consumer<String> progress) {

    Repeat {
        if (repetitions < 1) throw new IllegalArgumentException("--reps must be at least 1");
        if (warmups < 0) throw new IllegalArgumentException("--warmups must not be negative");
    }

    /** A measurement that gives one value per run (a rate, a time). */
    interface Run {
        double once() throws Exception;
    }

    /** A measurement that gives several values per run (p50, p99, max of one run). */
    interface Runs {
        double[] once() throws Exception;
    }

    /** One figure per value of {@code runs}, keyed and titled in the same order. */
    List<Figure> figures(List<String> keys, List<String> titles, String unit, Runs runs) throws Exception {
        for (int i = 0; i < warmups; i++) {
            double[] v = runs.once();
            progress.accept(String.format("%s ...: warm-up %d: %s %s", keys.get(0), i + 1, java.util.Arrays.toString(v), unit));
        }
        List<List<Double>> samples = new ArrayList<>();
        keys.forEach(k -> samples.add(new ArrayList<>()));
        for (int i = 0; i < repetitions; i++) {
            double[] v = runs.once();
            for (int k = 0; k < keys.size(); k++) samples.get(k).add(v[k]);
            progress.accept(String.format("%s ...: repetition %d: %s %s", keys.get(0), i + 1, java.util.Arrays.toString(v), unit));
        }
        List<Figure> out = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) out.add(new Figure(keys.get(k), titles.get(k), unit, samples.get(k), null));
        return out;
    }

    /**
     * Several figures taken in turn within each repetition (A, B, C, A, B, C, ...) after each one's
     * warm-ups: on a shared machine a load that comes and goes falls on all of them alike, so their
     * ratio holds where figures taken one after the other would not.
     */
    List<Figure> interleaved(List<String> keys, List<String> titles, String unit, List<Run> runs) throws Exception {
        for (int i = 0; i < warmups; i++) {
            for (int r = 0; r < runs.size(); r++) {
                progress.accept(String.format("%s: warm-up %d: %,.1f %s", keys.get(r), i + 1, runs.get(r).once(), unit));
            }
        }
        List<List<Double>> samples = new ArrayList<>();
        runs.forEach(r -> samples.add(new ArrayList<>()));
        for (int i = 0; i < repetitions; i++) {
            for (int r = 0; r < runs.size(); r++) {
                double v = runs.get(r).once();
                samples.get(r).add(v);
                progress.accept(String.format("%s: repetition %d: %,.1f %s", keys.get(r), i + 1, v, unit));
            }
        }
        List<Figure> out = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) out.add(new Figure(keys.get(r), titles.get(r), unit, samples.get(r), null));
        return out;
    }

    Figure figure(String key, String title, String unit, Run run) throws Exception {
        for (int i = 0; i < warmups; i++) {
            double v = run.once();
            progress.accept(String.format("%s: warm-up %d: %,.1f %s", key, i + 1, v, unit));
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            double v = run.once();
            samples.add(v);
            progress.accept(String.format("%s: repetition %d: %,.1f %s", key, i + 1, v, unit));
        }
        return new Figure(key, title, unit, samples, null);
    }
}
