package org.openliveness.engine.verdict;

import java.util.List;

/**
 * The verdict over a complete session.
 *
 * @param alive          whether every liveness check passed
 * @param confidence     the weakest check's margin score, 0..1
 * @param antiSpoofScore the weakest score of the presentation-attack checks that vote (planarity, replay)
 * @param faceMatchScore lowest similarity of the session's photos to the reference selfie, 0..1, or
 *                       {@code null} without a reference
 * @param failureReason  the first failed check's reason, or {@code null}
 * @param failureDetail  what failed, for people, or {@code null}
 * @param checks         every check, in order
 * @param challenges     every challenge as finally judged
 */
public record SessionVerdict(boolean alive, double confidence, double antiSpoofScore, Double faceMatchScore,
                             FailureReason failureReason, String failureDetail, List<CheckResult> checks,
                             List<ChallengeOutcome> challenges) {

    public SessionVerdict {
        checks = List.copyOf(checks);
        challenges = List.copyOf(challenges);
    }
}
