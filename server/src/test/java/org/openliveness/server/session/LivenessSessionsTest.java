package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.LivenessJudge;
import org.openliveness.engine.verdict.VerdictThresholds;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.erasure.UserErasure;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.openliveness.server.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The session flow without HTTP, on H2 and PostgreSQL, with a clock the test moves: verdicts,
 * expiry, what is kept of the biometric data (sealed evidence, encrypted photos, retention) and
 * erasure. One engine and one set of rendered photos serve every test; each test invocation has
 * a fresh database, so reusing the photos is never a replay of an earlier test.
 */
class LivenessSessionsTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SessionProperties SETTINGS = new SessionProperties(Duration.ofMinutes(10),
            EnumSet.allOf(ChallengeType.class), 3, 2, Duration.ofHours(24), 0, Duration.ofSeconds(10));

    private static FaceEngine engine;
    private static TestPhotos photos;
    private static final Map<String, byte[]> SHOTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void loadEngineAndRenderPhotos() {
        engine = FaceEngine.create(EngineConfig.DEFAULTS);
        photos = new TestPhotos(engine);
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** A photo performing the challenge type (rendered once per test class). */
    private static byte[] performing(String type) {
        return SHOTS.computeIfAbsent(type, photos::performing);
    }

    private static byte[] frontal() {
        return SHOTS.computeIfAbsent("frontal", t -> photos.frontal());
    }

    /** A plain grey picture: decodes, but shows no face. */
    private static byte[] noFace() {
        byte[] rgb = new byte[480 * 480 * 3];
        Arrays.fill(rgb, (byte) 0x80);
        return TestPhotos.jpeg(new RgbImage(480, 480, rgb));
    }

    /** The service on one fresh database, with its own clock and photo key. */
    private record Fixture(TestDatabase db, MutableClock clock, String tenant, PhotoStore photoStore, AuditLog audit,
                           LivenessSessions sessions) {

        JdbcClient jdbc() {
            return db.jdbc();
        }
    }

    private static Fixture fixture(TestDatabase db) {
        MutableClock clock = new MutableClock(T0);
        JdbcClient jdbc = db.jdbc();
        String tenant = new Tenants(jdbc, clock).findOrCreate("acme").id();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        PhotoStore store = new PhotoStore(jdbc, new SecretKeySpec(key, "AES"), clock);
        AuditLog audit = new AuditLog(jdbc, JSON, clock);
        LivenessSessions sessions = new LivenessSessions(new SessionRepository(jdbc, JSON), store, new SealedEvidence(store, JSON),
                audit, engine, new LivenessJudge(VerdictThresholds.DEFAULTS), SETTINGS, clock);
        return new Fixture(db, clock, tenant, store, audit, sessions);
    }

    /** A created session as its client holds it. */
    private record Started(String id, String token, Map<ChallengeType, String> challengeIds) {
    }

    private static Started start(Fixture f, String userId, ChallengeType... types) {
        LivenessSessions.Created created = f.sessions().create(f.tenant(), userId, types.length, List.of(types), "order-42");
        Map<ChallengeType, String> ids = created.session().state().challenges.stream()
                .collect(Collectors.toMap(c -> c.type, c -> c.id));
        assertThat(ids.keySet()).containsExactlyInAnyOrder(types);
        return new Started(created.session().id(), created.token(), ids);
    }

    private static LivenessSessions.Capture submit(Fixture f, Started s, ChallengeType type, byte[] photo) {
        return f.sessions().submitChallenge(s.token(), s.challengeIds().get(type), photo);
    }

    private static LivenessSessions.Capture perform(Fixture f, Started s, ChallengeType type) {
        return submit(f, s, type, performing(type.name()));
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
        return s.state().challenges.stream().filter(c -> c.photoId != null).map(c -> c.photoId).toList();
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @DatabaseTest
    void photosThatPerformTheChallengesGiveAnAliveVerdict(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE, ChallengeType.OPEN_MOUTH);

        LivenessSessions.Capture first = perform(f, s, ChallengeType.SMILE);
        assertThat(first.session().status()).isEqualTo(LivenessSession.IN_PROGRESS);
        assertThat(first.session().state().completed()).isEqualTo(1);
        assertThat(first.challenge().outcome.met).isTrue();
        f.clock().advance(Duration.ofSeconds(20));
        perform(f, s, ChallengeType.OPEN_MOUTH);
        f.clock().advance(Duration.ofSeconds(20));
        LivenessSessions.Capture last = perform(f, s, ChallengeType.TURN_LEFT);

        assertThat(last.session().status()).isEqualTo(LivenessSession.COMPLETED);
        SessionState.Result result = last.session().state().result;
        assertThat(result.isAlive).as("%s: %s", result.failureReason, result.failureDetail).isTrue();
        assertThat(result.failureReason).isNull();
        assertThat(result.confidence).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);

        LivenessSession stored = f.sessions().get(f.tenant(), s.id());
        assertThat(stored.status()).isEqualTo(LivenessSession.COMPLETED);
        assertThat(stored.completedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(stored.version()).as("three writes").isEqualTo(3);
        assertThat(stored.externalReference()).isEqualTo("order-42");
        assertThat(stored.state().result.isAlive).isTrue();
        assertThat(stored.state().challenges).allSatisfy(c -> {
            assertThat(c.status).isEqualTo(SessionState.ChallengeStatus.MET);
            assertThat(c.attempts).isEqualTo(1);
            assertThat(c.outcome.met).isTrue();
        });
        assertThat(acceptedPhotoIds(stored)).hasSize(3).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(photoIdsOf(f, s.id()));
        assertThat(f.sessions().list(f.tenant(), "alice", 1, 20).total()).isEqualTo(1);
        assertThat(f.jdbc().sql("SELECT message FROM audit_event WHERE user_id = 'alice'").query(String.class).list())
                .containsExactlyInAnyOrder("SESSION_CREATED", "PROBE_IMAGE_RECORDED", "PROBE_IMAGE_RECORDED",
                        "PROBE_IMAGE_RECORDED", "VERDICT");
    }

    @DatabaseTest
    void theSessionExpiresByTheServerClock(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        perform(f, s, ChallengeType.SMILE);

        f.clock().advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(f.sessions().get(f.tenant(), s.id()).status()).isEqualTo(LivenessSession.IN_PROGRESS);

        f.clock().advance(Duration.ofSeconds(2));
        ApiException refused = refusal(() -> perform(f, s, ChallengeType.TURN_LEFT));
        assertThat(refused.code()).isEqualTo("SESSION_EXPIRED");
        assertThat(refused.status()).isEqualTo(HttpStatus.GONE);

        LivenessSession expired = f.sessions().get(f.tenant(), s.id());
        assertThat(expired.status()).isEqualTo(LivenessSession.EXPIRED);
        assertThat(expired.completedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)).plusSeconds(1));
        assertThat(expired.state().result.isAlive).isFalse();
        assertThat(expired.state().result.failureReason).isEqualTo("EXPIRED");
        assertThat(rawState(f, s.id())).doesNotContain("\"evidence\"");
        assertThat(photoIdsOf(f, s.id())).as("only the accepted SMILE photo; the late one was never stored").hasSize(1);
        assertThat(refusal(() -> perform(f, s, ChallengeType.TURN_LEFT)).code()).isEqualTo("SESSION_EXPIRED");
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
                .isEqualTo(LivenessSession.EXPIRED);
        assertThat(f.sessions().expireOverdue()).as("already expired").isZero();
    }

    @DatabaseTest
    void afterTheVerdictTheSealedEvidenceIsGoneButTheFingerprintsRemain(TestDatabase db) throws Exception {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        f.sessions().submitReference(s.token(), frontal());
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
        assertThat(last.session().state().result.isAlive).as(last.session().state().result.failureDetail).isTrue();

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
    }

    @DatabaseTest
    void theStoredPhotoIsEncrypted(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        byte[] upload = performing("SMILE");
        LivenessSessions.Capture capture = perform(f, s, ChallengeType.SMILE);

        String photoId = capture.challenge().photoId;
        assertThat(photoIdsOf(f, s.id())).containsExactly(photoId);
        byte[] stored = f.jdbc().sql("SELECT content FROM photo WHERE id = ?").param(photoId)
                .query((rs, i) -> rs.getBytes(1)).single();
        assertThat(stored).isNotEqualTo(upload);
        assertThat(indexOf(stored, upload)).as("the upload is not inside the stored bytes").isEqualTo(-1);
        for (int offset : new int[] {0, 2, 100, upload.length / 2, upload.length - 16}) {
            assertThat(indexOf(stored, Arrays.copyOfRange(upload, offset, offset + 16)))
                    .as("no 16-byte run of the upload at %d", offset).isEqualTo(-1);
        }
        assertThat(f.photoStore().load(f.tenant(), photoId)).hasValueSatisfying(p -> assertThat(p).isEqualTo(upload));
    }

    @DatabaseTest
    void photosOfFailedAttemptsAreNotKept(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);

        LivenessSessions.Capture blank = submit(f, s, ChallengeType.TURN_LEFT, noFace());
        assertThat(blank.challenge().outcome.failureReason).isEqualTo("NO_FACE");
        LivenessSessions.Capture wrong = submit(f, s, ChallengeType.TURN_LEFT, frontal());
        assertThat(wrong.challenge().outcome.met).isFalse();
        assertThat(wrong.challenge().attempts).isEqualTo(2);
        assertThat(photoIdsOf(f, s.id())).as("photos of failed attempts").isEmpty();

        perform(f, s, ChallengeType.SMILE);
        assertThat(photoIdsOf(f, s.id())).hasSize(1);
        LivenessSessions.Capture last = perform(f, s, ChallengeType.TURN_LEFT);
        assertThat(last.session().state().result.isAlive).as(last.session().state().result.failureDetail).isTrue();
        assertThat(last.challenge().attempts).isEqualTo(3);
        assertThat(photoIdsOf(f, s.id())).containsExactlyInAnyOrderElementsOf(acceptedPhotoIds(last.session()));

        // A replayed photo ends its session, and is not kept either.
        Started replay = start(f, "bob", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        LivenessSessions.Capture replayed = perform(f, replay, ChallengeType.SMILE);
        assertThat(replayed.session().state().result.failureReason).isEqualTo("REPLAYED_IMAGE");
        assertThat(photoIdsOf(f, replay.id())).isEmpty();

        // Nor are those of a challenge that fails after the retries.
        Started failing = start(f, "carol", ChallengeType.TURN_RIGHT, ChallengeType.BLINK);
        LivenessSessions.Capture end = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            end = submit(f, failing, ChallengeType.BLINK, frontal());
        }
        assertThat(end.session().status()).isEqualTo(LivenessSession.COMPLETED);
        assertThat(end.session().state().result.failureReason).isEqualTo("CHALLENGE_NOT_MET");
        assertThat(photoIdsOf(f, failing.id())).isEmpty();
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM photo").query(Long.class).single()).isEqualTo(2);
    }

    @DatabaseTest
    void retentionRemovesTheSessionsPhotosAndKeepsTheVerdict(TestDatabase db) {
        Fixture f = fixture(db);
        Started s = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        f.sessions().submitReference(s.token(), frontal());
        perform(f, s, ChallengeType.SMILE);
        LivenessSessions.Capture last = perform(f, s, ChallengeType.TURN_LEFT);
        assertThat(last.session().state().result.isAlive).isTrue();
        List<String> kept = photoIdsOf(f, s.id());
        assertThat(kept).hasSize(3);

        assertThat(f.photoStore().purgeOlderThan(f.clock().instant().minus(Duration.ofDays(30)))).isZero();
        f.clock().advance(Duration.ofDays(31));
        assertThat(f.photoStore().purgeOlderThan(f.clock().instant().minus(Duration.ofDays(30)))).isEqualTo(3);

        assertThat(photoIdsOf(f, s.id())).isEmpty();
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM photo WHERE user_id = 'alice'").query(Long.class).single()).isZero();
        kept.forEach(id -> assertThat(f.photoStore().load(f.tenant(), id)).isEmpty());
        LivenessSession stored = f.sessions().get(f.tenant(), s.id());
        assertThat(stored.status()).isEqualTo(LivenessSession.COMPLETED);
        assertThat(stored.state().result.isAlive).isTrue();
    }

    @DatabaseTest
    void erasureLeavesNoRowOfTheUser(TestDatabase db) {
        Fixture f = fixture(db);
        Started done = start(f, "alice", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        perform(f, done, ChallengeType.SMILE);
        perform(f, done, ChallengeType.TURN_LEFT);
        f.clock().advance(Duration.ofMinutes(1));
        Started open = start(f, "alice", ChallengeType.TURN_RIGHT, ChallengeType.OPEN_MOUTH);
        f.sessions().submitReference(open.token(), frontal());
        Started bobs = start(f, "bob", ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        f.sessions().submitReference(bobs.token(), photos.other(null));
        assertThat(rows(f, "photo", "alice")).isEqualTo(3);
        long bobsEvents = rows(f, "audit_event", "bob");

        UserErasure.Erased erased = new UserErasure(f.jdbc(), f.audit(), db.transactions()).erase(f.tenant(), "alice");

        assertThat(erased.sessions()).isEqualTo(2);
        assertThat(erased.photos()).isEqualTo(3);
        assertThat(erased.auditEvents()).isPositive();
        for (String table : List.of("liveness_session", "photo", "audit_event")) {
            assertThat(rows(f, table, "alice")).as(table).isZero();
        }
        assertThat(rows(f, "liveness_session", "bob")).isEqualTo(1);
        assertThat(rows(f, "photo", "bob")).isEqualTo(1);
        assertThat(rows(f, "audit_event", "bob")).isEqualTo(bobsEvents);
        assertThat(f.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE message = ? AND user_id IS NULL")
                .param(UserErasure.MESSAGE).query(Long.class).single()).isEqualTo(1);
        assertThat(refusal(() -> f.sessions().get(f.tenant(), done.id())).code()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(refusal(() -> f.sessions().submitReference(open.token(), frontal())).code()).isEqualTo("INVALID_SESSION_TOKEN");
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

    /** Where {@code part} starts in {@code whole}, or -1. */
    private static int indexOf(byte[] whole, byte[] part) {
        outer:
        for (int i = 0; i <= whole.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (whole[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
