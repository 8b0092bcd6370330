package org.openliveness.engine.verdict;

import java.util.Objects;

/**
 * How one attempt at a challenge was judged.
 *
 * @param type          the challenge
 * @param met           whether every condition held
 * @param failureReason why it was not met ({@link FailureReason#CHALLENGE_NOT_MET}, a photo problem such
 *                      as {@link FailureReason#NO_FACE}, or {@link FailureReason#REPLAYED_IMAGE}); null when met
 * @param measure       what was measured, or null when the photo could not be measured
 * @param value         the measured value (a change from the baseline for turns and looking up); NaN when not measured
 * @param threshold     the value it had to reach (or, for {@link Measure#EYES}, stay under); NaN when not measured
 * @param baseline      the same measure on the session's other photos, or NaN when there were none
 * @param score         margin score in 0..1, 0.5 at the threshold
 * @param detail        a sentence for people
 */
public record ChallengeOutcome(ChallengeType type, boolean met, FailureReason failureReason, Measure measure,
                               double value, double threshold, double baseline, double score, String detail) {

    public ChallengeOutcome {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        if (met != (failureReason == null)) {
            throw new IllegalArgumentException("a met challenge has no failure reason, an unmet one has one");
        }
    }

    /** A measured attempt: met, or not met ({@link FailureReason#CHALLENGE_NOT_MET}). */
    static ChallengeOutcome measured(ChallengeType type, boolean met, Measure measure, double value, double threshold,
                                     double baseline, double score, String detail) {
        return new ChallengeOutcome(type, met, met ? null : FailureReason.CHALLENGE_NOT_MET, measure, value, threshold,
                baseline, score, detail);
    }

    /** The same outcome with {@code note} added to its detail (what else the photo showed), or itself when null. */
    ChallengeOutcome noted(String note) {
        return note == null ? this : new ChallengeOutcome(type, met, failureReason, measure, value, threshold, baseline, score,
                detail + "; " + note);
    }

    /** An attempt refused before the challenge could be measured: an unusable photo or a replay. */
    static ChallengeOutcome refused(ChallengeType type, FailureReason reason, String detail) {
        return new ChallengeOutcome(type, false, Objects.requireNonNull(reason, "reason"), null, Double.NaN, Double.NaN,
                Double.NaN, 0, detail);
    }
}
