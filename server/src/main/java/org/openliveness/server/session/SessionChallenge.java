package org.openliveness.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Fingerprint;

/**
 * One challenge of a session, as stored.
 *
 * @param id          the challenge id ({@code ch_…})
 * @param type        what it asks
 * @param status      pending, met or failed
 * @param attempts    photos judged for it
 * @param outcome     how the latest attempt was judged, or null before the first
 * @param photoId     the stored photo that met it, or null
 * @param evidence    the accepted photo's biometric evidence, sealed (see {@link SealedEvidence}); dropped at
 *                    the verdict
 * @param fingerprint the accepted photo's replay fingerprint, or null
 * @param capture     its start, light sequence and how it was answered, or null (never started, answered by a photo
 *                    before bursts existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionChallenge(String id, ChallengeType type, ChallengeStatus status, int attempts, AttemptOutcome outcome,
                               String photoId, String evidence, Fingerprint fingerprint, ChallengeCapture capture) {

    public SessionChallenge(String id, ChallengeType type, ChallengeStatus status, int attempts, AttemptOutcome outcome,
                            String photoId, String evidence, Fingerprint fingerprint) {
        this(id, type, status, attempts, outcome, photoId, evidence, fingerprint, null);
    }

    public SessionChallenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        status = status == null ? ChallengeStatus.PENDING : status;
    }

    static SessionChallenge pending(String id, ChallengeType type) {
        return new SessionChallenge(id, type, ChallengeStatus.PENDING, 0, null, null, null, null, null);
    }

    SessionChallenge withOutcome(AttemptOutcome newOutcome) {
        return new SessionChallenge(id, type, status, attempts, newOutcome, photoId, evidence, fingerprint, capture);
    }

    SessionChallenge withoutEvidence() {
        return new SessionChallenge(id, type, status, attempts, outcome, photoId, null, fingerprint, capture);
    }

    SessionChallenge withCapture(ChallengeCapture newCapture) {
        return new SessionChallenge(id, type, status, attempts, outcome, photoId, evidence, fingerprint, newCapture);
    }

    /** How the accepted answer came, or null before one (or for answers stored before bursts existed: a photo). */
    public CaptureMode captureMode() {
        return capture == null ? (status == ChallengeStatus.MET ? CaptureMode.PHOTO : null) : capture.mode();
    }

    /** The instruction shown to the person. */
    public String instruction() {
        return type.instruction();
    }
}
