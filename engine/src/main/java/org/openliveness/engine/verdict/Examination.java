package org.openliveness.engine.verdict;

/**
 * What a {@link PhotoExaminer} found in one photo: the evidence of its one usable face, or why it
 * has none. Exactly one of the two is set.
 *
 * @param evidence what the verdict needs from the face, or null
 * @param problem  why the photo has no usable face, or null
 */
public record Examination(PhotoEvidence evidence, PhotoProblem problem) {

    public Examination {
        if ((evidence == null) == (problem == null)) {
            throw new IllegalArgumentException("an examination has either evidence or a problem");
        }
    }

    public static Examination usable(PhotoEvidence evidence) {
        return new Examination(evidence, null);
    }

    public static Examination unusable(PhotoProblem problem) {
        return new Examination(null, problem);
    }

    public boolean isUsable() {
        return evidence != null;
    }
}
