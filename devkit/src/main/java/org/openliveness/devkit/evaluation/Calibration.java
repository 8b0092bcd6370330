package org.openliveness.devkit.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Proposes thresholds for a target false-accept rate on the negative class, or for a target
 * false-reject rate on the positive class (the presentation-attack check, calibrated so that bona
 * fide photos are almost never flagged).
 *
 * <p>The threshold is the lowest one at which at most the target share of negatives is accepted
 * (ties never split, see {@link Scores#thresholdAtFalseAcceptRate}), then rounded up to a number
 * of decimals, so that rounding can only lower the false-accept rate (and the true-accept rate).
 * With {@code n} negatives a rate below {@code 1/n} cannot be measured: at 0.1% and fewer than
 * 1000 negatives the threshold lies just above the highest negative and the false-accept rate
 * observed is 0; by the rule of three the true rate may still be up to {@code 3/n} (95% bound).
 */
public final class Calibration {

    private Calibration() {
    }

    /**
     * A proposed threshold and what it does on the data it came from.
     *
     * @param target    the false-accept rate aimed at
     * @param threshold the proposed threshold on the (higher = more positive) score
     * @param at        the rates at that threshold on the same data
     * @param positives number of positive samples
     * @param negatives number of negative samples
     */
    public record Suggestion(double target, double threshold, OperatingPoint at, int positives, int negatives) {

        /** Number of negatives accepted at the threshold. */
        public int falseAccepts() {
            return (int) Math.round(at.falseAcceptRate() * negatives);
        }

        /** Number of positives accepted at the threshold. */
        public int trueAccepts() {
            return (int) Math.round(at.trueAcceptRate() * positives);
        }

        /** Whether the data has enough negatives to observe one false accept at the target rate. */
        public boolean resolvable() {
            return target * negatives >= 1;
        }
    }

    /**
     * The lowest threshold, rounded up to {@code decimals} decimal places, that accepts at most
     * {@code targetFar} of the negatives.
     *
     * @throws IllegalArgumentException if the target is not in {@code [0, 1)}, or if no finite
     *                                  threshold reaches it (more than {@code 1 − targetFar} of the
     *                                  negatives are unscored)
     */
    public static Suggestion atFalseAcceptRate(Scores scores, double targetFar, int decimals) {
        if (!(targetFar >= 0 && targetFar < 1)) {
            throw new IllegalArgumentException("target rate must lie in [0, 1), got " + targetFar);
        }
        double t = scores.thresholdAtFalseAcceptRate(targetFar);
        if (!Double.isFinite(t) || t == -Double.MAX_VALUE) {
            throw new IllegalArgumentException("no finite threshold reaches a false-accept rate of " + targetFar);
        }
        double rounded = roundUp(t, decimals);
        return new Suggestion(targetFar, rounded, scores.at(rounded), scores.positives().length, scores.negatives().length);
    }

    /**
     * A threshold that rejects (score below it) at most a target share of the positives, and what it
     * does on them.
     *
     * @param target    the false-reject rate aimed at
     * @param threshold the proposed threshold: a score below it is rejected
     * @param rejected  number of positives rejected at the threshold
     * @param positives number of positives
     */
    public record RejectSuggestion(double target, double threshold, int rejected, int positives) {

        public double falseRejectRate() {
            return (double) rejected / positives;
        }

        /** Whether the data has enough positives to observe one false reject at the target rate. */
        public boolean resolvable() {
            return target * positives >= 1;
        }
    }

    /**
     * The highest threshold, rounded down to {@code decimals} decimal places, at which at most
     * {@code targetFrr} of the positives score below it (ties never split: positives sharing a score
     * are all kept or all rejected). Rounding down can only lower the false-reject rate.
     *
     * @param positives scores of the positive class; unscored ({@code -Infinity}) samples are left out
     * @throws IllegalArgumentException if the target is not in {@code [0, 1)} or no positive is scored
     */
    public static RejectSuggestion atFalseRejectRate(double[] positives, double targetFrr, int decimals) {
        if (!(targetFrr >= 0 && targetFrr < 1)) {
            throw new IllegalArgumentException("target rate must lie in [0, 1), got " + targetFrr);
        }
        double[] scored = java.util.Arrays.stream(positives).filter(Double::isFinite).sorted().toArray();
        if (scored.length == 0) {
            throw new IllegalArgumentException("no scored positive to calibrate on");
        }
        int allowed = (int) Math.floor(targetFrr * scored.length + 1e-9);
        double t = BigDecimal.valueOf(scored[Math.min(allowed, scored.length - 1)]).setScale(decimals, RoundingMode.FLOOR).doubleValue();
        int rejected = (int) java.util.Arrays.stream(scored).filter(v -> v < t).count();
        return new RejectSuggestion(targetFrr, t, rejected, scored.length);
    }

    /** The smallest multiple of {@code 10^−decimals} at or above {@code value}. */
    public static double roundUp(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.CEILING).doubleValue();
    }
}
