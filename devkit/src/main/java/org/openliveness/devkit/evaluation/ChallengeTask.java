package org.openliveness.devkit.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.VerdictThresholds;

/**
 * A head-pose challenge read off pose labels: the photos labelled {@link #label} perform the
 * challenge; every other pose-labelled photo ({@link #POSE_LABELS}) must not pass it. Each photo is
 * judged by {@link org.openliveness.engine.verdict.LivenessJudge#judge} as the answer to
 * {@link #type}, with the same person's {@link #FRONTAL} photos as the session's other photos (see
 * {@link ChallengeEvaluation}).
 *
 * <p>Directions are the subject's own, as in {@link ChallengeType}: {@code turn_subject_left} is a
 * person turning to their own left. {@code look_down} has no challenge; its photos are negatives.
 *
 * @param name      stable task name for reports ({@code turn_left}, …)
 * @param label     the label of photos that perform the challenge
 * @param type      the challenge
 * @param parameter the {@link VerdictThresholds} component the challenge's measure is compared with
 * @param threshold reads that threshold from a configuration
 */
public record ChallengeTask(String name, String label, ChallengeType type, String parameter,
                            ToDoubleFunction<VerdictThresholds> threshold) {

    /** The label of photos looking at the camera: the baseline of every pose challenge. */
    public static final String FRONTAL = "frontal";

    /** Every pose label. */
    public static final Set<String> POSE_LABELS = Set.of(FRONTAL, "turn_subject_left", "turn_subject_right", "look_up", "look_down");

    public static final ChallengeTask TURN_LEFT = new ChallengeTask("turn_left", "turn_subject_left", ChallengeType.TURN_LEFT,
            "turnYawChange", VerdictThresholds::turnYawChange);
    public static final ChallengeTask TURN_RIGHT = new ChallengeTask("turn_right", "turn_subject_right", ChallengeType.TURN_RIGHT,
            "turnYawChange", VerdictThresholds::turnYawChange);
    public static final ChallengeTask LOOK_UP = new ChallengeTask("look_up", "look_up", ChallengeType.LOOK_UP,
            "lookUpPitchChange", VerdictThresholds::lookUpPitchChange);

    /** Every pose challenge, in report order. */
    public static final List<ChallengeTask> ALL = List.of(TURN_LEFT, TURN_RIGHT, LOOK_UP);

    public ChallengeTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(threshold, "threshold");
    }

    /** Whether a folder with these labels supports the challenge: performed photos and frontal photos. */
    public boolean appliesTo(Set<String> labels) {
        return labels.contains(label) && labels.contains(FRONTAL);
    }
}
