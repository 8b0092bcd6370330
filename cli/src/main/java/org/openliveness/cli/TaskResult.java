package org.openliveness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openliveness.devkit.evaluation.Scores;

/**
 * One (dataset, task) as {@code evaluate} measured it: the figures for {@code metrics.json}, what the
 * report draws, and the scores threshold suggestions are made from.
 *
 * @param dataset      the folder's name
 * @param madeUp       whether the folder declares its photos made up
 * @param task         the task's name
 * @param kind         {@code expression}, {@code challenge}, {@code attack}, {@code bonafide} or {@code identity}
 * @param ranking      scores ranking the samples, higher = more positive (ROC, DET, AUC); null for a
 *                     task with one class only ({@code bonafide})
 * @param rankingLabel what the ranking score is
 * @param histogram    the values compared with the configured threshold, for the histogram
 * @param markerFar    false-accept rate at the configured threshold (NaN when there is none)
 * @param markerTar    true-accept rate at the configured threshold (NaN when there is none)
 * @param suggestionInput what threshold suggestions use, or {@code null}
 * @param json         the entry of {@code metrics.json}
 */
record TaskResult(String dataset, boolean madeUp, String task, String kind, Scores ranking, String rankingLabel,
                  Histogram histogram, double markerFar, double markerTar, SuggestionInput suggestionInput, ObjectNode json) {

    /**
     * Values of the measure the verdict thresholds, by class; photos without a value (not
     * analysed) are counted apart.
     *
     * @param positives  values of the positive class
     * @param negatives  values of the negative class
     * @param failedPositives positives without a value
     * @param failedNegatives negatives without a value
     * @param threshold  the configured threshold, NaN when there is none
     * @param label      the measure, with its unit
     * @param positiveName name of the positive class
     * @param negativeName name of the negative class
     */
    record Histogram(double[] positives, double[] negatives, int failedPositives, int failedNegatives, double threshold,
                     String label, String positiveName, String negativeName) {}

    /**
     * Scores for threshold suggestions: the decision measure oriented so that higher = accepted
     * (minus the value for an at-most rule), with unanalysed samples at {@code -Infinity}.
     *
     * @param source    which suggestions may use them ({@code smileMin}, {@code identity}, …)
     * @param positives the oriented scores of the positives as the suggestion's target defines them
     * @param negatives those of the negatives; empty for a folder of positives only (bona fide photos)
     */
    record SuggestionInput(String source, double[] positives, double[] negatives) {

        SuggestionInput(String source, Scores scores) {
            this(source, scores.positives(), scores.negatives());
        }
    }
}
