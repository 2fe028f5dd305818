package io.stakestream.cli.bench;

/**
 * One figure as a ratio to a baseline measured in the same run (the machine is shared and noisy:
 * only side-by-side numbers compare). {@code target} is the bound on the ratio (NaN: none),
 * an upper bound when {@code atMost}, else a lower bound.
 */
record Comparison(String title, String figure, String baseline, double ratio, double target, boolean atMost) {

    static Comparison of(String title, Figure figure, Figure baseline, double target, boolean atMost) {
        return new Comparison(title, figure.key(), baseline.key(), figure.median() / baseline.median(), target, atMost);
    }

    boolean hasTarget() {
        return !Double.isNaN(target);
    }

    boolean met() {
        return !hasTarget() || (atMost ? ratio <= target : ratio >= target);
    }

    String targetText() {
        return hasTarget() ? (atMost ? "<= " : ">= ") + target : "";
    }
}
