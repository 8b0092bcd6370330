package org.openliveness.engine.verdict;

import java.util.Objects;

/**
 * What one photo for a challenge decided.
 *
 * @param outcome  how the attempt was judged
 * @param accepted whether the photo now answers the challenge (keep it and its evidence)
 * @param verdict  the session's verdict when this upload ends the session (every challenge met, a
 *                 replay, or the challenge's attempts used up), else null
 * @param burst    for a burst that got as far as its checks: what it showed (its answer frame, continuity,
 *                 light response); null for a still photo or a burst refused earlier
 */
public record UploadJudgement(ChallengeOutcome outcome, boolean accepted, SessionVerdict verdict, BurstSummary burst) {

    public UploadJudgement(ChallengeOutcome outcome, boolean accepted, SessionVerdict verdict) {
        this(outcome, accepted, verdict, null);
    }

    public UploadJudgement {
        Objects.requireNonNull(outcome, "outcome");
        if (accepted != outcome.met()) {
            throw new IllegalArgumentException("a photo is accepted exactly when its challenge is met");
        }
    }

    public boolean endsSession() {
        return verdict != null;
    }
}
