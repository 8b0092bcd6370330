package org.openliveness.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.openliveness.engine.verdict.ChallengeOutcome;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.Measure;

/**
 * How the latest attempt at a challenge was judged (or, once the session has a verdict, how the
 * verdict judged the challenge with every photo in), rounded to four decimals as stored and shown.
 *
 * @param met           whether the challenge was met
 * @param failureReason why not, or null
 * @param measure       what was measured, or null when the photo could not be measured
 * @param value         the measured value, or null
 * @param threshold     the value it had to reach, or null
 * @param baseline      the same measure on the session's other photos, or null when there were none
 * @param detail        a sentence for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptOutcome(boolean met, FailureReason failureReason, Measure measure, Double value, Double threshold,
                             Double baseline, String detail) {

    static AttemptOutcome of(ChallengeOutcome o) {
        return new AttemptOutcome(o.met(), o.failureReason(), o.measure(), Rounding.orNull(o.value()),
                Double.isNaN(o.threshold()) ? null : o.threshold(), Rounding.orNull(o.baseline()), o.detail());
    }
}
