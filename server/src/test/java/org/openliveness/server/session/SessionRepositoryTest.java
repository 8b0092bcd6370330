package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.openliveness.engine.verdict.Check;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.Measure;
import org.openliveness.engine.verdict.UploadJudgement;
import org.openliveness.engine.verdict.ChallengeOutcome;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.server.Sha256;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

/**
 * {@code liveness_session} rows on H2 and PostgreSQL: lookups, the update with its optimistic
 * lock on {@code version}, paging, and the JSON state (including rows written by earlier versions). A plain
 * {@link ObjectMapper} suffices: the state holds no {@code java.time} values and Jackson reads
 * records (such as {@link Fingerprint}) natively.
 */
class SessionRepositoryTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.123456Z");

    private final MutableClock clock = new MutableClock(T0);

    private record Fixture(TestDatabase db, SessionRepository repository, String tenant, String otherTenant) {
    }

    private Fixture fixture(TestDatabase db) {
        Tenants tenants = new Tenants(db.jdbc(), clock);
        return new Fixture(db, new SessionRepository(db.jdbc(), new ObjectMapper()),
                tenants.findOrCreate("acme").id(), tenants.findOrCreate("globex").id());
    }

    private static LivenessSession session(String tenant, String user, Instant created, SessionState state) {
        String id = UUID.randomUUID().toString();
        return new LivenessSession(id, tenant, user, "ext-" + id.substring(0, 8), Sha256.hex("ses_" + id),
                SessionStatus.IN_PROGRESS, created, created.plus(Duration.ofMinutes(10)), null, 0, state);
    }

    private static SessionState stateWith(ChallengeType... types) {
        List<SessionChallenge> challenges = new ArrayList<>();
        for (ChallengeType type : types) {
            challenges.add(SessionChallenge.pending("ch_" + type.ordinal(), type));
        }
        return new SessionState(challenges, null, null);
    }

    private static Fingerprint fingerprint(int n) {
        return new Fingerprint(0x1234_5678_9abc_def0L + n, -n, 30.25 + n, -4.5, 0.75, 0.125, 0.5 + n / 100.0);
    }

    /** What the judge would say of a photo that meets {@code type} without ending the session. */
    private static UploadJudgement accepted(ChallengeType type) {
        return new UploadJudgement(new ChallengeOutcome(type, true, null, Measure.YAW_CHANGE, 25, 20, 0, 0.7, "turned"), true, null);
    }

    @DatabaseTest
    void insertsAndFindsBySessionIdWithinTheTenantOnly(TestDatabase db) {
        Fixture f = fixture(db);
        LivenessSession s = session(f.tenant(), "alice", T0, stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE));

        f.repository().insert(s);

        LivenessSession found = f.repository().find(f.tenant(), s.id()).orElseThrow();
        assertThat(found.id()).isEqualTo(s.id());
        assertThat(found.tenantId()).isEqualTo(f.tenant());
        assertThat(found.userId()).isEqualTo("alice");
        assertThat(found.externalReference()).isEqualTo(s.externalReference());
        assertThat(found.tokenHash()).isEqualTo(s.tokenHash());
        assertThat(found.status()).isEqualTo(SessionStatus.IN_PROGRESS);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(found.completedAt()).isNull();
        assertThat(found.version()).isZero();
        assertThat(found.challenges()).extracting(SessionChallenge::type).containsExactly(ChallengeType.TURN_LEFT, ChallengeType.SMILE);

        assertThat(f.repository().find(f.otherTenant(), s.id())).as("another tenant's session id").isEmpty();
        assertThat(f.repository().find(f.tenant(), UUID.randomUUID().toString())).isEmpty();
        assertThat(f.repository().findById(s.id())).hasValueSatisfying(x -> assertThat(x.tenantId()).isEqualTo(f.tenant()));
    }

    @DatabaseTest
    void findsBySessionTokenHash(TestDatabase db) {
        Fixture f = fixture(db);
        LivenessSession a = session(f.tenant(), "alice", T0, stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE));
        LivenessSession b = session(f.otherTenant(), "alice", T0, stateWith(ChallengeType.TURN_RIGHT, ChallengeType.BLINK));
        f.repository().insert(a);
        f.repository().insert(b);

        assertThat(f.repository().findByTokenHash(a.tokenHash())).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(a.id()));
        assertThat(f.repository().findByTokenHash(b.tokenHash())).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo(b.id());
            assertThat(s.tenantId()).isEqualTo(f.otherTenant());
        });
        assertThat(f.repository().findByTokenHash(Sha256.hex("ses_unknown"))).isEmpty();
    }

    @DatabaseTest
    void anUpdateThatLosesARaceReadsAgainAndAppliesItsChangeAgain(TestDatabase db) {
        Fixture f = fixture(db);
        LivenessSession s = session(f.tenant(), "alice", T0, stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE));
        f.repository().insert(s);
        AtomicInteger runs = new AtomicInteger();

        LivenessSession written = f.repository().update(s.id(), current -> {
            if (runs.incrementAndGet() == 1) {
                // Another writer gets in between this read and this write.
                f.repository().update(s.id(), other -> other.setReference("photo-ref", null, fingerprint(9)));
            }
            current.recordAttempt("ch_" + ChallengeType.TURN_LEFT.ordinal(), accepted(ChallengeType.TURN_LEFT), CaptureMode.PHOTO, "photo-1",
                    "c2VhbGVk", fingerprint(1), T0);
        });

        assertThat(runs.get()).as("the change ran again on the re-read session").isEqualTo(2);
        assertThat(written.version()).isEqualTo(2);
        LivenessSession now = f.repository().find(f.tenant(), s.id()).orElseThrow();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.hasReference()).as("the other writer's change is kept").isTrue();
        assertThat(now.challenges()).extracting(SessionChallenge::status).containsExactly(ChallengeStatus.MET, ChallengeStatus.PENDING);
    }

    @DatabaseTest
    void anUpdateGivesUpAsBusyWhenOtherWritersKeepWinning(TestDatabase db) {
        Fixture f = fixture(db);
        LivenessSession s = session(f.tenant(), "alice", T0, stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE));
        f.repository().insert(s);
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> f.repository().update(s.id(), current -> {
            runs.incrementAndGet();
            f.db().jdbc().sql("UPDATE liveness_session SET version = version + 1 WHERE id = ?").param(s.id()).update();
        })).isInstanceOf(SessionException.Busy.class);
        assertThat(runs.get()).isEqualTo(SessionRepository.MAX_WRITE_ATTEMPTS);
        assertThatThrownBy(() -> f.repository().update(UUID.randomUUID().toString(), current -> { }))
                .isInstanceOf(SessionException.NotFound.class);
    }

    @DatabaseTest
    void aDomainRefusalInsideTheChangeWritesNothing(TestDatabase db) {
        Fixture f = fixture(db);
        LivenessSession s = session(f.tenant(), "alice", T0, stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE));
        f.repository().insert(s);

        assertThatThrownBy(() -> f.repository().update(s.id(), current -> current.requirePending("ch_missing")))
                .isInstanceOf(SessionException.ChallengeNotFound.class);
        assertThat(f.repository().find(f.tenant(), s.id()).orElseThrow().version()).isZero();
    }

    @DatabaseTest
    void pagesAUsersSessionsNewestFirstAndCountsThem(TestDatabase db) {
        Fixture f = fixture(db);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LivenessSession s = session(f.tenant(), "alice", T0.plus(Duration.ofMinutes(i)), stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE));
            f.repository().insert(s);
            ids.add(s.id());
        }
        f.repository().insert(session(f.tenant(), "bob", T0.plus(Duration.ofHours(1)), stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE)));
        f.repository().insert(session(f.otherTenant(), "alice", T0.plus(Duration.ofHours(1)), stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE)));

        assertThat(f.repository().findByUser(f.tenant(), "alice", 1, 2)).extracting(LivenessSession::id)
                .containsExactly(ids.get(4), ids.get(3));
        assertThat(f.repository().findByUser(f.tenant(), "alice", 2, 2)).extracting(LivenessSession::id)
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(f.repository().findByUser(f.tenant(), "alice", 3, 2)).extracting(LivenessSession::id)
                .containsExactly(ids.get(0));
        assertThat(f.repository().findByUser(f.tenant(), "alice", 4, 2)).isEmpty();
        assertThat(f.repository().findByUser(f.tenant(), "alice", 1, 100)).extracting(LivenessSession::id)
                .containsExactlyElementsOf(newestFirst(ids));
        assertThat(f.repository().countByUser(f.tenant(), "alice")).isEqualTo(5);
        assertThat(f.repository().countByUser(f.tenant(), "bob")).isEqualTo(1);
        assertThat(f.repository().countByUser(f.otherTenant(), "alice")).isEqualTo(1);
        assertThat(f.repository().countByUser(f.tenant(), "nobody")).isZero();
        assertThat(f.repository().findByUser(f.tenant(), "nobody", 1, 20)).isEmpty();
        assertThat(f.repository().deleteUser(f.tenant(), "alice")).isEqualTo(5);
        assertThat(f.repository().countByUser(f.otherTenant(), "alice")).as("another tenant's alice stays").isEqualTo(1);
    }

    private static List<String> newestFirst(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }

    @DatabaseTest
    void theStateSurvivesTheJsonRoundTrip(TestDatabase db) {
        Fixture f = fixture(db);
        SessionState pending = stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE, ChallengeType.OPEN_MOUTH);
        SessionChallenge turn = pending.challenges().get(0);
        SessionChallenge smile = pending.challenges().get(1);
        SessionState state = new SessionState(List.of(
                new SessionChallenge(turn.id(), turn.type(), ChallengeStatus.MET, 2,
                        new AttemptOutcome(true, null, Measure.YAW_CHANGE, 27.5, 20.0, -1.25, "turned 27.5° from −1.25° (\"needed\" 20°)\nok"),
                        UUID.randomUUID().toString(), "c2VhbGVkIGV2aWRlbmNl", fingerprint(1)),
                new SessionChallenge(smile.id(), smile.type(), ChallengeStatus.FAILED, 3,
                        new AttemptOutcome(false, FailureReason.CHALLENGE_NOT_MET, Measure.SMILE, 0.1, 0.6, null, "no smile"),
                        null, null, null),
                pending.challenges().get(2)),
                new ReferencePhoto(UUID.randomUUID().toString(), "cmVmZXJlbmNl", fingerprint(2)),
                new SessionResult(false, 0.1234, 0.5, 0.9876, FailureReason.CHALLENGE_NOT_MET,
                        "SMILE (ch_3) not met after 3 attempt(s): no smile", List.of(
                        new SessionResult.CheckSummary(Check.PLANARITY, CheckResult.Status.PASS, 0.75, "two views"),
                        new SessionResult.CheckSummary(Check.FACE_MATCH, CheckResult.Status.NOT_APPLICABLE, null, "no reference"))));

        LivenessSession s = session(f.tenant(), "alice", T0, state);
        f.repository().insert(s);
        LivenessSession read = f.repository().find(f.tenant(), s.id()).orElseThrow();

        assertThat(read.state()).isEqualTo(state);
        assertThat(read.challenges().get(2).outcome()).isNull();
        assertThat(read.challenges().get(2).status()).isEqualTo(ChallengeStatus.PENDING);
        assertThat(read.result().orElseThrow().checks().get(1).score()).isNull();
        assertThat(read.challengesCompleted()).isEqualTo(1);
        assertThat(f.db().jdbc().sql("SELECT state FROM liveness_session WHERE id = ?").param(s.id()).query(String.class).single())
                .as("stable names in the stored JSON").contains("\"isAlive\":false", "\"measure\":\"yawChange\"", "\"check\":\"planarity\"");
    }

    @DatabaseTest
    void aRowWrittenByTheEarlierVersionIsReadWithItsTypes(TestDatabase db) {
        Fixture f = fixture(db);
        // The state as the service stored it before the typed domain (string statuses, names and reasons).
        String earlier = """
                {"challenges":[{"id":"ch_a","type":"TURN_LEFT","status":"MET","attempts":1,
                  "outcome":{"met":true,"measure":"yawChange","value":27.5,"threshold":20.0,"baseline":0.5,"detail":"turned"},
                  "photoId":"p1","fingerprint":{"imageHash":1,"faceHash":2,"yaw":27.5,"pitch":0.0,"eyes":0.9,"mouth":0.1,"smile":0.1}},
                 {"id":"ch_b","type":"BLINK","status":"FAILED","attempts":3,
                  "outcome":{"met":false,"failureReason":"NO_FACE","detail":"no face found in the photo"}}],
                 "reference":{"photoId":"p0","fingerprint":{"imageHash":3,"faceHash":4,"yaw":0.0,"pitch":0.0,"eyes":0.9,"mouth":0.1,"smile":0.1}},
                 "result":{"isAlive":false,"confidence":0.0,"antiSpoofScore":0.0,"failureReason":"NO_FACE","failureDetail":"BLINK not met",
                  "checks":[{"check":"passiveAntiSpoof","status":"NOT_APPLICABLE","detail":"reported"}]}}""";
        String id = UUID.randomUUID().toString();
        f.db().jdbc().sql("INSERT INTO liveness_session (id, tenant_id, user_id, token_hash, status, created_at, expires_at,"
                        + " completed_at, version, state) VALUES (?, ?, 'alice', ?, 'COMPLETED', ?, ?, ?, 4, ?)")
                .params(id, f.tenant(), Sha256.hex(id), T0.atOffset(java.time.ZoneOffset.UTC),
                        T0.plusSeconds(600).atOffset(java.time.ZoneOffset.UTC), T0.plusSeconds(60).atOffset(java.time.ZoneOffset.UTC),
                        earlier.replace("\n", ""))
                .update();

        LivenessSession read = f.repository().find(f.tenant(), id).orElseThrow();

        assertThat(read.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(read.challenges().get(0).outcome().measure()).isEqualTo(Measure.YAW_CHANGE);
        assertThat(read.challenges().get(1).outcome().failureReason()).isEqualTo(FailureReason.NO_FACE);
        assertThat(read.challenges().get(1).status()).isEqualTo(ChallengeStatus.FAILED);
        assertThat(read.reference().fingerprint().faceHash()).isEqualTo(4);
        SessionResult r = read.result().orElseThrow();
        assertThat(r.alive()).isFalse();
        assertThat(r.failureReason()).isEqualTo(FailureReason.NO_FACE);
        assertThat(r.faceMatchScore()).isNull();
        assertThat(r.checks()).extracting(SessionResult.CheckSummary::check).containsExactly(Check.PASSIVE_ANTI_SPOOF);
    }
}
