package org.openliveness.devkit.evaluation;

import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.verdict.VerdictThresholds;

/**
 * A binary task read off the labels of a {@link LabelledFolder}: which labels are positive,
 * which negative, the measurement that ranks faces (higher = more positive; for the ROC curve and
 * AUC), and the verdict's rule for the operating point.
 *
 * <p>The ranking score and the rule's value measure the same thing but need not be equal: mouth
 * tasks rank by the unclamped inner-lip ratio (the clamped openness ties every closed mouth at 0),
 * while the verdict, and so the operating point and any suggested threshold, uses
 * {@code mouth.openness}, a monotone rescaling of that ratio clamped to 0..1. Expression tasks are
 * judged on the photo alone (there is no same-person neutral photo in these folders), like the
 * first photo of a session, so the rule is the absolute threshold without the rise over a baseline.
 *
 * @param name      stable task name, used in reports ({@code smile}, {@code mouth_open}, …)
 * @param positive  labels of the positive class
 * @param negative  labels of the negative class
 * @param measure   what the ranking score is, for reports
 * @param score     the ranking score of one face
 * @param rule      the verdict's decision on the measure
 */
public record LabelTask(String name, Set<String> positive, Set<String> negative, String measure,
                        ToDoubleFunction<FaceAnalysis> score, DecisionRule rule) {

    /** {@code smile ≥ smileMin}. */
    public static final DecisionRule SMILE_RULE = new DecisionRule("smileMin", "smile", FaceAnalysis::smile, false,
            VerdictThresholds::smileMin);
    /** {@code mouth.openness ≥ mouthMinOpenness}. */
    public static final DecisionRule MOUTH_RULE = new DecisionRule("mouthMinOpenness", "mouth.openness",
            FaceAnalysis::mouthOpenness, false, VerdictThresholds::mouthMinOpenness);
    /** {@code max(eyes.left, eyes.right) ≤ blinkMaxOpenness}: both eyes closed, as the verdict's BLINK check. */
    public static final DecisionRule EYES_RULE = new DecisionRule("blinkMaxOpenness", "openness of the more open eye",
            f -> Math.max(f.eyes().left(), f.eyes().right()), true, VerdictThresholds::blinkMaxOpenness);

    /** Smiling vs neutral faces, scored by the smile score. */
    public static final LabelTask SMILE = new LabelTask("smile", Set.of("smile"), Set.of("neutral"),
            "smile", FaceAnalysis::smile, SMILE_RULE);

    /**
     * Open vs closed mouths, ranked by the inner-lip aspect ratio behind mouth openness (the
     * same order as {@code mouth.openness}, without its clamping to 0..1, which would tie
     * every closed mouth at 0); decided by openness.
     */
    public static final LabelTask MOUTH_OPEN = new LabelTask("mouth_open", Set.of("mouth_open"),
            Set.of("mouth_closed"), "mouth.ratio", FaceAnalysis::mouthRatio, MOUTH_RULE);

    /** Surprised (mouth usually open) vs neutral faces, scored like {@link #MOUTH_OPEN}. */
    public static final LabelTask SURPRISED = new LabelTask("surprised_mouth", Set.of("surprised"),
            Set.of("neutral"), "mouth.ratio", FaceAnalysis::mouthRatio, MOUTH_RULE);

    /**
     * Closed vs open eyes, ranked by minus the aspect ratio of the more open eye (the unclamped
     * measure behind the openness the BLINK check uses); decided by that openness.
     */
    public static final LabelTask EYES_CLOSED = new LabelTask("eyes_closed", Set.of("closed"), Set.of("open"),
            "-max(eyes.leftRatio, eyes.rightRatio)", f -> -Math.max(f.eyes().leftRatio(), f.eyes().rightRatio()),
            EYES_RULE);

    /** Every task the evaluation knows, in report order. */
    public static final List<LabelTask> ALL = List.of(SMILE, MOUTH_OPEN, SURPRISED, EYES_CLOSED);

    /** Whether a folder with these labels supports this task (both classes present). */
    public boolean appliesTo(Set<String> labels) {
        return labels.stream().anyMatch(positive::contains) && labels.stream().anyMatch(negative::contains);
    }
}
