package org.openliveness.engine.verdict;

/**
 * What a {@link PhotoExaminer} found in one photo: the evidence of its one usable face, or why it
 * has none. Exactly one of the two is set.
 *
 * @param evidence what the verdict needs from the face, or null
 * @param problem  why the photo has no usable face, or null
 * @param note     for a usable photo, what else was seen and not judged (smaller faces in the
 *                 background), for people; null when nothing
 */
public record Examination(PhotoEvidence evidence, PhotoProblem problem, String note) {

    public Examination {
        if ((evidence == null) == (problem == null)) {
            throw new IllegalArgumentException("an examination has either evidence or a problem");
        }
        if (problem != null && note != null) {
            throw new IllegalArgumentException("an unusable photo's problem says it all; no note");
        }
    }

    public Examination(PhotoEvidence evidence, PhotoProblem problem) {
        this(evidence, problem, null);
    }

    public static Examination usable(PhotoEvidence evidence) {
        return new Examination(evidence, null, null);
    }

    /** A usable photo with a note on what was seen and not judged. */
    public static Examination usable(PhotoEvidence evidence, String note) {
        return new Examination(evidence, null, note);
    }

    public static Examination unusable(PhotoProblem problem) {
        return new Examination(null, problem, null);
    }

    public boolean isUsable() {
        return evidence != null;
    }
}
