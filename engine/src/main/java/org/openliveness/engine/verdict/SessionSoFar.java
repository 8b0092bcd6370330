package org.openliveness.engine.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a session holds when a photo arrives: its challenges, with their attempts so far and the
 * accepted photo's evidence where there is one, and the reference selfie if one was given.
 *
 * @param challenges every challenge of the session, in order
 * @param reference  the reference selfie ({@link SessionPhoto#isReference()}), or null
 */
public record SessionSoFar(List<Challenge> challenges, SessionPhoto reference) {

    /**
     * One challenge of the session.
     *
     * @param id       the challenge id
     * @param type     what it asks
     * @param attempts photos judged for it so far
     * @param accepted the evidence of its accepted photo (a burst's answer frame), or null while it has none
     * @param burst    what the accepted burst showed, or null (a still photo, or none yet)
     */
    public record Challenge(String id, ChallengeType type, int attempts, PhotoEvidence accepted, BurstSummary burst) {

        public Challenge(String id, ChallengeType type, int attempts, PhotoEvidence accepted) {
            this(id, type, attempts, accepted, null);
        }

        public Challenge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be ≥ 0, got " + attempts);
            }
        }

        public boolean isMet() {
            return accepted != null;
        }
    }

    public SessionSoFar {
        challenges = List.copyOf(challenges);
        if (reference != null && !reference.isReference()) {
            throw new IllegalArgumentException("the reference photo has no challenge type");
        }
    }

    /** The challenge with this id, or an exception naming it. */
    public Challenge challenge(String id) {
        return challenges.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the session has no challenge " + id));
    }

    /** The accepted photos (challenges met, then the reference), leaving out {@code exceptChallengeId}'s. */
    public List<SessionPhoto> photos(String exceptChallengeId) {
        List<SessionPhoto> out = new ArrayList<>();
        for (Challenge c : challenges) {
            if (c.isMet() && !c.id().equals(exceptChallengeId)) {
                out.add(new SessionPhoto(c.id(), c.type(), c.accepted(), c.burst()));
            }
        }
        if (reference != null) {
            out.add(reference);
        }
        return out;
    }
}
