package org.openliveness.engine.verdict;

import java.util.List;
import java.util.Objects;

/**
 * The verdict over a session.
 *
 * @param alive          whether every liveness check passed
 * @param confidence     the weakest check's margin score, 0..1
 * @param antiSpoofScore the weakest score of the presentation-attack checks that vote (replay, planarity; burst
 *                       continuity and screen light where measured)
 * @param faceMatchScore lowest similarity of the session's photos to the reference selfie, 0..1, or
 *                       {@code null} without a reference
 * @param failureReason  the first failed check's reason, or {@code null}
 * @param failureDetail  what failed, for people, or {@code null}
 * @param checks         every check, in order (none for a session that ended early)
 * @param challenges     every challenge as finally judged (none for a session that ended early)
 */
public record SessionVerdict(boolean alive, double confidence, double antiSpoofScore, Double faceMatchScore,
                             FailureReason failureReason, String failureDetail, List<CheckResult> checks,
                             List<ChallengeOutcome> challenges) {

    public SessionVerdict {
        checks = List.copyOf(checks);
        challenges = List.copyOf(challenges);
        if (alive == (failureReason != null && failureReason != FailureReason.FACE_MISMATCH)) {
            throw new IllegalArgumentException("a live session fails with no liveness reason, a failed one names one");
        }
    }

    /** A session that ended before a full verdict: not alive, no confidence, the reason and what happened. */
    static SessionVerdict failed(FailureReason reason, String detail) {
        return new SessionVerdict(false, 0, 0, null, Objects.requireNonNull(reason, "reason"),
                Objects.requireNonNull(detail, "detail"), List.of(), List.of());
    }
}
