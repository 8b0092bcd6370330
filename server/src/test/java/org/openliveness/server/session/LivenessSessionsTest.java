package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.CannedEvidence;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Check;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.ColourSample;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.FramePreview;
import org.openliveness.engine.verdict.LightSequence;
import org.openliveness.engine.verdict.Measure;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.VerdictThresholds;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.erasure.PersonalData;
import org.openliveness.server.erasure.UserErasure;
import org.openliveness.server.ratelimit.RateLimitProperties;
import org.openliveness.server.replay.ReplayFingerprints;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The session core without HTTP and without the models, on H2 and PostgreSQL, with a clock the
 * test moves: photos are canned evidence ({@link CannedExaminer}), judged by the real
 * {@link SessionJudge} and stored for real. Verdicts, retries, expiry, reads by id and token,
 * what is kept of the biometric data (sealed evidence, encrypted photos, retention) and erasure.
 * The end-to-end path through the models is tested over HTTP ({@code LivenessSessionHttpTest}).
 */
class LivenessSessionsTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SessionProperties SETTINGS = new SessionProperties(Duration.ofMinutes(10),
            EnumSet.allOf(ChallengeType.class), 3, 2, 0, Duration.ofSeconds(10), Duration.ofSeconds(10), false, Duration.ofSeconds(30));
    private static final Duration REPLAY_WINDOW = Duration.ofHours(24);

    /** The core on one fresh database, with its own clock, photo key and canned photos. */
    private record Fixture(TestDatabase db, MutableClock clock, String tenant, PhotoStore photoStore, AuditLog audit,
                           CannedExaminer photos, ReplayFingerprints fingerprints, LivenessSessions sessions) {

        JdbcClient jdbc() {
            return db.jdbc();
        }
    }

    private static Fixture fixture(TestDatabase db) {
        return fixture(db, SETTINGS);
    }

    private static Fixture fixture(TestDatabase db, SessionProperties settings) {
        return fixture(db, settings, RateLimitProperties.DEFAULTS);
    }

    private static Fixture fixture(TestDatabase db, SessionProperties settings, RateLimitProperties limits) {
        MutableClock clock = new MutableClock(T0);
        JdbcClient jdbc = db.jdbc();
        String tenant = new Tenants(jdbc, clock).findOrCreate("acme").id();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        PhotoStore store = new PhotoStore(jdbc, new SecretKeySpec(key, "AES"), clock);
        AuditLog audit = new AuditLog(jdbc, JSON, clock, new org.openliveness.server.audit.Pseudonyms(key, "test"));
        CannedExaminer photos = new CannedExaminer();
        ReplayFingerprints fingerprints = new ReplayFingerprints(jdbc);
        LivenessSessions sessions = new LivenessSessions(new SessionRepository(jdbc, JSON), store, new SealedEvidence(store, JSON),
                audit, new AnalysisSlots(photos, 2, SETTINGS.analysisWait(), SETTINGS.shutdownWait()), fingerprints, REPLAY_WINDOW,
                new SessionJudge(VerdictThresholds.DEFAULTS, settings.maxRetries()), settings, clock, new UsageLimits(limits, jdbc, clock),
                new IdempotencyKeys(jdbc, store, clock),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())));
        return new Fixture(db, clock, tenant, store, audit, photos, fingerprints, sessions);
    }

    /** A created session as its client holds it. */
    private record Started(String id, String token, Map<ChallengeType, String> challengeIds) {
    }

    private static Started start(Fixture f, String userId, ChallengeType... types) {
        LivenessSessions.Created created = f.sessions().create(f.tenant(), userId, types.length, List.of(types), "order-42");
        Map<ChallengeType, String> ids = created.session().challenges().stream()
                .collect(Collectors.toMap(SessionChallenge::type, SessionChallenge::id));
        assertThat(ids.keySet()).containsExactlyInAnyOrder(types);
        return new Started(created.session().id(), created.token(), ids);
    }

    private static LivenessSessions.Capture submit(Fixture f, Started s, ChallengeType type, byte[] photo) {
        return f.sessions().submitChallenge(s.token(), s.challengeIds().get(type), photo, null);
    }

    private static LivenessSessions.Capture perform(Fixture f, Started s, ChallengeType type) {
        return submit(f, s, type, f.photos().performing(type));
    }

    private static SessionResult result(LivenessSessions.Capture c) {
        return c.session().result().orElseThrow(() -> new AssertionError("no result yet"));
    }

    private static String rawState(Fixture f, String sessionId) {
        return f.jdbc().sql("SELECT state FROM liveness_session WHERE id = ?").param(sessionId).query(String.class).single();
    }

    private static List<String> photoIdsOf(Fixture f, String sessionId) {
        return f.jdbc().sql("SELECT id FROM photo WHERE session_id = ?").param(sessionId).query(String.class).list();
    }

    private static long rows(Fixture f, String table, String userId) {
        return f.jdbc().sql("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?").param(userId).query(Long.class).single();
    }

    private static List<String> acceptedPhotoIds(LivenessSession s) {
        return s.challenges().stream().map(SessionChallenge::photoId).filter(id -> id != null).toList();
    }

    @DatabaseTest
    void photosThatPerformTheChallengesGiveAnAliveVerdict(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE, ChallengeType.OPEN_MOUTH);

        LivenessSessions.Capture first = perform(f, s, ChallengeType.SMILE);
        assertThat(first.session().status()).isEqualTo(SessionStatus.IN_PROGRESS);
        assertThat(first.session().challengesCompleted()).isEqualTo(1);
        assertThat(first.challenge().outcome().met()).isTrue();
        f.clock().advance(Duration.ofSeconds(20));
        perform(f, s, ChallengeType.OPEN_MOUTH);
        f.clock().advance(Duration.ofSeconds(20));
        LivenessSessions.Capture last = perform(f, s, ChallengeType.TURN_LEFT);

        assertThat(last.session().status()).isEqualTo(SessionStatus.COMPLETED);
        SessionResult result = result(last);
        assertThat(result.alive()).as("%s: %s", result.failureReason(), result.failureDetail()).isTrue();
        assertThat(result.failureReason()).isNull();
        assertThat(result.confidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);

        LivenessSession stored = f.sessions().get(f.tenant(), s.id());
        assertThat(stored.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(stored.completedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(stored.version()).as("three writes").isEqualTo(3);
        assertThat(stored.externalReference()).isEqualTo("order-42");
        assertThat(stored.result()).hasValueSatisfying(r -> assertThat(r.alive()).isTrue());
        assertThat(stored.challenges()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ChallengeStatus.MET);
            assertThat(c.attempts()).isEqualTo(1);
            assertThat(c.outcome().met()).isTrue();
        });
        assertThat(acceptedPhotoIds(stored)).hasSize(3).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(photoIdsOf(f, s.id()));
        assertThat(f.sessions().list(f.tenant(), "alice", 1, 20).total()).isEqualTo(1);
        assertThat(f.jdbc().sql("SELECT message FROM audit_event WHERE user_id = 'alice'").query(String.class).list())
                .containsExactlyInAnyOrder("SESSION_CREATED", "PROBE_IMAGE_RECORDED", "PROBE_IMAGE_RECORDED",
                        "PROBE_IMAGE_RECORDED", "VERDICT");
    }

    @DatabaseTest
    void aChallengeRetriedUntilItsAttemptsAreUsedUpEndsTheSession(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_RIGHT, ChallengeType.BLINK);

        for (int attempt = 1; attempt <= SETTINGS.maxRetries(); attempt++) {
            LivenessSessions.Capture retry = submit(f, s, ChallengeType.BLINK, f.photos().frontal());
            assertThat(retry.session().status()).isEqualTo(SessionStatus.IN_PROGRESS);
            assertThat(retry.challenge().status()).isEqualTo(ChallengeStatus.PENDING);
            assertThat(retry.challenge().attempts()).isEqualTo(attempt);
            assertThat(retry.challenge().outcome().failureReason()).isEqualTo(FailureReason.CHALLENGE_NOT_MET);
        }
        LivenessSessions.Capture end = submit(f, s, ChallengeType.BLINK, f.photos().frontal());
        assertThat(end.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(end.challenge().status()).isEqualTo(ChallengeStatus.FAILED);
        assertThat(result(end).alive()).isFalse();
        assertThat(result(end).failureReason()).isEqualTo(FailureReason.CHALLENGE_NOT_MET);
        assertThat(result(end).failureDetail()).contains("BLINK", "not met after 3 attempt(s)");
        assertThatThrownBy(() -> perform(f, s, ChallengeType.TURN_RIGHT)).isInstanceOf(SessionException.Completed.class);
    }

    // ---------------------------------------------------------------------------------------
    // Bursts

    /** Frames of the person turning left by 5° a frame, every 100 ms. */
    private static List<byte[]> turningLeft(Fixture f) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(f.photos().photo(Examination.usable(CannedEvidence.shot().yaw(5 * i).evidence())));
        }
        return frames;
    }

    private static final long[] EVERY_100_MS = {0, 100, 200, 300, 400, 500};

    @DatabaseTest
    void aBurstAfterItsStartAnswersTheChallengeAndOnlyItsAnswerFrameIsKept(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        String turn = s.challengeIds().get(ChallengeType.TURN_LEFT);

        LivenessSessions.Started started = f.sessions().startChallenge(s.token(), turn, null);
        assertThat(started.startedAt()).isEqualTo(T0);
        assertThat(started.deadline()).isEqualTo(T0.plus(SETTINGS.burstWindow()));
        assertThat(started.light()).isNull();
        f.clock().advance(Duration.ofMillis(800));
        List<byte[]> frames = turningLeft(f);
        LivenessSessions.Capture capture = f.sessions().submitBurst(s.token(), turn, frames, EVERY_100_MS, null);

        assertThat(capture.challenge().status()).as(capture.challenge().outcome().detail()).isEqualTo(ChallengeStatus.MET);
        assertThat(capture.challenge().captureMode()).isEqualTo(CaptureMode.BURST);
        assertThat(capture.challenge().capture().burst().answerFrame()).isEqualTo(5);
        assertThat(capture.challenge().capture().burst().continuity().status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(f.photoStore().load(f.tenant(), capture.challenge().photoId()))
                .as("the answer frame is stored, the other frames are not").hasValueSatisfying(p -> assertThat(p).isEqualTo(frames.get(5)));
        assertThat(photoIdsOf(f, s.id())).hasSize(1);

        String smile = s.challengeIds().get(ChallengeType.SMILE);
        f.sessions().startChallenge(s.token(), smile, null);
        List<byte[]> smiling = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            smiling.add(f.photos().photo(Examination.usable(CannedEvidence.shot().smile(0.1 + 0.25 * i).evidence())));
        }
        LivenessSessions.Capture last = f.sessions().submitBurst(s.token(), smile, smiling, new long[] {0, 150, 300, 450}, null);
        assertThat(result(last).alive()).as(result(last).failureDetail()).isTrue();
        assertThat(result(last).captureMode()).isEqualTo(CaptureMode.BURST);
        assertThat(result(last).checks()).anySatisfy(c -> {
            assertThat(c.check()).isEqualTo(Check.CONTINUITY);
            assertThat(c.status()).isEqualTo(CheckResult.Status.PASS);
        });
    }

    @DatabaseTest
    void aBurstNeedsARecentStartAndEachAttemptUsesItsStartUp(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        String turn = s.challengeIds().get(ChallengeType.TURN_LEFT);

        assertThatThrownBy(() -> f.sessions().submitBurst(s.token(), turn, turningLeft(f), EVERY_100_MS, null))
                .isInstanceOf(SessionException.NotStarted.class);
        f.sessions().startChallenge(s.token(), turn, null);
        f.clock().advance(SETTINGS.burstWindow().plusSeconds(1));
        assertThatThrownBy(() -> f.sessions().submitBurst(s.token(), turn, turningLeft(f), EVERY_100_MS, null))
                .isInstanceOf(SessionException.StartExpired.class);

        f.sessions().startChallenge(s.token(), turn, null);
        f.clock().advance(Duration.ofSeconds(1));
        List<byte[]> swapped = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            swapped.add(f.photos().photo(Examination.usable(CannedEvidence.shot().yaw(i < 3 ? 0 : 25).evidence())));
        }
        LivenessSessions.Capture jump = f.sessions().submitBurst(s.token(), turn, swapped, EVERY_100_MS, null);
        assertThat(jump.challenge().outcome().failureReason()).isEqualTo(FailureReason.DISCONTINUITY);
        assertThat(jump.challenge().attempts()).isEqualTo(1);
        assertThat(photoIdsOf(f, s.id())).as("a failed burst keeps no frame").isEmpty();
        assertThatThrownBy(() -> f.sessions().submitBurst(s.token(), turn, turningLeft(f), EVERY_100_MS, null))
                .as("the attempt used up the start").isInstanceOf(SessionException.NotStarted.class);
        assertThatThrownBy(() -> f.sessions().submitBurst(s.token(), turn, turningLeft(f).subList(0, 2), null, null))
                .isInstanceOf(SessionException.InvalidRequest.class);
        f.sessions().startChallenge(s.token(), turn, null);
        assertThatThrownBy(() -> f.sessions().submitBurst(s.token(), turn, turningLeft(f), new long[] {0, 100, 200, 300, 400, 5000}, null))
                .as("frames timed after the server's elapsed time").isInstanceOf(SessionException.InvalidRequest.class);
    }

    @DatabaseTest
    void anOperatorCanRequireBurstsAndLightIsAnsweredOnlyByABurstThatFollowsItsColours(TestDatabase db) {
        SessionProperties bursts = new SessionProperties(Duration.ofMinutes(10), EnumSet.allOf(ChallengeType.class), 3, 2, 0,
                Duration.ofSeconds(10), Duration.ofSeconds(10), true, Duration.ofSeconds(30));
        Fixture strict = fixture(db, bursts);
        Started s = start(strict, "alice", ChallengeType.TURN_LEFT, ChallengeType.LIGHT);
        assertThatThrownBy(() -> perform(strict, s, ChallengeType.TURN_LEFT)).isInstanceOf(SessionException.BurstRequired.class);
        assertThatThrownBy(() -> submit(strict, s, ChallengeType.LIGHT, strict.photos().frontal()))
                .isInstanceOf(SessionException.BurstRequired.class);

        String light = s.challengeIds().get(ChallengeType.LIGHT);
        LivenessSessions.Started started = strict.sessions().startChallenge(s.token(), light, null);
        LightSequence colours = started.light();
        assertThat(colours).isNotNull();
        assertThat(colours.colours()).hasSizeBetween(3, 5);
        strict.clock().advance(Duration.ofMillis(colours.durationMs() + 200));
        List<byte[]> frames = new ArrayList<>();
        long[] times = new long[colours.colours().size() * 2];
        for (int i = 0; i < times.length; i++) {
            times[i] = colours.colourMs() / 4 + (long) i * colours.colourMs() / 2;
            int[] rgb = colours.rgb(colours.colourAt(times[i]));
            ColourSample lit = new ColourSample(180 + 0.15 * rgb[0], 140 + 0.15 * rgb[1], 120 + 0.15 * rgb[2], 100, 100, 100);
            frames.add(strict.photos().photo(Examination.usable(CannedEvidence.shot().colour(lit).evidence())));
        }
        LivenessSessions.Capture answered = strict.sessions().submitBurst(s.token(), light, frames, times, null);
        assertThat(answered.challenge().status()).as(answered.challenge().outcome().detail()).isEqualTo(ChallengeStatus.MET);
        assertThat(answered.challenge().outcome().measure()).isEqualTo(Measure.LIGHT_RESPONSE);
        assertThat(answered.challenge().capture().burst().lightResponse().status()).isEqualTo(CheckResult.Status.PASS);

        // The same frames against a new sequence (a video recorded before it was drawn) do not follow it.
        Started again = start(strict, "bob", ChallengeType.TURN_LEFT, ChallengeType.LIGHT);
        String light2 = again.challengeIds().get(ChallengeType.LIGHT);
        LivenessSessions.Started other = strict.sessions().startChallenge(again.token(), light2, null);
        strict.clock().advance(Duration.ofMillis(other.light().durationMs() + 200));
        List<byte[]> replayed = new ArrayList<>();
        long[] replayTimes = new long[other.light().colours().size() * 2];
        for (int i = 0; i < replayTimes.length; i++) {
            replayTimes[i] = other.light().colourMs() / 4 + (long) i * other.light().colourMs() / 2;
            replayed.add(strict.photos().photo(Examination.usable(CannedEvidence.shot()
                    .colour(new ColourSample(180, 140, 120, 100, 100, 100)).evidence())));
        }
        LivenessSessions.Capture unlit = strict.sessions().submitBurst(again.token(), light2, replayed, replayTimes, null);
        assertThat(unlit.challenge().outcome().failureReason()).isEqualTo(FailureReason.LIGHT_RESPONSE);
    }

    @DatabaseTest
    void previewsGuideWithoutAttemptsAndAreLimitedPerSession(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        for (int i = 0; i < 5; i++) {
            FramePreview p = f.sessions().preview(s.token(), f.photos().frontal(), null);
            assertThat(p.hints()).containsExactly(FramePreview.Hint.OK);
        }
        assertThatThrownBy(() -> f.sessions().preview(s.token(), f.photos().frontal(), null))
                .isInstanceOfSatisfying(SessionException.RateLimited.class, e -> assertThat(e.retryAfterMs()).isBetween(1L, 1000L));
        f.clock().advance(Duration.ofSeconds(1));
        assertThat(f.sessions().preview(s.token(), f.photos().noFace(), null).hints()).containsExactly(FramePreview.Hint.NO_FACE);
        assertThat(f.sessions().get(f.tenant(), s.id()).challenges()).allSatisfy(c -> assertThat(c.attempts()).isZero());
        assertThat(photoIdsOf(f, s.id())).isEmpty();
        assertThatThrownBy(() -> f.sessions().preview("ses_unknown", f.photos().frontal(), null))
                .isInstanceOf(SessionException.InvalidToken.class);
    }

    @DatabaseTest
    void aUserHasAtMostFiveFailedAttemptsInThreeMinutesAcrossSessions(TestDatabase db) {
        Fixture f = fixture(db);
        Started first = start(f, "bob", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        Started second = start(f, "bob", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        for (int i = 0; i < 3; i++) {
            submit(f, first, ChallengeType.SMILE, f.photos().frontal());
        }
        assertThat(f.sessions().get(f.tenant(), first.id()).status()).isEqualTo(SessionStatus.COMPLETED);
        f.clock().advance(Duration.ofSeconds(30));
        submit(f, second, ChallengeType.SMILE, f.photos().frontal());
        assertThatThrownBy(() -> submit(f, second, ChallengeType.SMILE, "not a photo".getBytes(StandardCharsets.US_ASCII)))
                .as("an undecodable upload is a failed attempt too").isInstanceOf(SessionException.UnusablePhoto.class);

        assertThatThrownBy(() -> perform(f, second, ChallengeType.SMILE)).as("the sixth attempt within 3 minutes")
                .isInstanceOfSatisfying(SessionException.RateLimited.class, e -> assertThat(e.retryAfterMs())
                        .as("until the first failure leaves the window").isEqualTo(Duration.ofSeconds(150).toMillis()));
        Started other = start(f, "carol", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        assertThat(perform(f, other, ChallengeType.SMILE).challenge().status()).as("another user is not throttled")
                .isEqualTo(ChallengeStatus.MET);

        f.clock().advance(Duration.ofSeconds(151));
        assertThat(perform(f, second, ChallengeType.SMILE).challenge().status()).isEqualTo(ChallengeStatus.MET);
    }

    @DatabaseTest
    void anIdempotencyKeyReturnsTheSameSessionForTheSameRequestWithinADay(TestDatabase db) {
        Fixture f = fixture(db);
        List<ChallengeType> types = List.of(ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        LivenessSessions.Created first = f.sessions().create(f.tenant(), "ivy", 2, types, "ref-1", "key-1");
        LivenessSessions.Created retried = f.sessions().create(f.tenant(), "ivy", 2, types, "ref-1", "key-1");
        assertThat(retried.session().id()).isEqualTo(first.session().id());
        assertThat(retried.token()).as("the same token, though only its hash is in the session row").isEqualTo(first.token());
        assertThat(retried.session().challenges()).isEqualTo(first.session().challenges());
        assertThat(f.sessions().list(f.tenant(), "ivy", 1, 10).total()).as("no second session").isEqualTo(1);

        assertThatThrownBy(() -> f.sessions().create(f.tenant(), "ivy", 2, types, "ref-2", "key-1"))
                .as("the same key for another request").isInstanceOf(SessionException.IdempotencyKeyReused.class);
        assertThat(f.sessions().create(f.tenant(), "ivy", 2, types, "ref-1", "key-2").session().id())
                .as("another key").isNotEqualTo(first.session().id());
        String otherTenant = new Tenants(f.jdbc(), f.clock()).findOrCreate("other").id();
        assertThat(f.sessions().create(otherTenant, "ivy", 2, types, "ref-1", "key-1").session().id())
                .as("keys are per tenant").isNotEqualTo(first.session().id());

        f.clock().advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(f.sessions().create(f.tenant(), "ivy", 2, types, "ref-2", "key-1").session().id())
                .as("after 24 hours the key is free again").isNotEqualTo(first.session().id());
        assertThatThrownBy(() -> f.sessions().create(f.tenant(), "ivy", 2, types, null, "bad key"))
                .isInstanceOf(SessionException.InvalidRequest.class);
    }

    @DatabaseTest
    void callsPerSessionAndPerTenantAreLimited(TestDatabase db) {
        Fixture f = fixture(db, SETTINGS, new RateLimitProperties(0, 3, 5, 5, Duration.ofMinutes(3)));
        Started s = start(f, "dan", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        for (int i = 0; i < 3; i++) {
            f.sessions().status(s.token(), null);
        }
        assertThatThrownBy(() -> f.sessions().status(s.token(), null))
                .isInstanceOfSatisfying(SessionException.RateLimited.class, e -> assertThat(e.retryAfterMs()).isBetween(1L, 20_000L));
        f.clock().advance(Duration.ofSeconds(20));
        f.sessions().status(s.token(), null);
        // The tenant: five calls a minute (one create and four session calls so far, 1.7 regained in 20 s).
        int created = 0;
        try {
            for (; created < 10; created++) {
                start(f, "erin", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
            }
        } catch (SessionException.RateLimited expected) {
            assertThat(expected.getMessage()).contains("per tenant");
        }
        assertThat(created).isEqualTo(1);
    }

    @DatabaseTest
    void anUndecodablePhotoIsRefusedAndUsesUpAnAttempt(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        byte[] hostile = "not a photo".getBytes(StandardCharsets.US_ASCII);

        for (int attempt = 1; attempt <= SessionJudge.DEFAULT_MAX_RETRIES + 1; attempt++) {
            assertThatThrownBy(() -> submit(f, s, ChallengeType.SMILE, hostile))
                    .isInstanceOfSatisfying(SessionException.UnusablePhoto.class,
                            e -> assertThat(e.imageProblem()).isEqualTo(ImageException.Code.CORRUPT));
            SessionChallenge smile = f.sessions().get(f.tenant(), s.id()).challenges().stream()
                    .filter(c -> c.type() == ChallengeType.SMILE).findFirst().orElseThrow();
            assertThat(smile.attempts()).isEqualTo(attempt);
        }
        LivenessSession ended = f.sessions().get(f.tenant(), s.id());
        assertThat(ended.status()).as("the attempts are used up").isEqualTo(SessionStatus.COMPLETED);
        assertThat(ended.result().orElseThrow().alive()).isFalse();
        assertThatThrownBy(() -> submit(f, s, ChallengeType.SMILE, hostile)).as("no more uploads on this token")
                .isInstanceOf(SessionException.Completed.class);
        assertThat(photoIdsOf(f, s.id())).isEmpty();
    }

    @DatabaseTest
    void aReferenceSelfieNeedsAUsableFaceAndIsTakenOnceBeforeAnyChallengeAttempt(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);

        assertThatThrownBy(() -> f.sessions().submitReference(s.token(), f.photos().noFace(), null))
                .isInstanceOfSatisfying(SessionException.UnusablePhoto.class,
                        e -> assertThat(e.faceProblem().reason()).isEqualTo(FailureReason.NO_FACE));
        assertThat(photoIdsOf(f, s.id())).isEmpty();

        LivenessSessions.Capture first = f.sessions().submitReference(s.token(), f.photos().frontal(), null);
        assertThat(first.session().hasReference()).isTrue();
        assertThat(first.challenge()).isNull();
        List<String> afterFirst = photoIdsOf(f, s.id());
        assertThatThrownBy(() -> f.sessions().submitReference(s.token(), f.photos().frontal(), null))
                .as("the capture client cannot replace the reference").isInstanceOf(SessionException.ReferenceNotAllowed.class);
        assertThat(photoIdsOf(f, s.id())).isEqualTo(afterFirst);

        Started other = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        submit(f, other, ChallengeType.SMILE, f.photos().frontal());
        assertThatThrownBy(() -> f.sessions().submitReference(other.token(), f.photos().frontal(), null))
                .as("not after a challenge attempt, even a failed one").isInstanceOf(SessionException.ReferenceNotAllowed.class);
        assertThat(f.sessions().get(f.tenant(), other.id()).hasReference()).isFalse();
    }

    @DatabaseTest
    void challengesAreCheckedBeforeThePhotoIsExamined(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        byte[] photo = f.photos().performing(ChallengeType.SMILE);

        assertThatThrownBy(() -> f.sessions().submitChallenge(s.token(), "ch_nope", photo, null))
                .isInstanceOf(SessionException.ChallengeNotFound.class);
        assertThatThrownBy(() -> f.sessions().submitChallenge("ses_unknown", s.challengeIds().get(ChallengeType.SMILE), photo, null))
                .isInstanceOf(SessionException.InvalidToken.class);
        assertThatThrownBy(() -> f.sessions().submitChallenge(s.token(), s.challengeIds().get(ChallengeType.SMILE), photo,
                "another-tenant")).as("an API key of another tenant makes the token unknown")
                .isInstanceOf(SessionException.InvalidToken.class);
        submit(f, s, ChallengeType.SMILE, photo);
        assertThatThrownBy(() -> perform(f, s, ChallengeType.SMILE)).isInstanceOf(SessionException.AlreadyAnswered.class);
    }

    @DatabaseTest
    void aSessionIsReadByItsIdOrItsTokenByItsOwnTenantOnly(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);

        assertThat(f.sessions().get(f.tenant(), s.id()).id()).isEqualTo(s.id());
        assertThat(f.sessions().get(f.tenant(), s.token()).id()).isEqualTo(s.id());
        String other = new Tenants(f.jdbc(), f.clock()).findOrCreate("other").id();
        assertThatThrownBy(() -> f.sessions().get(other, s.token())).isInstanceOf(SessionException.NotFound.class);
        assertThatThrownBy(() -> f.sessions().get(other, s.id())).isInstanceOf(SessionException.NotFound.class);
        assertThatThrownBy(() -> f.sessions().get(f.tenant(), "ses_" + "x".repeat(43))).isInstanceOf(SessionException.NotFound.class);
    }

    @DatabaseTest
    void theSessionExpiresByTheServerClock(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        perform(f, s, ChallengeType.SMILE);

        f.clock().advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(f.sessions().get(f.tenant(), s.id()).status()).isEqualTo(SessionStatus.IN_PROGRESS);

        f.clock().advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> perform(f, s, ChallengeType.TURN_LEFT)).isInstanceOf(SessionException.Expired.class);

        LivenessSession expired = f.sessions().get(f.tenant(), s.id());
        assertThat(expired.status()).isEqualTo(SessionStatus.EXPIRED);
        assertThat(expired.completedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)).plusSeconds(1));
        assertThat(expired.result()).hasValueSatisfying(r -> {
            assertThat(r.alive()).isFalse();
            assertThat(r.failureReason()).isEqualTo(FailureReason.EXPIRED);
        });
        assertThat(rawState(f, s.id())).doesNotContain("\"evidence\"");
        assertThat(photoIdsOf(f, s.id())).as("only the accepted SMILE photo; the late one was never stored").hasSize(1);
        assertThatThrownBy(() -> perform(f, s, ChallengeType.TURN_LEFT)).isInstanceOf(SessionException.Expired.class);
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE message = 'VERDICT'").query(Long.class).single())
                .as("one verdict, however often the expired session is read").isEqualTo(1);
    }

    @DatabaseTest
    void anAbandonedSessionIsExpiredByTheSweepAndLosesItsEvidence(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        perform(f, s, ChallengeType.SMILE);
        assertThat(rawState(f, s.id())).contains("\"evidence\"");

        assertThat(f.sessions().expireOverdue()).as("nothing is overdue yet").isZero();
        f.clock().advance(Duration.ofMinutes(11));
        assertThat(f.sessions().expireOverdue()).isEqualTo(1);

        assertThat(rawState(f, s.id())).doesNotContain("\"evidence\"");
        assertThat(f.jdbc().sql("SELECT status FROM liveness_session WHERE id = ?").param(s.id()).query(String.class).single())
                .isEqualTo(SessionStatus.EXPIRED.name());
        assertThat(f.sessions().expireOverdue()).as("already expired").isZero();
    }

    @DatabaseTest
    void afterTheVerdictTheSealedEvidenceIsGoneButTheFingerprintsRemain(TestDatabase db) throws Exception {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        f.sessions().submitReference(s.token(), f.photos().frontal(), null);
        perform(f, s, ChallengeType.SMILE);

        JsonNode during = JSON.readTree(rawState(f, s.id()));
        assertThat(during.findValues("evidence")).as("sealed evidence of the reference and the SMILE photo").hasSize(2);
        assertNoBiometricsInClear(during);
        for (JsonNode sealed : during.findValues("evidence")) {
            byte[] bytes = Base64.getDecoder().decode(sealed.asText());
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("sealed, not serialised in clear")
                    .doesNotContain("landmarks", "embedding", "model");
        }

        LivenessSessions.Capture last = perform(f, s, ChallengeType.TURN_LEFT);
        assertThat(result(last).alive()).as(result(last).failureDetail()).isTrue();

        String raw = rawState(f, s.id());
        JsonNode after = JSON.readTree(raw);
        assertThat(after.findValues("evidence")).isEmpty();
        assertThat(raw).doesNotContain("\"evidence\"");
        assertNoBiometricsInClear(after);
        for (JsonNode c : after.path("challenges")) {
            assertThat(c.path("status").asText()).isEqualTo("MET");
            assertThat(c.path("fingerprint").path("imageHash").isIntegralNumber()).as(c.toString()).isTrue();
            assertThat(c.path("fingerprint").path("faceHash").isIntegralNumber()).isTrue();
            assertThat(c.path("photoId").asText()).isNotBlank();
        }
        assertThat(after.path("reference").path("fingerprint").path("imageHash").isIntegralNumber()).isTrue();
        assertThat(after.path("result").path("isAlive").asBoolean()).isTrue();
        assertThat(after.path("result").path("checks").get(0).path("check").asText()).isEqualTo("replay");
    }

    @DatabaseTest
    void theStoredPhotoIsEncrypted(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        byte[] upload = f.photos().performing(ChallengeType.SMILE);
        LivenessSessions.Capture capture = submit(f, s, ChallengeType.SMILE, upload);

        String photoId = capture.challenge().photoId();
        assertThat(photoIdsOf(f, s.id())).containsExactly(photoId);
        byte[] stored = f.jdbc().sql("SELECT content FROM photo WHERE id = ?").param(photoId)
                .query((rs, i) -> rs.getBytes(1)).single();
        assertThat(stored).isNotEqualTo(upload);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("no part of the upload in clear").doesNotContain("canned photo");
        assertThat(f.photoStore().load(f.tenant(), photoId)).hasValueSatisfying(p -> assertThat(p).isEqualTo(upload));
    }

    @DatabaseTest
    void photosOfFailedAttemptsAreNotKept(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);

        LivenessSessions.Capture blank = submit(f, s, ChallengeType.TURN_LEFT, f.photos().noFace());
        assertThat(blank.challenge().outcome().failureReason()).isEqualTo(FailureReason.NO_FACE);
        LivenessSessions.Capture wrong = submit(f, s, ChallengeType.TURN_LEFT, f.photos().frontal());
        assertThat(wrong.challenge().outcome().met()).isFalse();
        assertThat(wrong.challenge().attempts()).isEqualTo(2);
        assertThat(photoIdsOf(f, s.id())).as("photos of failed attempts").isEmpty();

        byte[] smile = f.photos().performing(ChallengeType.SMILE);
        submit(f, s, ChallengeType.SMILE, smile);
        assertThat(photoIdsOf(f, s.id())).hasSize(1);
        LivenessSessions.Capture last = perform(f, s, ChallengeType.TURN_LEFT);
        assertThat(result(last).alive()).as(result(last).failureDetail()).isTrue();
        assertThat(last.challenge().attempts()).isEqualTo(3);
        assertThat(photoIdsOf(f, s.id())).containsExactlyInAnyOrderElementsOf(acceptedPhotoIds(last.session()));

        // A replayed photo ends its session, and is not kept either.
        Started replay = start(f, "bob", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        LivenessSessions.Capture replayed = submit(f, replay, ChallengeType.SMILE, smile);
        assertThat(result(replayed).failureReason()).isEqualTo(FailureReason.REPLAYED_IMAGE);
        assertThat(replayed.challenge().outcome().failureReason()).isEqualTo(FailureReason.REPLAYED_IMAGE);
        assertThat(photoIdsOf(f, replay.id())).isEmpty();

        // Nor are those of a challenge that fails after the retries.
        Started failing = start(f, "carol", ChallengeType.TURN_RIGHT, ChallengeType.BLINK);
        LivenessSessions.Capture end = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            end = submit(f, failing, ChallengeType.BLINK, f.photos().frontal());
        }
        assertThat(end.session().status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(result(end).failureReason()).isEqualTo(FailureReason.CHALLENGE_NOT_MET);
        assertThat(photoIdsOf(f, failing.id())).isEmpty();
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM photo").query(Long.class).single()).isEqualTo(2);
    }

    /**
     * On H2 only: 502 sessions through the core cost ~17 s on PostgreSQL; the lookup's SQL is
     * tested on both databases, with 600 fingerprints, in {@code ReplayFingerprintsTest}.
     */
    @DatabaseTest
    void aPhotoReusedAfter501NewerSessionsOfTheTenantIsStillAReplay(TestDatabase db, DatabaseKind kind) {
        assumeTrue(kind == DatabaseKind.H2, "the core's part runs on H2; the store's SQL on both databases elsewhere");
        Fixture f = fixture(db);
        Started first = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        byte[] smile = f.photos().performing(ChallengeType.SMILE);
        assertThat(submit(f, first, ChallengeType.SMILE, smile).challenge().status()).isEqualTo(ChallengeStatus.MET);
        for (int i = 0; i < 501; i++) {
            f.clock().advance(Duration.ofSeconds(10));
            Started other = start(f, "user-" + i, ChallengeType.TURN_LEFT, ChallengeType.SMILE);
            submit(f, other, ChallengeType.SMILE, f.photos().performing(ChallengeType.SMILE));
        }
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM replay_fingerprint").query(Long.class).single()).isEqualTo(502);

        Started late = start(f, "mallory", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        LivenessSessions.Capture replayed = submit(f, late, ChallengeType.SMILE, smile);

        assertThat(result(replayed).failureReason()).isEqualTo(FailureReason.REPLAYED_IMAGE);
        assertThat(result(replayed).failureDetail()).contains("a photo of a recent session");
    }

    @DatabaseTest
    void aPhotoOlderThanTheReplayWindowIsNoLongerComparedAndAReferenceMayRecur(TestDatabase db) {
        Fixture f = fixture(db);
        Started first = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        byte[] smile = f.photos().performing(ChallengeType.SMILE);
        byte[] reference = f.photos().frontal();
        f.sessions().submitReference(first.token(), reference, null);
        submit(f, first, ChallengeType.SMILE, smile);

        f.clock().advance(Duration.ofMinutes(30));
        Started again = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        f.sessions().submitReference(again.token(), reference, null);
        assertThat(perform(f, again, ChallengeType.SMILE).challenge().status())
                .as("the same stored reference selfie in a second session is not a replay").isEqualTo(ChallengeStatus.MET);

        f.clock().advance(REPLAY_WINDOW);
        Started later = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        assertThat(submit(f, later, ChallengeType.SMILE, smile).challenge().status())
                .as("the first session's photo is out of the replay window").isEqualTo(ChallengeStatus.MET);
    }

    @DatabaseTest
    void aSessionEndingOnAttemptsNamesAFlatPictureAmongItsAcceptedPhotos(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE, ChallengeType.BLINK);
        CannedEvidence.Shot frontal = CannedEvidence.shot();
        // A real face at another angle as reference: it takes no part in the 3-D check.
        f.sessions().submitReference(s.token(), f.photos().photo(Examination.usable(
                CannedEvidence.shot().yaw(-25).landmarks(CannedEvidence.view(-25, 0)).evidence())), null);
        // The "turned" photo is the frontal picture tilted: its landmarks move by one homography.
        byte[] print = f.photos().photo(Examination.usable(
                CannedEvidence.shot().yaw(25).landmarks(CannedEvidence.tiltedPrint(frontal.landmarks(), 40)).evidence()));
        byte[] printSmiling = f.photos().photo(Examination.usable(CannedEvidence.shot().smile(0.8)
                .landmarks(CannedEvidence.tiltedPrint(frontal.landmarks(), 2)).evidence()));
        assertThat(submit(f, s, ChallengeType.SMILE, printSmiling).challenge().status()).isEqualTo(ChallengeStatus.MET);
        assertThat(submit(f, s, ChallengeType.TURN_LEFT, print).challenge().status()).as("the turn itself is performed")
                .isEqualTo(ChallengeStatus.MET);
        LivenessSessions.Capture end = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            end = submit(f, s, ChallengeType.BLINK, f.photos().frontal());
        }
        assertThat(result(end).failureReason()).isEqualTo(FailureReason.PLANAR_SURFACE);
        assertThat(result(end).failureDetail()).contains("BLINK", "not met after 3 attempt(s)");
    }

    @DatabaseTest
    void retentionRemovesTheSessionsPhotosAndKeepsTheVerdict(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        f.sessions().submitReference(s.token(), f.photos().frontal(), null);
        perform(f, s, ChallengeType.SMILE);
        LivenessSessions.Capture last = perform(f, s, ChallengeType.TURN_LEFT);
        assertThat(result(last).alive()).isTrue();
        List<String> kept = photoIdsOf(f, s.id());
        assertThat(kept).hasSize(3);

        assertThat(f.photoStore().purgeOlderThan(f.clock().instant().minus(Duration.ofDays(30)))).isZero();
        f.clock().advance(Duration.ofDays(31));
        assertThat(f.photoStore().purgeOlderThan(f.clock().instant().minus(Duration.ofDays(30)))).isEqualTo(3);

        assertThat(photoIdsOf(f, s.id())).isEmpty();
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM photo WHERE user_id = 'alice'").query(Long.class).single()).isZero();
        kept.forEach(id -> assertThat(f.photoStore().load(f.tenant(), id)).isEmpty());
        LivenessSession stored = f.sessions().get(f.tenant(), s.id());
        assertThat(stored.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(stored.result()).hasValueSatisfying(r -> assertThat(r.alive()).isTrue());
    }

    @DatabaseTest
    void erasureLeavesNoRowOfTheUser(TestDatabase db) {
        Fixture f = fixture(db);
        Started done = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        perform(f, done, ChallengeType.SMILE);
        perform(f, done, ChallengeType.TURN_LEFT);
        f.clock().advance(Duration.ofMinutes(1));
        Started open = start(f, "alice", ChallengeType.TURN_RIGHT, ChallengeType.OPEN_MOUTH);
        f.sessions().submitReference(open.token(), f.photos().frontal(), null);
        Started bobs = start(f, "bob", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        f.sessions().submitReference(bobs.token(), f.photos().otherPerson(), null);
        assertThat(rows(f, "photo", "alice")).isEqualTo(3);
        long bobsEvents = rows(f, "audit_event", "bob");

        UserErasure erasure = new UserErasure(List.of(
                PersonalData.of("auditEvents", PersonalData.ORDER_AUDIT, f.audit()::eraseUser),
                PersonalData.of("sessions", PersonalData.ORDER_SESSIONS, f.sessions()::eraseUser),
                PersonalData.of("replayFingerprints", PersonalData.ORDER_DERIVED, f.fingerprints()::eraseUser),
                PersonalData.of("photos", PersonalData.ORDER_PHOTOS, f.photoStore()::eraseUser)), db.transactions());
        UserErasure.Erased erased = erasure.erase(f.tenant(), "alice");

        assertThat(erased.of("sessions")).isEqualTo(2);
        assertThat(erased.of("photos")).isEqualTo(3);
        assertThat(erased.of("auditEvents")).isPositive();
        assertThat(erased.of("replayFingerprints")).as("the accepted photos and the reference").isEqualTo(3);
        assertThat(erased.counts().keySet()).as("photos first, the audit trail last")
                .containsExactly("photos", "sessions", "replayFingerprints", "auditEvents");
        for (String table : List.of("liveness_session", "photo", "audit_event", "replay_fingerprint")) {
            assertThat(rows(f, table, "alice")).as(table).isZero();
        }
        assertThat(rows(f, "liveness_session", "bob")).isEqualTo(1);
        assertThat(rows(f, "replay_fingerprint", "bob")).isEqualTo(1);
        assertThat(rows(f, "photo", "bob")).isEqualTo(1);
        assertThat(rows(f, "audit_event", "bob")).isEqualTo(bobsEvents);
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE message = 'USER_ERASED' AND user_id IS NULL")
                .query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> f.sessions().get(f.tenant(), done.id())).isInstanceOf(SessionException.NotFound.class);
        assertThatThrownBy(() -> f.sessions().submitReference(open.token(), f.photos().frontal(), null))
                .isInstanceOf(SessionException.InvalidToken.class);
        assertThat(f.sessions().list(f.tenant(), "alice", 1, 20).total()).isZero();
    }

    /** Landmarks and face templates appear in the state only sealed: no field of that name, no array of numbers. */
    private static void assertNoBiometricsInClear(JsonNode node) {
        assertThat(node.findValues("landmarks")).isEmpty();
        assertThat(node.findValues("embedding")).isEmpty();
        if (node.isArray()) {
            node.forEach(element -> assertThat(element.isNumber()).as("a number array in the state: %s", node).isFalse());
        }
        node.forEach(LivenessSessionsTest::assertNoBiometricsInClear);
    }
}
