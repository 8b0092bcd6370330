package org.openliveness.engine.verdict;

import java.util.Objects;

/**
 * A photo of a session: the answer to a challenge, or the reference selfie ({@code type} null).
 *
 * @param id       the challenge id (or any id for the reference)
 * @param type     the challenge it answers, or {@code null} for the reference selfie
 * @param evidence what the engine measured (for a burst: its answer frame)
 * @param burst    what the burst showed beyond its answer frame, or null for a still photo
 */
public record SessionPhoto(String id, ChallengeType type, PhotoEvidence evidence, BurstSummary burst) {

    /** A still photo. */
    public SessionPhoto(String id, ChallengeType type, PhotoEvidence evidence) {
        this(id, type, evidence, null);
    }

    public SessionPhoto {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(evidence, "evidence");
    }

    public boolean isReference() {
        return type == null;
    }
}
