package org.openliveness.server.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.image.DecodedImage;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.ChallengeOutcome;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.engine.verdict.LivenessJudge;
import org.openliveness.engine.verdict.PhotoEvidence;
import org.openliveness.engine.verdict.PhotoProblem;
import org.openliveness.engine.verdict.SessionPhoto;
import org.openliveness.engine.verdict.SessionVerdict;
import org.openliveness.server.Sha256;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The liveness session flow: create a session with random challenges, take one photo per
 * challenge (judged at once, retried up to the configured count), take an optional reference
 * selfie, and compute the verdict when every challenge has a photo. All state lives in the
 * database; concurrent uploads to one session are serialised by the row's version (a lost
 * race re-reads and applies its photo again, without analysing it again).
 */
public final class LivenessSessions {

    private static final int MAX_WRITE_ATTEMPTS = 20;
    private static final int MAX_RECENT_SESSIONS = 500;

    private final SessionRepository repository;
    private final PhotoStore photos;
    private final SealedEvidence sealed;
    private final AuditLog audit;
    private final FaceEngine engine;
    private final LivenessJudge judge;
    private final SessionProperties settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore analysisSlots;

    LivenessSessions(SessionRepository repository, PhotoStore photos, SealedEvidence sealed, AuditLog audit,
                     FaceEngine engine, LivenessJudge judge, SessionProperties settings, Clock clock) {
        this.repository = repository;
        this.photos = photos;
        this.sealed = sealed;
        this.audit = audit;
        this.engine = engine;
        this.judge = judge;
        this.settings = settings;
        this.clock = clock;
        this.analysisSlots = new Semaphore(settings.slots(), true);
    }

    /** A new session and its token (shown once; only its hash is stored). */
    record Created(LivenessSession session, String token) {
    }

    /**
     * What a capture call did: the session after it, the outcome of the photo when it answered a
     * challenge, and the milliseconds spent waiting for an analysis slot and analysing.
     */
    record Capture(LivenessSession session, String token, SessionState.Challenge challenge, double queueMs, double analysisMs) {
    }

    Created create(String tenantId, String userId, Integer challengeCount, List<ChallengeType> challengeTypes,
                   String externalReference) {
        if (userId == null || userId.isBlank() || userId.length() > PhotoStore.MAX_USER_ID_LENGTH) {
            throw invalid("userId is required (1 to " + PhotoStore.MAX_USER_ID_LENGTH + " characters)");
        }
        if (externalReference != null && externalReference.length() > 200) {
            throw invalid("externalReference may have at most 200 characters");
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
        SessionState state = new SessionState();
        for (ChallengeType type : draw(allowed, count)) {
            SessionState.Challenge c = new SessionState.Challenge();
            c.id = "ch_" + randomText(6);
            c.type = type;
            state.challenges.add(c);
        }
        String token = "ses_" + randomText(32);
        Instant now = now();
        LivenessSession session = new LivenessSession(UUID.randomUUID().toString(), tenantId, userId, externalReference,
                Sha256.hex(token), LivenessSession.IN_PROGRESS, now, now.plus(settings.ttl()), null, 0, state);
        repository.insert(session);
        audit.record(tenantId, userId, "SESSION_CREATED", Map.of("sessionId", session.id(),
                "challenges", state.challenges.stream().map(c -> c.type.name()).toList()));
        return new Created(session, token);
    }

    /** Draws {@code count} distinct types, at least one a head turn. */
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

    Capture submitChallenge(String token, String challengeId, byte[] photo) {
        return submitChallenge(token, challengeId, photo, null);
    }

    /**
     * Takes the photo for one challenge.
     *
     * @param callerTenant the tenant of an API key sent along with the token, or {@code null}: a key
     *                     of another tenant makes the token unknown
     */
    Capture submitChallenge(String token, String challengeId, byte[] photo, String callerTenant) {
        LivenessSession session = openSession(token, callerTenant);
        requirePending(session, challengeId);
        Analysed analysed = analyse(photo);
        String photoId = analysed.evidence == null ? null
                : photos.save(session.tenantId(), session.userId(), session.id(), PhotoKind.CHALLENGE, challengeId, photo);
        // Read once per upload: other sessions' photos, for the replay checks here and in the verdict.
        List<Fingerprint> recent = recent(session);
        boolean photoUsed = false;
        try {
            for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
                if (attempt > 0) {
                    session = openSession(token, callerTenant);
                }
                SessionState state = session.state();
                SessionState.Challenge c = state.challenge(challengeId);
                requirePending(session, challengeId);
                c.attempts++;
                String status = LivenessSession.IN_PROGRESS;
                Instant completedAt = null;
                SessionState.Outcome outcome = new SessionState.Outcome();
                c.outcome = outcome;
                Optional<String> replayOf = analysed.evidence == null ? Optional.empty() : replayOf(session, analysed.evidence.fingerprint(), challengeId, recent);
                if (analysed.problem != null) {
                    outcome.met = false;
                    outcome.failureReason = analysed.problem.reason().name();
                    outcome.detail = analysed.problem.detail();
                } else if (replayOf.isPresent()) {
                    outcome.met = false;
                    outcome.failureReason = FailureReason.REPLAYED_IMAGE.name();
                    outcome.detail = replayOf.get();
                    state.result = failed(FailureReason.REPLAYED_IMAGE, replayOf.get());
                    status = LivenessSession.COMPLETED;
                    completedAt = now();
                } else {
                    ChallengeOutcome judged = judge.judge(c.type, analysed.evidence, otherPhotos(session, challengeId));
                    copy(judged, outcome);
                    if (judged.met()) {
                        c.status = SessionState.ChallengeStatus.MET;
                        c.photoId = photoId;
                        c.evidence = sealed.seal(session.id(), analysed.evidence);
                        c.fingerprint = analysed.evidence.fingerprint();
                    }
                }
                if (c.status != SessionState.ChallengeStatus.MET && status.equals(LivenessSession.IN_PROGRESS)
                        && c.attempts > settings.maxRetries()) {
                    c.status = SessionState.ChallengeStatus.FAILED;
                    FailureReason reason = outcome.failureReason != null
                            ? FailureReason.valueOf(outcome.failureReason) : FailureReason.CHALLENGE_NOT_MET;
                    String notMet = c.type + " (" + c.id + ") not met after " + c.attempts + " attempt(s): " + outcome.detail;
                    // The photos accepted so far may already show a flat picture: name that first.
                    Optional<CheckResult> attack = judge.presentationAttack(otherPhotos(session, null), recent);
                    state.result = attack.isPresent()
                            ? failed(attack.get().check().equals("replay") ? FailureReason.REPLAYED_IMAGE : FailureReason.PLANAR_SURFACE,
                                    attack.get().detail() + "; and " + notMet)
                            : failed(reason, notMet);
                    status = LivenessSession.COMPLETED;
                    completedAt = now();
                }
                if (status.equals(LivenessSession.IN_PROGRESS) && state.completed() == state.challenges.size()) {
                    state.result = verdict(session, recent);
                    status = LivenessSession.COMPLETED;
                    completedAt = now();
                }
                if (status.equals(LivenessSession.COMPLETED)) {
                    forgetEvidence(state);
                }
                LivenessSession updated = session.with(status, completedAt, state);
                if (repository.update(updated)) {
                    photoUsed = c.status == SessionState.ChallengeStatus.MET && photoId != null;
                    audit.record(session.tenantId(), session.userId(), "PROBE_IMAGE_RECORDED", Map.of("sessionId", session.id(),
                            "challengeId", challengeId, "met", outcome.met, "photoId", photoUsed ? photoId : "discarded"));
                    if (status.equals(LivenessSession.COMPLETED)) {
                        auditVerdict(updated);
                    }
                    return new Capture(reread(updated), token, c, analysed.queueMs, analysed.analysisMs);
                }
            }
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SESSION_BUSY",
                    "too many concurrent updates to this session; send the photo again");
        } finally {
            if (photoId != null && !photoUsed) {
                photos.delete(session.tenantId(), photoId);
            }
        }
    }

    Capture submitReference(String token, byte[] photo) {
        return submitReference(token, photo, null);
    }

    /** Takes the reference selfie; {@code callerTenant} as for {@link #submitChallenge(String, String, byte[], String)}. */
    Capture submitReference(String token, byte[] photo, String callerTenant) {
        LivenessSession session = openSession(token, callerTenant);
        Analysed analysed = analyse(photo);
        if (analysed.problem != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, analysed.problem.reason().name(), analysed.problem.detail());
        }
        String photoId = photos.save(session.tenantId(), session.userId(), session.id(), PhotoKind.REFERENCE, null, photo);
        boolean photoUsed = false;
        try {
            for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
                if (attempt > 0) {
                    session = openSession(token, callerTenant);
                }
                SessionState state = session.state();
                String previous = state.reference == null ? null : state.reference.photoId;
                SessionState.Reference ref = new SessionState.Reference();
                ref.photoId = photoId;
                ref.evidence = sealed.seal(session.id(), analysed.evidence);
                ref.fingerprint = analysed.evidence.fingerprint();
                state.reference = ref;
                LivenessSession updated = session.with(session.status(), session.completedAt(), state);
                if (repository.update(updated)) {
                    photoUsed = true;
                    if (previous != null) {
                        photos.delete(session.tenantId(), previous);
                    }
                    audit.record(session.tenantId(), session.userId(), "REFERENCE_IMAGE_RECORDED",
                            Map.of("sessionId", session.id(), "photoId", photoId));
                    return new Capture(reread(updated), token, null, analysed.queueMs, analysed.analysisMs);
                }
            }
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SESSION_BUSY",
                    "too many concurrent updates to this session; send the photo again");
        } finally {
            if (!photoUsed) {
                photos.delete(session.tenantId(), photoId);
            }
        }
    }

    LivenessSession get(String tenantId, String id) {
        LivenessSession s = repository.find(tenantId, id)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND", "no liveness session " + id));
        return expireIfDue(s);
    }

    record Page(List<LivenessSession> items, long total) {
    }

    Page list(String tenantId, String userId, int page, int limit) {
        if (page < 1 || limit < 1 || limit > 100) {
            throw invalid("page must be ≥ 1 and limit 1..100");
        }
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
                if (expireIfDue(s).status().equals(LivenessSession.EXPIRED)) {
                    expired++;
                }
            }
        } while (batch.size() == 100);
        return expired;
    }

    // ---------------------------------------------------------------------------------------

    private record Analysed(PhotoEvidence evidence, PhotoProblem problem, double queueMs, double analysisMs) {
    }

    private Analysed analyse(byte[] photo) {
        long start = System.nanoTime();
        boolean acquired;
        try {
            acquired = analysisSlots.tryAcquire(settings.analysisWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "interrupted while waiting to analyse");
        }
        if (!acquired) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "all analysis slots are busy; try again");
        }
        long slot = System.nanoTime();
        double queueMs = (slot - start) / 1e6;
        try {
            DecodedImage decoded = engine.decode(photo);
            List<FaceAnalysis> faces = engine.analyze(decoded.image());
            Optional<PhotoProblem> problem = judge.usable(faces);
            PhotoEvidence evidence = problem.isPresent() ? null : PhotoEvidence.of(decoded.image(), faces.get(0));
            return new Analysed(evidence, problem.orElse(null), queueMs, (System.nanoTime() - slot) / 1e6);
        } catch (ImageException e) {
            throw PhotoErrors.toApi(e);
        } finally {
            analysisSlots.release();
        }
    }

    private LivenessSession openSession(String token, String callerTenant) {
        if (token == null || token.isBlank()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_TOKEN", "sessionToken is required");
        }
        LivenessSession s = repository.findByTokenHash(Sha256.hex(token))
                .filter(found -> callerTenant == null || found.tenantId().equals(callerTenant))
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_TOKEN", "unknown session token"));
        s = expireIfDue(s);
        if (s.status().equals(LivenessSession.EXPIRED)) {
            throw new ApiException(HttpStatus.GONE, "SESSION_EXPIRED", "the session expired at " + s.expiresAt()
                    + "; create a new session");
        }
        if (s.status().equals(LivenessSession.COMPLETED)) {
            throw new ApiException(HttpStatus.CONFLICT, "SESSION_COMPLETED", "the session is already complete");
        }
        return s;
    }

    private static SessionState.Challenge requirePending(LivenessSession s, String challengeId) {
        SessionState.Challenge c = challengeId == null ? null : s.state().challenge(challengeId);
        if (c == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "CHALLENGE_NOT_FOUND", "the session has no challenge " + challengeId);
        }
        if (c.status != SessionState.ChallengeStatus.PENDING) {
            throw new ApiException(HttpStatus.CONFLICT, "CHALLENGE_ALREADY_ANSWERED",
                    "challenge " + challengeId + " (" + c.type + ") already has an accepted photo");
        }
        return c;
    }

    /** Marks an in-progress session past its expiry as expired (server clock only). */
    private LivenessSession expireIfDue(LivenessSession s) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            if (!s.status().equals(LivenessSession.IN_PROGRESS) || now().isBefore(s.expiresAt())) {
                return s;
            }
            SessionState state = s.state();
            state.result = failed(FailureReason.EXPIRED, "the session expired at " + s.expiresAt() + " before every challenge had a photo");
            forgetEvidence(state);
            LivenessSession expired = s.with(LivenessSession.EXPIRED, now(), state);
            if (repository.update(expired)) {
                auditVerdict(expired);
                return reread(expired);
            }
            s = repository.find(s.tenantId(), s.id()).orElseThrow();
        }
        return s;
    }

    private LivenessSession reread(LivenessSession written) {
        return new LivenessSession(written.id(), written.tenantId(), written.userId(), written.externalReference(),
                written.tokenHash(), written.status(), written.createdAt(), written.expiresAt(), written.completedAt(),
                written.version() + 1, written.state());
    }

    private Optional<String> replayOf(LivenessSession s, Fingerprint fp, String challengeId, List<Fingerprint> recent) {
        int bits = judge.thresholds().replayMaxHashDistance();
        for (SessionState.Challenge c : s.state().challenges) {
            if (!c.id.equals(challengeId) && c.fingerprint != null && fp.samePictureAs(c.fingerprint, bits)) {
                return Optional.of("this photo repeats the photo accepted for " + c.type + " (" + c.id + ")");
            }
        }
        if (s.state().reference != null && fp.samePictureAs(s.state().reference.fingerprint, bits)) {
            return Optional.of("this photo repeats the reference selfie");
        }
        for (Fingerprint old : recent) {
            if (fp.samePictureAs(old, bits)) {
                return Optional.of("this photo repeats a photo of a recent session");
            }
        }
        return Optional.empty();
    }

    private List<Fingerprint> recent(LivenessSession s) {
        return repository.recentFingerprints(s.tenantId(), now().minus(settings.replayWindow()), s.id(), MAX_RECENT_SESSIONS);
    }

    private List<SessionPhoto> otherPhotos(LivenessSession s, String exceptChallengeId) {
        List<SessionPhoto> out = new ArrayList<>();
        for (SessionState.Challenge c : s.state().challenges) {
            if (c.status == SessionState.ChallengeStatus.MET && c.evidence != null && !c.id.equals(exceptChallengeId)) {
                out.add(new SessionPhoto(c.id, c.type, sealed.open(s.id(), c.evidence, c.fingerprint)));
            }
        }
        SessionState.Reference r = s.state().reference;
        if (r != null && r.evidence != null) {
            out.add(new SessionPhoto("reference", null, sealed.open(s.id(), r.evidence, r.fingerprint)));
        }
        return out;
    }

    private SessionState.Result verdict(LivenessSession s, List<Fingerprint> recent) {
        SessionVerdict v = judge.verdict(otherPhotos(s, null), recent);
        SessionState.Result r = new SessionState.Result();
        r.isAlive = v.alive();
        r.confidence = round(v.confidence());
        r.antiSpoofScore = round(v.antiSpoofScore());
        r.faceMatchScore = v.faceMatchScore() == null ? null : round(v.faceMatchScore());
        r.failureReason = v.failureReason() == null ? null : v.failureReason().name();
        r.failureDetail = v.failureDetail();
        for (CheckResult c : v.checks()) {
            SessionState.Check check = new SessionState.Check();
            check.check = c.check();
            check.status = c.status().name();
            check.score = Double.isNaN(c.score()) ? null : round(c.score());
            check.detail = c.detail();
            r.checks.add(check);
        }
        // Record the final judgement of each challenge (made with every photo in).
        for (ChallengeOutcome o : v.challenges()) {
            s.state().challenges.stream().filter(c -> c.type == o.type()).findFirst().ifPresent(c -> copy(o, c.outcome));
        }
        return r;
    }

    private static SessionState.Result failed(FailureReason reason, String detail) {
        SessionState.Result r = new SessionState.Result();
        r.isAlive = false;
        r.confidence = 0;
        r.antiSpoofScore = 0;
        r.failureReason = reason.name();
        r.failureDetail = detail;
        return r;
    }

    private static void copy(ChallengeOutcome from, SessionState.Outcome to) {
        to.met = from.met();
        to.failureReason = from.met() ? null : FailureReason.CHALLENGE_NOT_MET.name();
        to.measure = from.measure();
        to.value = round(from.value());
        to.threshold = from.threshold();
        to.baseline = Double.isNaN(from.baseline()) ? null : round(from.baseline());
        to.detail = from.detail();
    }

    private static void forgetEvidence(SessionState state) {
        state.challenges.forEach(c -> c.evidence = null);
        if (state.reference != null) {
            state.reference.evidence = null;
        }
    }

    private void auditVerdict(LivenessSession s) {
        SessionState.Result r = s.state().result;
        audit.record(s.tenantId(), s.userId(), "VERDICT", Map.of("sessionId", s.id(), "status", s.status(),
                "isAlive", r != null && r.isAlive, "failureReason", r == null || r.failureReason == null ? "" : r.failureReason));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail);
    }

    static String lower(ChallengeType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
