package org.openliveness.devkit.evaluation;

/**
 * Presentation-attack detection rates in ISO/IEC 30107-3 terms at one threshold, for a score where
 * higher means more likely bona fide and a presentation is accepted as bona fide when its score is
 * at least the threshold. Bona fide presentations are the positives of a {@link Scores}, attacks
 * the negatives.
 *
 * @param threshold the score threshold
 * @param apcer     attack presentation classification error rate: fraction of attacks accepted
 * @param bpcer     bona fide presentation classification error rate: fraction of bona fide rejected
 */
public record PadRates(double threshold, double apcer, double bpcer) {

    /** Average classification error rate, {@code (APCER + BPCER) / 2}. */
    public double acer() {
        return (apcer + bpcer) / 2;
    }

    /** The rates at {@code threshold}. */
    public static PadRates at(Scores bonaFideVsAttack, double threshold) {
        OperatingPoint op = bonaFideVsAttack.at(threshold);
        return new PadRates(threshold, op.falseAcceptRate(), op.falseRejectRate());
    }

    /**
     * The rates at the lowest threshold whose APCER is at most {@code maxApcer} (the BPCER at that
     * APCER, e.g. BPCER20 for 5%). Tied attack scores are never split (see
     * {@link Scores#thresholdAtFalseAcceptRate}), so the APCER reached may be below the target.
     */
    public static PadRates atApcer(Scores bonaFideVsAttack, double maxApcer) {
        return at(bonaFideVsAttack, bonaFideVsAttack.thresholdAtFalseAcceptRate(maxApcer));
    }
}
