package org.openliveness.engine.verdict;

import java.util.Objects;

/**
 * A photo of a session: the answer to a challenge, or the reference selfie ({@code type} null).
 *
 * @param id       the challenge id (or any id for the reference)
 * @param type     the challenge it answers, or {@code null} for the reference selfie
 * @param evidence what the engine measured
 */
public record SessionPhoto(String id, ChallengeType type, PhotoEvidence evidence) {

    public SessionPhoto {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(evidence, "evidence");
    }

    public boolean isReference() {
        return type == null;
    }
}
