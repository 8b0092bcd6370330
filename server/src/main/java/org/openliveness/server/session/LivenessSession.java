package org.openliveness.server.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.openliveness.engine.verdict.BurstSummary;
import org.openliveness.engine.verdict.ChallengeOutcome;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.engine.verdict.LightSequence;
import org.openliveness.engine.verdict.PhotoEvidence;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.SessionPhoto;
import org.openliveness.engine.verdict.SessionSoFar;
import org.openliveness.engine.verdict.SessionVerdict;
import org.openliveness.engine.verdict.UploadJudgement;

/**
 * A liveness session: the aggregate the core loads, changes through its methods and saves with
 * {@link SessionRepository#update}. It applies what the {@link SessionJudge} decided; it decides
 * no liveness rule itself. Not thread-safe: one request works on its own copy, and the row's
 * version serialises writers.
 */
public final class LivenessSession {

    private final String id;
    private final String tenantId;
    private final String userId;
    private final String externalReference;
    private final String tokenHash;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final long version;
    private SessionStatus status;
    private Instant completedAt;
    private final List<SessionChallenge> challenges;
    private ReferencePhoto reference;
    private SessionResult result;

    LivenessSession(String id, String tenantId, String userId, String externalReference, String tokenHash,
                    SessionStatus status, Instant createdAt, Instant expiresAt, Instant completedAt, long version,
                    SessionState state) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.externalReference = externalReference;
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.completedAt = completedAt;
        this.version = version;
        this.challenges = new ArrayList<>(state.challenges());
        this.reference = state.reference();
        this.result = state.result();
    }

    /** A new session with its challenges, in progress until {@code expiresAt}. */
    static LivenessSession start(String id, String tenantId, String userId, String externalReference, String tokenHash,
                                 List<SessionChallenge> challenges, Instant now, Instant expiresAt) {
        return new LivenessSession(id, tenantId, userId, externalReference, tokenHash, SessionStatus.IN_PROGRESS, now,
                expiresAt, null, 0, new SessionState(challenges, null, null));
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String userId() {
        return userId;
    }

    /** The integrator's reference for the check, or null. */
    public String externalReference() {
        return externalReference;
    }

    public SessionStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** When the verdict was reached or the session expired, or null. */
    public Instant completedAt() {
        return completedAt;
    }

    public List<SessionChallenge> challenges() {
        return List.copyOf(challenges);
    }

    public Optional<SessionChallenge> challenge(String challengeId) {
        return challenges.stream().filter(c -> c.id().equals(challengeId)).findFirst();
    }

    public long challengesCompleted() {
        return challenges.stream().filter(c -> c.status() == ChallengeStatus.MET).count();
    }

    public int challengesTotal() {
        return challenges.size();
    }

    public boolean hasReference() {
        return reference != null;
    }

    /** The stored reference selfie's photo id, if the session has one (the photo may since have been purged). */
    public Optional<String> referencePhotoId() {
        return reference == null ? Optional.empty() : Optional.ofNullable(reference.photoId());
    }

    /** The verdict, once the session is complete or expired. */
    public Optional<SessionResult> result() {
        return Optional.ofNullable(result);
    }

    String tokenHash() {
        return tokenHash;
    }

    long version() {
        return version;
    }

    ReferencePhoto reference() {
        return reference;
    }

    SessionState state() {
        return new SessionState(challenges, reference, result);
    }

    /** Whether the session is in progress past its expiry (server clock). */
    boolean isDue(Instant now) {
        return status == SessionStatus.IN_PROGRESS && !now.isBefore(expiresAt);
    }

    /** Marks a session in progress past its expiry as expired; false when it was not due. */
    boolean expireIfDue(Instant now, SessionJudge judge) {
        if (!isDue(now)) {
            return false;
        }
        end(SessionStatus.EXPIRED, judge.expired(expiresAt), now);
        return true;
    }

    /** Refuses a capture call on a session that is over (or due to expire). */
    void requireOpen(Instant now) {
        if (status == SessionStatus.EXPIRED || isDue(now)) {
            throw new SessionException.Expired(expiresAt);
        }
        if (status == SessionStatus.COMPLETED) {
            throw new SessionException.Completed();
        }
    }

    /** The challenge, which must still wait for a photo. */
    SessionChallenge requirePending(String challengeId) {
        SessionChallenge c = (challengeId == null ? Optional.<SessionChallenge>empty() : challenge(challengeId))
                .orElseThrow(() -> new SessionException.ChallengeNotFound(challengeId));
        if (c.status() != ChallengeStatus.PENDING) {
            throw new SessionException.AlreadyAnswered(c.id(), c.type());
        }
        return c;
    }

    /**
     * What the judge needs of this session: each challenge's attempts and accepted evidence, and the
     * reference selfie. {@code open} unseals stored evidence (sealed text, fingerprint → evidence).
     */
    SessionSoFar soFar(BiFunction<String, Fingerprint, PhotoEvidence> open) {
        List<SessionSoFar.Challenge> out = new ArrayList<>();
        for (SessionChallenge c : challenges) {
            PhotoEvidence accepted = c.status() == ChallengeStatus.MET && c.evidence() != null
                    ? open.apply(c.evidence(), c.fingerprint()) : null;
            BurstSummary burst = accepted != null && c.capture() != null && c.capture().burst() != null
                    ? c.capture().burst().summary() : null;
            out.add(new SessionSoFar.Challenge(c.id(), c.type(), c.attempts(), accepted, burst));
        }
        SessionPhoto ref = reference == null || reference.evidence() == null ? null
                : new SessionPhoto("reference", null, open.apply(reference.evidence(), reference.fingerprint()));
        return new SessionSoFar(out, ref);
    }

    /**
     * Marks the challenge started now (server clock), with the colour sequence drawn for a
     * {@code LIGHT} challenge; a new start replaces an earlier one.
     */
    void startChallenge(String challengeId, Instant now, LightSequence light) {
        SessionChallenge c = requirePending(challengeId);
        replace(c.withCapture(ChallengeCapture.started(now.toEpochMilli(), light)));
    }

    /**
     * The start of a challenge a burst answers, which must have come at most {@code window} before
     * {@code now}.
     */
    ChallengeCapture requireStarted(String challengeId, Instant now, Duration window) {
        SessionChallenge c = requirePending(challengeId);
        if (c.capture() == null || c.capture().startedAtMs() == null) {
            throw new SessionException.NotStarted(challengeId);
        }
        Instant started = Instant.ofEpochMilli(c.capture().startedAtMs());
        if (now.isAfter(started.plus(window))) {
            throw new SessionException.StartExpired(challengeId, window);
        }
        return c.capture();
    }

    /**
     * Records one judged photo or burst for a challenge: one more attempt, its outcome, the
     * accepted answer (its stored photo id, sealed evidence and fingerprint, how it was captured and
     * what its burst showed), and the verdict when the judge ended the session. A challenge the
     * session ends on without an accepted answer has failed. Every attempt uses up the challenge's
     * start: the next burst needs a new start (and, for {@code LIGHT}, a new colour sequence).
     *
     * @param sealedEvidence the answer's sealed evidence when the judge accepted it, else null
     */
    void recordAttempt(String challengeId, UploadJudgement judged, CaptureMode mode, String photoId, String sealedEvidence,
                       Fingerprint fingerprint, Instant now) {
        SessionChallenge c = requirePending(challengeId);
        ChallengeStatus newStatus = judged.accepted() ? ChallengeStatus.MET
                : judged.endsSession() ? ChallengeStatus.FAILED : ChallengeStatus.PENDING;
        ChallengeCapture capture = judged.accepted()
                ? ChallengeCapture.answered(mode, judged.burst()) : null;
        replace(new SessionChallenge(c.id(), c.type(), newStatus, c.attempts() + 1, AttemptOutcome.of(judged.outcome()),
                judged.accepted() ? photoId : null, judged.accepted() ? sealedEvidence : null,
                judged.accepted() ? fingerprint : null, capture));
        if (judged.endsSession()) {
            end(SessionStatus.COMPLETED, judged.verdict(), now);
        }
    }

    /**
     * Sets the reference selfie, replacing an earlier one.
     *
     * @return the replaced photo's id, or null
     */
    String replaceReference(String photoId, String sealedEvidence, Fingerprint fingerprint) {
        String previous = reference == null ? null : reference.photoId();
        reference = new ReferencePhoto(photoId, sealedEvidence, fingerprint);
        return previous;
    }

    /**
     * Ends the session with a verdict: stores it, records the verdict's final judgement of each
     * challenge (made with every photo in), and drops the sealed biometric evidence.
     */
    private void end(SessionStatus newStatus, SessionVerdict verdict, Instant now) {
        status = newStatus;
        completedAt = now;
        result = SessionResult.of(verdict, captureMode());
        for (ChallengeOutcome o : verdict.challenges()) {
            challenges.stream().filter(c -> c.type() == o.type()).findFirst()
                    .ifPresent(c -> replace(c.withOutcome(AttemptOutcome.of(o))));
        }
        challenges.replaceAll(SessionChallenge::withoutEvidence);
        if (reference != null) {
            reference = reference.withoutEvidence();
        }
    }

    /** {@link CaptureMode#BURST} when every answered challenge came as a burst, {@link CaptureMode#PHOTO} when any came as a photo, null with none. */
    private CaptureMode captureMode() {
        List<CaptureMode> modes = challenges.stream().map(SessionChallenge::captureMode).filter(Objects::nonNull).toList();
        if (modes.isEmpty()) {
            return null;
        }
        return modes.stream().allMatch(m -> m == CaptureMode.BURST) ? CaptureMode.BURST : CaptureMode.PHOTO;
    }

    private void replace(SessionChallenge changed) {
        challenges.replaceAll(c -> c.id().equals(changed.id()) ? changed : c);
    }
}
