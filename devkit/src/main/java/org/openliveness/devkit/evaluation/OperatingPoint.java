package org.openliveness.devkit.evaluation;

/**
 * One threshold of a binary decision (accept when score ≥ threshold) and its rates.
 *
 * @param threshold       the score threshold
 * @param trueAcceptRate  fraction of positives accepted (TAR; 1 − BPCER for liveness, 1 − FRR)
 * @param falseAcceptRate fraction of negatives accepted (FAR; APCER for liveness)
 */
public record OperatingPoint(double threshold, double trueAcceptRate, double falseAcceptRate) {

    /** Fraction of positives rejected. */
    public double falseRejectRate() {
        return 1 - trueAcceptRate;
    }
}
