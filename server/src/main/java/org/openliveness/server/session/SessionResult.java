package org.openliveness.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.openliveness.engine.verdict.Check;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.SessionVerdict;

/**
 * A session's verdict as stored and shown, scores rounded to four decimals.
 *
 * @param alive          whether a live person was judged present
 * @param confidence     the weakest check's score, 0..1
 * @param antiSpoofScore the weakest score of the presentation-attack checks that vote
 * @param faceMatchScore similarity to the reference selfie, or null without one
 * @param failureReason  why not alive (or {@link FailureReason#FACE_MISMATCH}), or null
 * @param failureDetail  what failed, for people, or null
 * @param checks         every check of a full verdict (none when the session ended early)
 * @param captureMode    {@link CaptureMode#BURST} when every challenge was answered by a burst, else
 *                       {@link CaptureMode#PHOTO}; null for results stored before bursts existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionResult(@JsonProperty("isAlive") boolean alive, double confidence, double antiSpoofScore,
                            Double faceMatchScore, FailureReason failureReason, String failureDetail,
                            List<CheckSummary> checks, CaptureMode captureMode) {

    public SessionResult(boolean alive, double confidence, double antiSpoofScore, Double faceMatchScore,
                         FailureReason failureReason, String failureDetail, List<CheckSummary> checks) {
        this(alive, confidence, antiSpoofScore, faceMatchScore, failureReason, failureDetail, checks, null);
    }

    /**
     * One check of the verdict.
     *
     * @param check  which check
     * @param status passed, failed or not applicable
     * @param score  margin score 0..1, null when not applicable
     * @param detail what was measured
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckSummary(Check check, CheckResult.Status status, Double score, String detail) {

        static CheckSummary of(CheckResult c) {
            return new CheckSummary(c.check(), c.status(), Rounding.orNull(c.score()), c.detail());
        }

        /** Back as the engine's type (a missing score is NaN). */
        CheckResult result() {
            return new CheckResult(check, status, score == null ? Double.NaN : score, detail);
        }
    }

    public SessionResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    static SessionResult of(SessionVerdict v, CaptureMode mode) {
        return new SessionResult(v.alive(), Rounding.round(v.confidence()), Rounding.round(v.antiSpoofScore()),
                v.faceMatchScore() == null ? null : Rounding.round(v.faceMatchScore()), v.failureReason(), v.failureDetail(),
                v.checks().stream().map(CheckSummary::of).toList(), mode);
    }
}
