package org.openliveness.engine.verdict;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one image checked on its own against a user's trusted image. A single image is
 * lower assurance than a session: no challenge was performed, and neither the 3-D check nor the
 * motion checks could run; only the usable face, replay, the passive presentation-attack model and
 * the face match vote. {@link #assurance()} says so wherever the result is recorded.
 *
 * @param outcome        accepted, rejected, or inconclusive (a check that must vote could not)
 * @param failedCheck    the check that rejected the image or could not run; null when accepted, or when
 *                       the image had no usable face ({@code failureReason} then says why)
 * @param failureReason  why rejected ({@link FailureReason#NO_FACE} … {@link FailureReason#FACE_MISMATCH}); null
 *                       when accepted or inconclusive
 * @param failureDetail  what failed or could not run, for people; null when accepted
 * @param faceMatchScore similarity of the image to the trusted image, or null when not measured
 * @param checks         every check that ran, in order
 */
public record SingleImageVerdict(Outcome outcome, Check failedCheck, FailureReason failureReason, String failureDetail,
                                 Double faceMatchScore, List<CheckResult> checks) {

    /** The verdict's outcome. */
    public enum Outcome { ACCEPTED, REJECTED, INCONCLUSIVE }

    /** How much a verdict of this kind proves (always {@code SINGLE_IMAGE}: lower than a session's). */
    public static final String ASSURANCE = "SINGLE_IMAGE";

    public SingleImageVerdict {
        Objects.requireNonNull(outcome, "outcome");
        checks = List.copyOf(checks);
        if ((outcome == Outcome.ACCEPTED) != (failureDetail == null)) {
            throw new IllegalArgumentException("an accepted image has no failure detail; any other outcome has one");
        }
        if ((outcome == Outcome.REJECTED) != (failureReason != null)) {
            throw new IllegalArgumentException("a rejected image names its failure reason, no other outcome does");
        }
    }

    /** An inconclusive verdict: {@code detail} says what could not be judged. */
    public static SingleImageVerdict inconclusive(Check check, String detail, List<CheckResult> checks) {
        return new SingleImageVerdict(Outcome.INCONCLUSIVE, check, null, Objects.requireNonNull(detail, "detail"), null, checks);
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    /** {@value #ASSURANCE}: a single image, lower assurance than a challenge session. */
    public String assurance() {
        return ASSURANCE;
    }
}
