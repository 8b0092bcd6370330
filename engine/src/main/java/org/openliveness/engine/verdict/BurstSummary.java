package org.openliveness.engine.verdict;

import java.util.Objects;

/**
 * What a burst showed beyond its answer frame, kept with the accepted challenge (no biometric
 * data) for the verdict.
 *
 * @param frames         how many frames the burst had
 * @param answerFrame    the frame (from 0) judged as the challenge's answer
 * @param continuity     the continuity check on its frames (not applicable without frame times)
 * @param lightResponse  the screen-light check, for a {@code LIGHT} burst; else null
 * @param planarResidual the largest planarity residual between two of its frames that differ enough in
 *                       yaw, NaN when none do
 */
public record BurstSummary(int frames, int answerFrame, CheckResult continuity, CheckResult lightResponse,
                           double planarResidual) {

    public BurstSummary {
        Objects.requireNonNull(continuity, "continuity");
        if (answerFrame < 0 || answerFrame >= frames) {
            throw new IllegalArgumentException("answer frame " + answerFrame + " of " + frames);
        }
    }
}
