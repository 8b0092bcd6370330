package org.openliveness.devkit.evaluation;

import java.util.Arrays;

/**
 * Scores of a binary task, split by ground truth. Higher scores mean "more positive" (more
 * alive, more similar, more smiling). A sample the system could not score (no face, bad
 * file) is entered as {@link Double#NEGATIVE_INFINITY}: it is never accepted, so it counts
 * as a rejection of a positive and a correct rejection of a negative — never dropped.
 *
 * @param positives scores of samples whose label is the positive class, any order
 * @param negatives scores of samples whose label is the negative class, any order
 */
public record Scores(double[] positives, double[] negatives) {

    public Scores {
        positives = sorted(positives);
        negatives = sorted(negatives);
        if (positives.length == 0 || negatives.length == 0) {
            throw new IllegalArgumentException("need at least one positive and one negative score, got "
                    + positives.length + " and " + negatives.length);
        }
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        for (double v : copy) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("scores must be finite or -Infinity, got " + v);
            }
        }
        Arrays.sort(copy);
        return copy;
    }

    /** Number of samples. */
    public int size() {
        return positives.length + negatives.length;
    }

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random
     * negative, ties counting one half (the Mann–Whitney statistic).
     */
    public double auc() {
        double wins = 0;
        for (double p : positives) {
            int below = lowerBound(negatives, p);
            int notAbove = upperBound(negatives, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) positives.length * negatives.length);
    }

    /** Fraction of positives accepted (score ≥ threshold): the true-accept rate. */
    public double acceptRateOfPositives(double threshold) {
        return (positives.length - lowerBound(positives, threshold)) / (double) positives.length;
    }

    /** Fraction of negatives accepted (score ≥ threshold): the false-accept rate. */
    public double acceptRateOfNegatives(double threshold) {
        return (negatives.length - lowerBound(negatives, threshold)) / (double) negatives.length;
    }

    /**
     * The lowest threshold (accept when score ≥ threshold) at which at most {@code maxFalseAccept}
     * of the negatives are accepted. Ties are never split: when several negatives share a score,
     * either all are accepted or none.
     */
    public double thresholdAtFalseAcceptRate(double maxFalseAccept) {
        if (!(maxFalseAccept >= 0 && maxFalseAccept <= 1)) {
            throw new IllegalArgumentException("rate must lie in 0..1, got " + maxFalseAccept);
        }
        int allowed = (int) Math.floor(maxFalseAccept * negatives.length + 1e-9);
        if (allowed >= negatives.length) {
            return Double.NEGATIVE_INFINITY;
        }
        // Accept only scores above the (allowed+1)-th highest negative.
        double boundary = negatives[negatives.length - 1 - allowed];
        return Math.nextUp(boundary);
    }

    /** True-accept rate at the threshold of {@link #thresholdAtFalseAcceptRate}. */
    public OperatingPoint atFalseAcceptRate(double maxFalseAccept) {
        double t = thresholdAtFalseAcceptRate(maxFalseAccept);
        return new OperatingPoint(t, acceptRateOfPositives(t), acceptRateOfNegatives(t));
    }

    /** The operating point at a given threshold. */
    public OperatingPoint at(double threshold) {
        return new OperatingPoint(threshold, acceptRateOfPositives(threshold), acceptRateOfNegatives(threshold));
    }

    /**
     * Equal error rate: over all thresholds at the observed scores, the point where the
     * false-reject rate of positives and the false-accept rate of negatives are closest; the
     * EER is their mean there.
     */
    public OperatingPoint equalErrorRate() {
        OperatingPoint best = null;
        double bestGap = Double.POSITIVE_INFINITY;
        for (double t : candidateThresholds()) {
            OperatingPoint op = at(t);
            double gap = Math.abs((1 - op.trueAcceptRate()) - op.falseAcceptRate());
            if (gap < bestGap) {
                bestGap = gap;
                best = op;
            }
        }
        return best;
    }

    /** ROC curve points, one per distinct threshold, from accept-all to reject-all. */
    public OperatingPoint[] roc() {
        double[] ts = candidateThresholds();
        OperatingPoint[] points = new OperatingPoint[ts.length];
        for (int i = 0; i < ts.length; i++) {
            points[i] = at(ts[i]);
        }
        return points;
    }

    private double[] candidateThresholds() {
        double[] all = new double[size() + 1];
        System.arraycopy(positives, 0, all, 0, positives.length);
        System.arraycopy(negatives, 0, all, positives.length, negatives.length);
        all[size()] = Double.POSITIVE_INFINITY;
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
