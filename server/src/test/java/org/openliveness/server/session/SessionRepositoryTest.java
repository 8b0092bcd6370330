package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.server.Sha256;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

/**
 * {@code liveness_session} rows on H2 and PostgreSQL: lookups, the optimistic lock on
 * {@code version}, paging, the replay window's fingerprints and the JSON state. A plain
 * {@link ObjectMapper} suffices: the state holds no {@code java.time} values and Jackson reads
 * records (such as {@link Fingerprint}) natively.
 */
class SessionRepositoryTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00.123456Z");

    private final MutableClock clock = new MutableClock(T0);

    private record Fixture(SessionRepository repository, String tenant, String otherTenant) {
    }

    private Fixture fixture(TestDatabase db) {
        Tenants tenants = new Tenants(db.jdbc(), clock);
        return new Fixture(new SessionRepository(db.jdbc(), new ObjectMapper()),
                tenants.findOrCreate("acme").id(), tenants.findOrCreate("globex").id());
    }

    private static LivenessSession session(String tenant, String user, Instant created, SessionState state) {
        String id = UUID.randomUUID().toString();
        return new LivenessSession(id, tenant, user, "ext-" + id.substring(0, 8), Sha256.hex("ses_" + id),
                LivenessSession.IN_PROGRESS, created, created.plus(Duration.ofMinutes(10)), null, 0, state);
    }

    private static SessionState stateWith(ChallengeType... types) {
        SessionState state = new SessionState();
        for (ChallengeType type : types) {
            SessionState.Challenge c = new SessionState.Challenge();
            c.id = "ch_" + type.ordinal();
            c.type = type;
            state.challenges.add(c);
        }
        return state;
    }

    private static Fingerprint fingerprint(int n) {
        return new Fingerprint(0x1234_5678_9abc_def0L + n, -n, 30.25 + n, -4.5, 0.75, 0.125, 0.5 + n / 100.0);
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
        assertThat(found.status()).isEqualTo(LivenessSession.IN_PROGRESS);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(found.completedAt()).isNull();
        assertThat(found.version()).isZero();
        assertThat(found.state().challenges).extracting(c -> c.type).containsExactly(ChallengeType.TURN_LEFT, ChallengeType.SMILE);

        assertThat(f.repository().find(f.otherTenant(), s.id())).as("another tenant's session id").isEmpty();
        assertThat(f.repository().find(f.tenant(), UUID.randomUUID().toString())).isEmpty();
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
    void anUpdateSucceedsAgainstTheVersionItReadAndFailsWithAStaleOne(TestDatabase db) {
        Fixture f = fixture(db);
        LivenessSession s = session(f.tenant(), "alice", T0, stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE));
        f.repository().insert(s);

        // Two writers read the same version.
        LivenessSession first = f.repository().find(f.tenant(), s.id()).orElseThrow();
        LivenessSession second = f.repository().find(f.tenant(), s.id()).orElseThrow();

        first.state().challenges.get(0).status = SessionState.ChallengeStatus.MET;
        first.state().challenges.get(0).attempts = 1;
        assertThat(f.repository().update(first.with(LivenessSession.IN_PROGRESS, null, first.state()))).isTrue();

        second.state().challenges.get(1).status = SessionState.ChallengeStatus.MET;
        assertThat(f.repository().update(second.with(LivenessSession.COMPLETED, T0.plusSeconds(5), second.state())))
                .as("stale version: the optimistic lock refuses the write").isFalse();

        LivenessSession now = f.repository().find(f.tenant(), s.id()).orElseThrow();
        assertThat(now.version()).isEqualTo(1);
        assertThat(now.status()).isEqualTo(LivenessSession.IN_PROGRESS);
        assertThat(now.completedAt()).isNull();
        assertThat(now.state().challenges).extracting(c -> c.status)
                .containsExactly(SessionState.ChallengeStatus.MET, SessionState.ChallengeStatus.PENDING);

        // The loser re-reads and applies its change again.
        now.state().challenges.get(1).status = SessionState.ChallengeStatus.MET;
        assertThat(f.repository().update(now.with(LivenessSession.COMPLETED, T0.plusSeconds(5), now.state()))).isTrue();
        LivenessSession last = f.repository().find(f.tenant(), s.id()).orElseThrow();
        assertThat(last.version()).isEqualTo(2);
        assertThat(last.status()).isEqualTo(LivenessSession.COMPLETED);
        assertThat(last.completedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(last.state().completed()).isEqualTo(2);
        assertThat(f.repository().update(now)).as("version 1 is stale now").isFalse();
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
    }

    private static List<String> newestFirst(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }

    @DatabaseTest
    void recentFingerprintsAreThoseOfTheTenantsOtherRecentSessions(TestDatabase db) {
        Fixture f = fixture(db);
        Instant since = T0.minus(Duration.ofHours(24));

        SessionState current = stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        current.challenges.get(0).fingerprint = fingerprint(1);
        LivenessSession self = session(f.tenant(), "alice", T0, current);

        SessionState recent = stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE, ChallengeType.BLINK);
        recent.challenges.get(0).fingerprint = fingerprint(2);
        recent.challenges.get(1).fingerprint = fingerprint(3);
        recent.reference = new SessionState.Reference();
        recent.reference.photoId = "p-ref";
        recent.reference.fingerprint = fingerprint(4);
        LivenessSession other = session(f.tenant(), "bob", T0.minus(Duration.ofHours(2)), recent);

        SessionState newer = stateWith(ChallengeType.TURN_RIGHT, ChallengeType.OPEN_MOUTH);
        newer.challenges.get(1).fingerprint = fingerprint(5);
        LivenessSession newest = session(f.tenant(), "carol", T0.minus(Duration.ofMinutes(5)), newer);

        SessionState old = stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        old.challenges.get(0).fingerprint = fingerprint(6);
        LivenessSession tooOld = session(f.tenant(), "alice", since.minusSeconds(1), old);

        SessionState foreign = stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE);
        foreign.challenges.get(0).fingerprint = fingerprint(7);
        LivenessSession otherTenants = session(f.otherTenant(), "alice", T0.minus(Duration.ofMinutes(1)), foreign);

        for (LivenessSession s : List.of(self, other, newest, tooOld, otherTenants)) {
            f.repository().insert(s);
        }

        assertThat(f.repository().recentFingerprints(f.tenant(), since, self.id(), 500))
                .containsExactlyInAnyOrder(fingerprint(2), fingerprint(3), fingerprint(4), fingerprint(5));
        assertThat(f.repository().recentFingerprints(f.tenant(), since, self.id(), 1))
                .as("at most the newest session").containsExactly(fingerprint(5));
        assertThat(f.repository().recentFingerprints(f.tenant(), since, other.id(), 500))
                .containsExactlyInAnyOrder(fingerprint(1), fingerprint(5));
        assertThat(f.repository().recentFingerprints(f.otherTenant(), since, UUID.randomUUID().toString(), 500))
                .containsExactly(fingerprint(7));
        assertThat(f.repository().recentFingerprints(f.tenant(), T0.plusSeconds(1), self.id(), 500)).isEmpty();
    }

    @DatabaseTest
    void theStateSurvivesTheJsonRoundTrip(TestDatabase db) {
        Fixture f = fixture(db);
        SessionState state = stateWith(ChallengeType.TURN_LEFT, ChallengeType.SMILE, ChallengeType.OPEN_MOUTH);

        SessionState.Challenge met = state.challenges.get(0);
        met.status = SessionState.ChallengeStatus.MET;
        met.attempts = 2;
        met.photoId = UUID.randomUUID().toString();
        met.evidence = "c2VhbGVkIGV2aWRlbmNl";
        met.fingerprint = fingerprint(1);
        met.outcome = new SessionState.Outcome();
        met.outcome.met = true;
        met.outcome.measure = "yawChange";
        met.outcome.value = 27.5;
        met.outcome.threshold = 20.0;
        met.outcome.baseline = -1.25;
        met.outcome.detail = "turned 27.5° from −1.25° (\"needed\" 20°)\nok";

        SessionState.Challenge failed = state.challenges.get(1);
        failed.status = SessionState.ChallengeStatus.FAILED;
        failed.attempts = 3;
        failed.outcome = new SessionState.Outcome();
        failed.outcome.met = false;
        failed.outcome.failureReason = "CHALLENGE_NOT_MET";
        failed.outcome.measure = "smile";
        failed.outcome.value = 0.1;
        failed.outcome.threshold = 0.6;
        failed.outcome.detail = "no smile";

        state.reference = new SessionState.Reference();
        state.reference.photoId = UUID.randomUUID().toString();
        state.reference.evidence = "cmVmZXJlbmNl";
        state.reference.fingerprint = fingerprint(2);

        state.result = new SessionState.Result();
        state.result.isAlive = false;
        state.result.confidence = 0.1234;
        state.result.antiSpoofScore = 0.5;
        state.result.faceMatchScore = 0.9876;
        state.result.failureReason = "CHALLENGE_NOT_MET";
        state.result.failureDetail = "SMILE (ch_3) not met after 3 attempt(s): no smile";
        SessionState.Check check = new SessionState.Check();
        check.check = "depth";
        check.status = "PASSED";
        check.score = 0.75;
        check.detail = "two views";
        SessionState.Check skipped = new SessionState.Check();
        skipped.check = "faceMatch";
        skipped.status = "SKIPPED";
        state.result.checks.add(check);
        state.result.checks.add(skipped);

        LivenessSession s = session(f.tenant(), "alice", T0, state);
        f.repository().insert(s);
        LivenessSession read = f.repository().find(f.tenant(), s.id()).orElseThrow();

        assertThat(read.state()).usingRecursiveComparison().isEqualTo(state);
        assertThat(read.state().challenges.get(2).outcome).isNull();
        assertThat(read.state().challenges.get(2).status).isEqualTo(SessionState.ChallengeStatus.PENDING);
        assertThat(read.state().result.checks.get(1).score).isNull();
        assertThat(read.state().completed()).isEqualTo(1);

        // The same after an update, on the row found by token.
        read.state().challenges.get(2).attempts = 1;
        assertThat(f.repository().update(read.with(LivenessSession.COMPLETED, T0.plusSeconds(30), read.state()))).isTrue();
        LivenessSession updated = f.repository().findByTokenHash(s.tokenHash()).orElseThrow();
        assertThat(updated.state()).usingRecursiveComparison().isEqualTo(read.state());
        assertThat(updated.state().challenges.get(0).fingerprint).isEqualTo(fingerprint(1));
    }
}
