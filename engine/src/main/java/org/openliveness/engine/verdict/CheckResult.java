package org.openliveness.engine.verdict;

import java.util.Objects;

/**
 * The result of one check of the verdict.
 *
 * @param check  which check
 * @param status whether it passed, failed, or could not apply
 * @param score  margin score in 0..1 (0.5 at the threshold; see {@link SessionJudge#marginScore}),
 *               NaN when not applicable
 * @param detail what was measured, for people
 */
public record CheckResult(Check check, Status status, double score, String detail) {

    public enum Status { PASS, FAIL, NOT_APPLICABLE }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
