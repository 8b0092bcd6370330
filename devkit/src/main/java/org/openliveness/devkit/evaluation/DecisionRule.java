package org.openliveness.devkit.evaluation;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.verdict.VerdictThresholds;

/**
 * How the verdict decides on one measured value: accept when the value reaches a threshold of
 * {@link VerdictThresholds} ({@code value ≥ threshold}), or for an "at most" rule when it stays
 * under it ({@code value ≤ threshold}, eye openness for a blink).
 *
 * <p>Metrics work on scores where higher means "more positive"; {@link #oriented} turns a value
 * into such a score (minus the value for an at-most rule) and {@link #fromOriented} turns a
 * threshold on that score back into a threshold on the value.
 *
 * @param parameter the {@link VerdictThresholds} component holding the threshold ({@code smileMin}, …)
 * @param measure   what the value is, for reports ({@code mouth.openness}, …)
 * @param value     the value of one face
 * @param atMost    whether a face is accepted when its value is at most (rather than at least) the threshold
 * @param threshold reads the threshold from a configuration
 */
public record DecisionRule(String parameter, String measure, ToDoubleFunction<FaceAnalysis> value, boolean atMost,
                           ToDoubleFunction<VerdictThresholds> threshold) {

    public DecisionRule {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(threshold, "threshold");
    }

    /** Whether {@code value} passes {@code threshold}. */
    public boolean accepts(double value, double threshold) {
        return atMost ? value <= threshold : value >= threshold;
    }

    /** The value as a score where higher means more positive. */
    public double oriented(double value) {
        return atMost ? -value : value;
    }

    /** A threshold on {@link #oriented} scores as a threshold on the value. */
    public double fromOriented(double orientedThreshold) {
        return atMost ? -orientedThreshold : orientedThreshold;
    }

    /** The rule as people read it, e.g. {@code smile ≥ 0.500}. */
    public String describe(double threshold) {
        return String.format(java.util.Locale.ROOT, "%s %s %.3f", measure, atMost ? "<=" : ">=", threshold);
    }
}
