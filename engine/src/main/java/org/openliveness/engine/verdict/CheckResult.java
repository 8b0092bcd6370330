package org.openliveness.engine.verdict;

/**
 * The result of one check of the verdict.
 *
 * @param check  stable name: {@code challenges}, {@code identity}, {@code planarity}, {@code replay},
 *               {@code passiveAntiSpoof}, {@code faceMatch}
 * @param status whether it passed, failed, or could not apply
 * @param score  margin score in 0..1 (0.5 at the threshold; see {@link LivenessJudge#marginScore}),
 *               NaN when not applicable
 * @param detail what was measured, for people
 */
public record CheckResult(String check, Status status, double score, String detail) {

    public enum Status { PASS, FAIL, NOT_APPLICABLE }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
