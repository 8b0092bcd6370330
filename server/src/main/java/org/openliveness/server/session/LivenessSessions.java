package org.openliveness.server.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.openliveness.engine.verdict.Burst;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.engine.verdict.FramePreview;
import org.openliveness.engine.verdict.LightSequence;
import org.openliveness.engine.verdict.PhotoProblem;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.UploadJudgement;
import org.openliveness.server.Sha256;
import org.openliveness.server.audit.AuditEvent;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.replay.ReplayFingerprints;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.storage.PhotoStore;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The session core, which every API profile calls: create a session with random challenges, take
 * the photo for a challenge or the reference selfie, read sessions, expire abandoned ones. Each
 * photo is examined in an analysis slot, judged by the {@link SessionJudge}, and applied to the
 * {@link LivenessSession} through {@link SessionRepository#update}; this class adds only storage,
 * audit and clean-up around the judge. All state lives in the database. Refusals are
 * {@link SessionException}s.
 */
public final class LivenessSessions {

    /** Longest {@code externalReference}. */
    public static final int MAX_EXTERNAL_REFERENCE_LENGTH = 200;
    private static final String TOKEN_PREFIX = "ses_";
    /** How far a client's frame times may run ahead of the server's clock (network and timer jitter). */
    private static final long CLOCK_SLACK_MS = 1000;

    private final SessionRepository repository;
    private final PhotoStore photos;
    private final SealedEvidence sealed;
    private final AuditLog audit;
    private final AnalysisSlots slots;
    private final ReplayFingerprints fingerprints;
    private final Duration replayWindow;
    private final SessionJudge judge;
    private final SessionProperties settings;
    private final Clock clock;
    /** Each upload's photo, attempt and audit record commit together. */
    private final TransactionOperations transactions;
    private final SecureRandom random = new SecureRandom();
    private final PreviewLimiter previews = new PreviewLimiter();
    private final UsageLimits limits;
    private final IdempotencyKeys idempotency;

    /**
     * @param fingerprints the replay fingerprints of every tenant's accepted photos
     * @param replayWindow how far back other sessions' photos count as replays
     * @param limits       calls per session and tenant, failed attempts per user
     * @param idempotency  the idempotency keys of session creation
     */
    LivenessSessions(SessionRepository repository, PhotoStore photos, SealedEvidence sealed, AuditLog audit,
                     AnalysisSlots slots, ReplayFingerprints fingerprints, Duration replayWindow, SessionJudge judge,
                     SessionProperties settings, Clock clock, UsageLimits limits, IdempotencyKeys idempotency,
                     TransactionOperations transactions) {
        this.transactions = transactions;
        this.limits = limits;
        this.idempotency = idempotency;
        this.repository = repository;
        this.photos = photos;
        this.sealed = sealed;
        this.audit = audit;
        this.slots = slots;
        this.fingerprints = fingerprints;
        this.replayWindow = replayWindow;
        this.judge = judge;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new session and its token (shown once; only its hash is stored). */
    public record Created(LivenessSession session, String token) {
    }

    /**
     * What a capture call did: the session after it, the challenge it answered (null for the
     * reference selfie), and the milliseconds spent waiting for an analysis slot and analysing.
     */
    public record Capture(LivenessSession session, String token, SessionChallenge challenge, double queueMs, double analysisMs) {
    }

    /** A page of a user's sessions and how many there are in all. */
    public record Page(List<LivenessSession> items, long total) {
    }

    /**
     * Creates a session for {@code userId}.
     *
     * @param challengeCount 2 or 3, or null for the configured default
     * @param challengeTypes the types to draw from (they must be enabled and include a turn), or null for all enabled
     */
    public Created create(String tenantId, String userId, Integer challengeCount, List<ChallengeType> challengeTypes,
                          String externalReference) {
        return create(tenantId, userId, challengeCount, challengeTypes, externalReference, null);
    }

    /**
     * Creates a session, or with an idempotency key already used by the tenant within 24 hours
     * for the same request, returns the session (and token) that request created — so a retried
     * create makes no second session. The same key with another request is refused
     * ({@link SessionException.IdempotencyKeyReused}). Two identical requests racing with one new
     * key both get the session of the one recorded first (the other's session is never used and
     * expires).
     *
     * @param idempotencyKey the client's key (1 to 200 printable ASCII characters), or null for none
     */
    public Created create(String tenantId, String userId, Integer challengeCount, List<ChallengeType> challengeTypes,
                          String externalReference, String idempotencyKey) {
        if (idempotencyKey == null) {
            return createNew(tenantId, userId, challengeCount, challengeTypes, externalReference);
        }
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > IdempotencyKeys.MAX_KEY_LENGTH
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw invalid("Idempotency-Key has 1 to " + IdempotencyKeys.MAX_KEY_LENGTH + " printable ASCII characters");
        }
        String request = Sha256.hex(String.join("\0", String.valueOf(userId), String.valueOf(challengeCount),
                String.valueOf(challengeTypes), String.valueOf(externalReference)));
        Optional<IdempotencyKeys.Entry> earlier = idempotency.find(tenantId, idempotencyKey);
        if (earlier.isEmpty()) {
            Created created = createNew(tenantId, userId, challengeCount, challengeTypes, externalReference);
            if (idempotency.record(tenantId, idempotencyKey, request, userId, created.session().id(), created.token())) {
                return created;
            }
            earlier = idempotency.find(tenantId, idempotencyKey);
        } else {
            limits.tenantCall(tenantId);
        }
        IdempotencyKeys.Entry entry = earlier.orElseThrow(() -> new SessionException.Busy("the idempotency key changed meanwhile; send again"));
        if (!entry.requestHash().equals(request)) {
            throw new SessionException.IdempotencyKeyReused();
        }
        Optional<LivenessSession> session = repository.find(tenantId, entry.sessionId());
        if (session.isEmpty()) {
            // Its session was erased: the key starts afresh.
            idempotency.forget(tenantId, idempotencyKey);
            return create(tenantId, userId, challengeCount, challengeTypes, externalReference, idempotencyKey);
        }
        return new Created(expireIfDue(session.get()), entry.token());
    }

    private Created createNew(String tenantId, String userId, Integer challengeCount, List<ChallengeType> challengeTypes,
                              String externalReference) {
        limits.tenantCall(tenantId);
        if (userId == null || userId.isBlank() || userId.length() > PhotoStore.MAX_USER_ID_LENGTH) {
            throw invalid("userId is required (1 to " + PhotoStore.MAX_USER_ID_LENGTH + " characters)");
        }
        if (externalReference != null && externalReference.length() > MAX_EXTERNAL_REFERENCE_LENGTH) {
            throw invalid("externalReference may have at most " + MAX_EXTERNAL_REFERENCE_LENGTH + " characters");
        }
        int count = challengeCount == null ? settings.defaultChallengeCount() : challengeCount;
        if (count < 2 || count > 3) {
            throw invalid("challengeCount must be 2 or 3, got " + count);
        }
        Set<ChallengeType> allowed = EnumSet.copyOf(settings.enabledChallenges());
        if (challengeTypes != null && !challengeTypes.isEmpty()) {
            Set<ChallengeType> asked = EnumSet.copyOf(challengeTypes);
            if (!allowed.containsAll(asked)) {
                asked.removeAll(allowed);
                throw invalid("challengeTypes " + asked + " are not enabled here; enabled: " + allowed);
            }
            allowed = asked;
        }
        if (allowed.stream().noneMatch(ChallengeType::isTurn)) {
            throw invalid("challengeTypes must include TURN_LEFT or TURN_RIGHT: the 3-D check needs a head turn");
        }
        if (allowed.size() < count) {
            throw invalid("challengeTypes has " + allowed.size() + " type(s), fewer than challengeCount " + count);
        }
        List<SessionChallenge> challenges = draw(allowed, count).stream()
                .map(type -> SessionChallenge.pending("ch_" + randomText(6), type)).toList();
        String token = TOKEN_PREFIX + randomText(32);
        Instant now = now();
        LivenessSession session = LivenessSession.start(UUID.randomUUID().toString(), tenantId, userId, externalReference,
                Sha256.hex(token), challenges, now, now.plus(settings.ttl()));
        repository.insert(session);
        audit.record(tenantId, userId, AuditEvent.SESSION_CREATED, Map.of("sessionId", session.id(),
                "challenges", challenges.stream().map(c -> c.type().name()).toList()));
        return new Created(session, token);
    }

    /** Draws {@code count} distinct types, at least one a head turn, in random order. */
    List<ChallengeType> draw(Set<ChallengeType> allowed, int count) {
        List<ChallengeType> turns = new ArrayList<>(allowed.stream().filter(ChallengeType::isTurn).toList());
        List<ChallengeType> drawn = new ArrayList<>();
        drawn.add(turns.get(random.nextInt(turns.size())));
        List<ChallengeType> rest = new ArrayList<>(allowed);
        rest.remove(drawn.get(0));
        while (drawn.size() < count) {
            drawn.add(rest.remove(random.nextInt(rest.size())));
        }
        // The turn need not come first.
        for (int i = drawn.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            ChallengeType tmp = drawn.get(i);
            drawn.set(i, drawn.get(j));
            drawn.set(j, tmp);
        }
        return drawn;
    }

    /**
     * Takes the photo for one challenge: examined, judged, applied. A photo that cannot be decoded
     * is refused ({@link SessionException.UnusablePhoto}) and counts as a failed attempt, so one token
     * cannot repeat a hostile upload freely.
     *
     * @param callerTenant the tenant of an API key sent along with the token, or {@code null}: a key
     *                     of another tenant makes the token unknown
     */
    public Capture submitChallenge(String token, String challengeId, byte[] photo, String callerTenant) {
        LivenessSession session = open(token, callerTenant);
        SessionChallenge pending = session.requirePending(challengeId);
        if (pending.type().needsBurst()) {
            throw new SessionException.BurstRequired("the " + pending.type() + " challenge is answered by a burst of frames after "
                    + "challenge/start, not by a photo");
        }
        if (settings.requireBursts()) {
            throw new SessionException.BurstRequired("this service takes bursts of frames only: call challenge/start, then send "
                    + "the challenge's frames");
        }
        limits.requireAttemptsLeft(session.tenantId(), session.userId());
        AnalysisSlots.Examined examined;
        try {
            examined = slots.examine(photo);
        } catch (SessionException.UnusablePhoto undecodable) {
            throw countUndecodable(session, challengeId, CaptureMode.PHOTO, undecodable);
        }
        Examination examination = examined.examination();
        // The photo, the attempt and its audit record commit together: a process killed in between
        // leaves neither a photo without its attempt nor an attempt without its photo.
        return transactions.execute(tx -> {
            String photoId = examination.isUsable()
                    ? photos.save(session.tenantId(), session.userId(), session.id(), PhotoKind.CHALLENGE, challengeId, photo) : null;
            // Read once per upload (not once per write attempt): other sessions' photos that could be the
            // same picture as this one or as the session's accepted photos (the verdict checks those again).
            List<Fingerprint> recent = examination.isUsable() ? recent(session, examination.evidence().fingerprint()) : List.of();
            AtomicReference<UploadJudgement> judged = new AtomicReference<>();
            boolean photoKept = false;
            try {
                LivenessSession updated = repository.update(session.id(), s -> {
                    s.requireOpen(now());
                    s.requirePending(challengeId);
                    UploadJudgement j = judge.upload(s.soFar((text, fp) -> sealed.open(s.id(), text, fp)), challengeId,
                            examination, recent);
                    String evidence = j.accepted() ? sealed.seal(s.id(), examination.evidence()) : null;
                    s.recordAttempt(challengeId, j, CaptureMode.PHOTO, photoId, evidence,
                            j.accepted() ? examination.evidence().fingerprint() : null, now());
                    judged.set(j);
                });
                photoKept = judged.get().accepted() && photoId != null;
                recordAnswer(updated, challengeId, judged.get().accepted() ? examination.evidence().fingerprint() : null,
                        photoKept ? photoId : null, Map.of());
                return new Capture(updated, token, updated.challenge(challengeId).orElseThrow(), examined.queueMs(), examined.analysisMs());
            } finally {
                if (photoId != null && !photoKept) {
                    photos.delete(session.tenantId(), photoId);
                }
            }
        });
    }

    /**
     * A started challenge: when (server clock), until when its burst is taken, and the colours to
     * show for a {@code LIGHT} challenge.
     */
    public record Started(SessionChallenge challenge, Instant startedAt, Instant deadline, LightSequence light) {
    }

    /**
     * Marks a challenge as shown to the person now; its burst must arrive within the burst window.
     * For {@code LIGHT}, draws the colour sequence now, after anything an attacker could have
     * recorded. A new start replaces an earlier one (and its sequence).
     */
    public Started startChallenge(String token, String challengeId, String callerTenant) {
        LivenessSession session = open(token, callerTenant);
        ChallengeType type = session.requirePending(challengeId).type();
        Instant now = now();
        LightSequence light = type == ChallengeType.LIGHT ? LightSequence.draw(random, LightSequence.DEFAULT_COLOUR_MS) : null;
        LivenessSession updated = repository.update(session.id(), s -> {
            s.requireOpen(now);
            s.startChallenge(challengeId, now, light);
        });
        return new Started(updated.challenge(challengeId).orElseThrow(), now, now.plus(settings.burstWindow()), light);
    }

    /**
     * Takes a burst of frames for a started challenge: every frame examined (in parallel, within
     * the analysis slots), the burst judged, the answer frame (the one the judge measures) stored
     * encrypted, the others discarded.
     *
     * @param frameTimesMs milliseconds since the client began the challenge, one per frame, increasing; null when
     *                     the client sent none (the continuity check then cannot count)
     * @param callerTenant as for {@link #submitChallenge}
     */
    public Capture submitBurst(String token, String challengeId, List<byte[]> frames, long[] frameTimesMs, String callerTenant) {
        if (frames.size() < Burst.MIN_FRAMES || frames.size() > Burst.MAX_FRAMES) {
            throw invalid("a burst has " + Burst.MIN_FRAMES + " to " + Burst.MAX_FRAMES + " frames, got " + frames.size());
        }
        if (frameTimesMs != null) {
            if (frameTimesMs.length != frames.size()) {
                throw invalid("frameTimes has " + frameTimesMs.length + " values for " + frames.size() + " frames");
            }
            for (int i = 0; i < frameTimesMs.length; i++) {
                if (frameTimesMs[i] < 0 || (i > 0 && frameTimesMs[i] <= frameTimesMs[i - 1])) {
                    throw invalid("frameTimes must be milliseconds since the start, increasing");
                }
            }
        }
        LivenessSession session = open(token, callerTenant);
        ChallengeCapture started = session.requireStarted(challengeId, now(), settings.burstWindow());
        limits.requireAttemptsLeft(session.tenantId(), session.userId());
        if (frameTimesMs != null) {
            // The client's clock cannot run ahead of the server's: frames are not timed after they were sent.
            long elapsedMs = now().toEpochMilli() - started.startedAtMs();
            if (frameTimesMs[frameTimesMs.length - 1] > elapsedMs + CLOCK_SLACK_MS) {
                throw invalid("frameTimes end at " + frameTimesMs[frameTimesMs.length - 1] + " ms, but the challenge started "
                        + elapsedMs + " ms ago");
            }
        }
        ChallengeType type = session.requirePending(challengeId).type();
        AnalysisSlots.ExaminedBurst examined;
        try {
            examined = slots.examineAll(frames, type, examinations -> judge.answerFrame(type, examinations));
        } catch (SessionException.UnusablePhoto undecodable) {
            throw countUndecodable(session, challengeId, CaptureMode.BURST, undecodable);
        }
        int answer = examined.answer();
        Examination answerFrame = examined.frames().get(answer);
        return transactions.execute(tx -> {
            String photoId = answerFrame.isUsable()
                    ? photos.save(session.tenantId(), session.userId(), session.id(), PhotoKind.CHALLENGE, challengeId, frames.get(answer))
                    : null;
            List<Fingerprint> recent = recent(session, examined.frames().stream().filter(Examination::isUsable)
                    .map(e -> e.evidence().fingerprint()).toList());
            AtomicReference<UploadJudgement> judged = new AtomicReference<>();
            boolean photoKept = false;
            try {
                LivenessSession updated = repository.update(session.id(), s -> {
                    s.requireOpen(now());
                    ChallengeCapture capture = s.requireStarted(challengeId, now(), settings.burstWindow());
                    UploadJudgement j = judge.uploadBurst(s.soFar((text, fp) -> sealed.open(s.id(), text, fp)), challengeId,
                            new Burst(examined.frames(), frameTimesMs, capture.light()), recent);
                    boolean accepted = j.accepted() && j.burst() != null && j.burst().answerFrame() == answer;
                    if (j.accepted() && !accepted) {
                        throw new IllegalStateException("the judge chose frame " + j.burst().answerFrame() + ", not " + answer);
                    }
                    String evidence = accepted ? sealed.seal(s.id(), answerFrame.evidence()) : null;
                    s.recordAttempt(challengeId, j, CaptureMode.BURST, photoId, evidence,
                            accepted ? answerFrame.evidence().fingerprint() : null, now());
                    judged.set(j);
                });
                photoKept = judged.get().accepted() && photoId != null;
                recordAnswer(updated, challengeId, judged.get().accepted() ? answerFrame.evidence().fingerprint() : null,
                        photoKept ? photoId : null, Map.of("frames", frames.size()));
                return new Capture(updated, token, updated.challenge(challengeId).orElseThrow(), examined.queueMs(), examined.analysisMs());
            } finally {
                if (photoId != null && !photoKept) {
                    photos.delete(session.tenantId(), photoId);
                }
            }
        });
    }

    /**
     * Whether a capture token belongs to a session (of any state): one lookup of its hash, counted
     * against no limit. For refusing an upload with an unknown token before its body is read.
     */
    public boolean knowsToken(String token) {
        return token != null && !token.isBlank() && findByToken(token).isPresent();
    }

    /**
     * The session of a capture token, for the capture client (its progress; expired on the way if
     * due). Unlike {@link #open}, a completed or expired session is returned, not refused, so a
     * client whose reply was lost can find out where its session stands.
     */
    public LivenessSession status(String token, String callerTenant) {
        if (token == null || token.isBlank()) {
            throw new SessionException.InvalidToken("sessionToken is required");
        }
        LivenessSession s = findByToken(token)
                .filter(found -> callerTenant == null || found.tenantId().equals(callerTenant))
                .orElseThrow(() -> new SessionException.InvalidToken("unknown session token"));
        limits.sessionCall(s.id(), s.tenantId());
        return expireIfDue(s);
    }

    /**
     * Guidance for a small preview frame of an open session: where the face is and what to change.
     * Not an attempt; nothing is stored or logged. At most {@value PreviewLimiter#PER_SECOND} a
     * second per session token (this instance's count).
     */
    public FramePreview preview(String token, byte[] frame, String callerTenant) {
        LivenessSession session = open(token, callerTenant, false);
        previews.acquire(session.id(), clock.millis());
        return slots.preview(frame);
    }

    /**
     * Takes the reference selfie: once per session, before the first challenge attempt (else
     * {@link SessionException.ReferenceNotAllowed}, checked before the photo is examined and again
     * when it is written). It must show one usable face. It is identity evidence only: matched against
     * the challenge photos, never a baseline nor part of the 3-D check.
     *
     * @param callerTenant as for {@link #submitChallenge}
     */
    public Capture submitReference(String token, byte[] photo, String callerTenant) {
        LivenessSession session = open(token, callerTenant);
        session.requireReferenceAllowed();
        AnalysisSlots.Examined examined = slots.examine(photo);
        Examination examination = examined.examination();
        if (!examination.isUsable()) {
            throw new SessionException.UnusablePhoto(examination.problem());
        }
        return transactions.execute(tx -> {
            String photoId = photos.save(session.tenantId(), session.userId(), session.id(), PhotoKind.REFERENCE, null, photo);
            boolean photoKept = false;
            try {
                LivenessSession updated = repository.update(session.id(), s -> {
                    s.requireOpen(now());
                    s.setReference(photoId, sealed.seal(s.id(), examination.evidence()), examination.evidence().fingerprint());
                });
                photoKept = true;
                fingerprints.record(updated.tenantId(), updated.id(), updated.userId(), PhotoKind.REFERENCE,
                        examination.evidence().fingerprint(), now());
                audit.record(updated.tenantId(), updated.userId(), AuditEvent.REFERENCE_IMAGE_RECORDED,
                        Map.of("sessionId", updated.id(), "photoId", photoId));
                return new Capture(updated, token, null, examined.queueMs(), examined.analysisMs());
            } finally {
                if (!photoKept) {
                    photos.delete(session.tenantId(), photoId);
                }
            }
        });
    }

    /**
     * A session of the tenant, by its id or by its session token (a client written to the seed-003
     * API holds only the token).
     */
    public LivenessSession get(String tenantId, String idOrToken) {
        limits.tenantCall(tenantId);
        Optional<LivenessSession> found = repository.find(tenantId, idOrToken);
        if (found.isEmpty() && idOrToken != null && idOrToken.startsWith(TOKEN_PREFIX)) {
            found = repository.findByTokenHash(Sha256.hex(idOrToken)).filter(s -> s.tenantId().equals(tenantId));
        }
        // A token is a secret: the refusal does not repeat it.
        String named = idOrToken != null && idOrToken.startsWith(TOKEN_PREFIX) ? "with this session token" : idOrToken;
        return expireIfDue(found.orElseThrow(() -> new SessionException.NotFound(named)));
    }

    /** A page of a user's sessions, newest first: {@code page} from 1, {@code limit} 1..100. */
    public Page list(String tenantId, String userId, int page, int limit) {
        if (page < 1 || limit < 1 || limit > 100) {
            throw invalid("page must be ≥ 1 and limit 1..100");
        }
        limits.tenantCall(tenantId);
        List<LivenessSession> items = repository.findByUser(tenantId, userId, page, limit).stream()
                .map(this::expireIfDue).toList();
        return new Page(items, repository.countByUser(tenantId, userId));
    }

    /**
     * Expires every in-progress session past its expiry, so an abandoned session does not keep
     * its sealed landmarks and templates. Run on a schedule.
     *
     * @return how many sessions were expired
     */
    int expireOverdue() {
        int expired = 0;
        List<LivenessSession> batch;
        do {
            batch = repository.findOverdue(now(), 100);
            for (LivenessSession s : batch) {
                if (expireIfDue(s).status() == SessionStatus.EXPIRED) {
                    expired++;
                }
            }
        } while (batch.size() == 100);
        return expired;
    }

    /** Deletes the tenant's sessions of a user and their failed-attempt count (for the erasure); the number of sessions deleted. */
    int eraseUser(String tenantId, String userId) {
        limits.eraseUser(tenantId, userId);
        idempotency.eraseUser(tenantId, userId);
        return repository.deleteUser(tenantId, userId);
    }

    /** Deletes the failed attempts older than the throttle's window. Run on a schedule. */
    int purgeFailedAttempts() {
        return limits.purge();
    }

    /** Deletes the idempotency keys older than 24 hours. Run on a schedule. */
    int purgeIdempotencyKeys() {
        return idempotency.purge();
    }

    /**
     * The tenant's newest session created with this {@code externalReference} (an integrator's
     * order id, say), expired first if due.
     */
    public Optional<LivenessSession> findByExternalReference(String tenantId, String externalReference) {
        if (externalReference == null || externalReference.isBlank()) {
            return Optional.empty();
        }
        return repository.findNewestByExternalReference(tenantId, externalReference).map(this::expireIfDue);
    }

    /**
     * A further capture token for an in-progress session of the tenant, valid for {@code validFor}
     * but never past the session's expiry: the session's own token is returned once, at creation,
     * and only its hash is kept. It authorises the same capture calls as the session token.
     *
     * @throws SessionException.Completed or {@link SessionException.Expired} when the session is over
     */
    public String issueCaptureToken(LivenessSession session, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("a capture token's validity must be positive, got " + validFor);
        }
        Instant now = now();
        LivenessSession current = expireIfDue(session);
        current.requireOpen(now);
        Instant until = now.plus(validFor).isBefore(current.expiresAt()) ? now.plus(validFor) : current.expiresAt();
        String token = TOKEN_PREFIX + randomText(32);
        repository.insertCaptureToken(current.id(), Sha256.hex(token), until, now);
        return token;
    }

    /**
     * Examines a selfie and a trusted image outside any session (within the analysis slots) and, when
     * both show one usable face, applies the judge's face-match rule to them.
     *
     * @throws SessionException.UnusablePhoto when the selfie cannot be decoded as an image
     */
    public FaceComparison compareFaces(byte[] selfie, byte[] trusted) {
        Examination probe = slots.examine(selfie).examination();
        Examination reference;
        try {
            reference = slots.examine(trusted).examination();
        } catch (SessionException.UnusablePhoto undecodable) {
            return new FaceComparison(probe, null, null);
        }
        CheckResult match = probe.isUsable() && reference.isUsable()
                ? judge.matchToTrusted(probe.evidence(), reference.evidence()) : null;
        return new FaceComparison(probe, reference, match);
    }

    /**
     * The photo a session's answer can be matched from: its reference selfie, or else the first
     * challenge photo that met its challenge; empty when none was kept.
     */
    public Optional<byte[]> answerPhoto(LivenessSession s) {
        List<String> ids = new ArrayList<>();
        if (s.reference() != null && s.reference().photoId() != null) {
            ids.add(s.reference().photoId());
        }
        s.challenges().stream().filter(c -> c.status() == ChallengeStatus.MET && c.photoId() != null)
                .map(SessionChallenge::photoId).forEach(ids::add);
        for (String id : ids) {
            Optional<byte[]> photo = photos.load(s.tenantId(), id);
            if (photo.isPresent()) {
                return photo;
            }
        }
        return Optional.empty();
    }

    /** A session by its own token, or by a further capture token that has not expired. */
    private Optional<LivenessSession> findByToken(String token) {
        String hash = Sha256.hex(token);
        Optional<LivenessSession> own = repository.findByTokenHash(hash);
        return own.isPresent() ? own : repository.findByCaptureTokenHash(hash, now());
    }

    // ---------------------------------------------------------------------------------------

    /** The in-progress session of a capture token (expired on the way if due), counted as a call of the session. */
    private LivenessSession open(String token, String callerTenant) {
        return open(token, callerTenant, true);
    }

    /**
     * As {@link #open(String, String)}; {@code counted} false for previews, which have their own
     * limit and do not use up the session's or the tenant's calls.
     */
    private LivenessSession open(String token, String callerTenant, boolean counted) {
        if (token == null || token.isBlank()) {
            throw new SessionException.InvalidToken("sessionToken is required");
        }
        LivenessSession s = findByToken(token)
                .filter(found -> callerTenant == null || found.tenantId().equals(callerTenant))
                .orElseThrow(() -> new SessionException.InvalidToken("unknown session token"));
        if (counted) {
            limits.sessionCall(s.id(), s.tenantId());
        }
        expireIfDue(s).requireOpen(now());
        return s;
    }

    /**
     * Records an upload that could not be decoded as a failed attempt of its challenge (the judge
     * decides what that attempt does: a retry, or the end of the session when the attempts are used
     * up), audits it, and returns the refusal to throw. Nothing of the upload is stored.
     */
    private SessionException.UnusablePhoto countUndecodable(LivenessSession session, String challengeId, CaptureMode mode,
                                                            SessionException.UnusablePhoto undecodable) {
        Examination unusable = Examination.unusable(new PhotoProblem(FailureReason.POOR_QUALITY,
                "the upload could not be decoded (" + undecodable.imageProblem() + ")"));
        LivenessSession updated = repository.update(session.id(), s -> {
            s.requireOpen(now());
            s.requirePending(challengeId);
            UploadJudgement j = judge.upload(s.soFar((text, fp) -> sealed.open(s.id(), text, fp)), challengeId, unusable, List.of());
            s.recordAttempt(challengeId, j, mode, null, null, null, now());
        });
        recordAnswer(updated, challengeId, null, null, Map.of("undecodable", true));
        return undecodable;
    }

    /**
     * After a photo or burst was judged and written: the accepted answer's fingerprint for the
     * replay check, the audit record of the attempt (with {@code extra} details), and the verdict's
     * when the attempt ended the session.
     *
     * @param accepted the accepted answer's fingerprint, or null when the attempt failed
     * @param photoId  the kept photo, or null when none was kept
     */
    private void recordAnswer(LivenessSession updated, String challengeId, Fingerprint accepted, String photoId,
                              Map<String, Object> extra) {
        if (accepted != null) {
            fingerprints.record(updated.tenantId(), updated.id(), updated.userId(), PhotoKind.CHALLENGE, accepted, now());
        } else {
            limits.failedAttempt(updated.tenantId(), updated.userId());
        }
        Map<String, Object> params = new java.util.LinkedHashMap<>(Map.of("sessionId", updated.id(), "challengeId", challengeId,
                "met", accepted != null, "photoId", photoId == null ? "discarded" : photoId));
        params.putAll(extra);
        audit.record(updated.tenantId(), updated.userId(), AuditEvent.PROBE_IMAGE_RECORDED, params);
        if (updated.status().isFinal()) {
            auditVerdict(updated);
        }
    }

    /** The session, expired first (and the verdict audited) if it is in progress past its expiry. */
    private LivenessSession expireIfDue(LivenessSession s) {
        if (!s.isDue(now())) {
            return s;
        }
        AtomicReference<Boolean> expiredNow = new AtomicReference<>(false);
        LivenessSession updated = repository.update(s.id(), current -> expiredNow.set(current.expireIfDue(now(), judge)));
        if (expiredNow.get()) {
            auditVerdict(updated);
        }
        return updated;
    }

    /**
     * The fingerprints of other sessions' photos, within the replay window, that could be the same
     * picture as {@code probe} or as one of the session's accepted challenge photos. Only rows whose
     * lookup keys can match are read; no cap on how many sessions are searched.
     */
    private List<Fingerprint> recent(LivenessSession s, Fingerprint probe) {
        return recent(s, List.of(probe));
    }

    /** As {@link #recent(LivenessSession, Fingerprint)} for several probes (the frames of a burst). */
    private List<Fingerprint> recent(LivenessSession s, List<Fingerprint> probesOfUpload) {
        Instant since = now().minus(replayWindow);
        int maxBits = judge.thresholds().replayMaxHashDistance();
        Set<Fingerprint> found = new LinkedHashSet<>();
        List<Fingerprint> probes = new ArrayList<>(probesOfUpload);
        s.challenges().stream().map(SessionChallenge::fingerprint).filter(Objects::nonNull).forEach(probes::add);
        for (Fingerprint p : probes) {
            fingerprints.candidates(s.tenantId(), p, maxBits, since, s.id())
                    .forEach(c -> found.add(c.fingerprint()));
        }
        return List.copyOf(found);
    }

    private void auditVerdict(LivenessSession s) {
        SessionResult r = s.result().orElse(null);
        audit.record(s.tenantId(), s.userId(), AuditEvent.VERDICT, Map.of("sessionId", s.id(), "status", s.status().name(),
                "isAlive", r != null && r.alive(), "failureReason", r == null || r.failureReason() == null ? "" : r.failureReason().name()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static SessionException invalid(String detail) {
        return new SessionException.InvalidRequest(detail);
    }
}
