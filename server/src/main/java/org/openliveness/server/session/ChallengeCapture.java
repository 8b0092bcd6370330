package org.openliveness.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.openliveness.engine.verdict.BurstSummary;
import org.openliveness.engine.verdict.LightSequence;

/**
 * How a challenge is being captured: when the client started it (server clock), the colour
 * sequence drawn for a {@code LIGHT} challenge, and, once answered, how and what its burst showed.
 *
 * @param startedAtMs when {@code start} was called, epoch milliseconds, or null
 * @param light       the colours drawn at the start of a {@code LIGHT} challenge, or null
 * @param mode        how the accepted answer came, or null before one
 * @param burst       what the accepted burst showed beyond its answer frame, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChallengeCapture(Long startedAtMs, LightSequence light, CaptureMode mode, Burst burst) {

    /**
     * A burst's summary as stored (no biometric data).
     *
     * @param frames         frames in the burst
     * @param answerFrame    the frame judged as the answer (from 0)
     * @param continuity     the continuity check
     * @param lightResponse  the screen-light check, or null
     * @param planarResidual the largest residual between two of its frames apart enough in yaw, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Burst(int frames, int answerFrame, SessionResult.CheckSummary continuity, SessionResult.CheckSummary lightResponse,
                        Double planarResidual) {

        static Burst of(BurstSummary b) {
            return new Burst(b.frames(), b.answerFrame(), SessionResult.CheckSummary.of(b.continuity()),
                    b.lightResponse() == null ? null : SessionResult.CheckSummary.of(b.lightResponse()),
                    Double.isNaN(b.planarResidual()) ? null : b.planarResidual());
        }

        BurstSummary summary() {
            return new BurstSummary(frames, answerFrame, continuity.result(), lightResponse == null ? null : lightResponse.result(),
                    planarResidual == null ? Double.NaN : planarResidual);
        }
    }

    static ChallengeCapture started(long atMs, LightSequence light) {
        return new ChallengeCapture(atMs, light, null, null);
    }

    /** How an accepted answer came (its start is used up). */
    static ChallengeCapture answered(CaptureMode how, BurstSummary summary) {
        return new ChallengeCapture(null, null, how, summary == null ? null : Burst.of(summary));
    }
}
