package org.openliveness.engine.evaluation;

import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.openliveness.engine.FaceAnalysis;

/**
 * A binary task read off the labels of a {@link LabelledFolder}: which labels are positive,
 * which negative, and the measurement that scores a face (higher = more positive).
 *
 * @param name      stable task name, used in reports ({@code smile}, {@code mouth_open}, …)
 * @param positive  labels of the positive class
 * @param negative  labels of the negative class
 * @param measure   what the task scores, for reports
 * @param score     the score of one face
 */
public record LabelTask(String name, Set<String> positive, Set<String> negative, String measure,
                        ToDoubleFunction<FaceAnalysis> score) {

    /** Smiling vs neutral faces, scored by the smile score. */
    public static final LabelTask SMILE = new LabelTask("smile", Set.of("smile"), Set.of("neutral"),
            "smile", FaceAnalysis::smile);

    /**
     * Open vs closed mouths, scored by the inner-lip aspect ratio behind mouth openness (the
     * same order as {@code mouth.openness}, without its clamping to 0..1, which would tie
     * every closed mouth at 0).
     */
    public static final LabelTask MOUTH_OPEN = new LabelTask("mouth_open", Set.of("mouth_open"),
            Set.of("mouth_closed"), "mouth.ratio", FaceAnalysis::mouthRatio);

    /** Surprised (mouth usually open) vs neutral faces, scored like {@link #MOUTH_OPEN}. */
    public static final LabelTask SURPRISED = new LabelTask("surprised_mouth", Set.of("surprised"),
            Set.of("neutral"), "mouth.ratio", FaceAnalysis::mouthRatio);

    /** Closed vs open eyes, scored by minus the aspect ratio of the more open eye. */
    public static final LabelTask EYES_CLOSED = new LabelTask("eyes_closed", Set.of("closed"), Set.of("open"),
            "-max(eyes.leftRatio, eyes.rightRatio)", f -> -Math.max(f.eyes().leftRatio(), f.eyes().rightRatio()));

    /** Every task the evaluation knows, in report order. */
    public static final List<LabelTask> ALL = List.of(SMILE, MOUTH_OPEN, SURPRISED, EYES_CLOSED);

    /** Whether a folder with these labels supports this task (both classes present). */
    public boolean appliesTo(Set<String> labels) {
        return labels.stream().anyMatch(positive::contains) && labels.stream().anyMatch(negative::contains);
    }
}
