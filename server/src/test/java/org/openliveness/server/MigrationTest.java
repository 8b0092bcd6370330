package org.openliveness.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import db.migration.V3__Copy_replay_fingerprints_from_sessions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.server.replay.ReplayFingerprints;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Flyway migrations on H2 (PostgreSQL mode) and on PostgreSQL: same tables, and the types hold what the server stores. */
class MigrationTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC);

    @DatabaseTest
    void createsExactlyTheExpectedTablesAndColumns(TestDatabase db) {
        Map<String, Set<String>> columns = new TreeMap<>();
        db.jdbc().sql("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_name IN ('tenant', 'api_key', 'liveness_session', 'photo', 'audit_event', 'replay_fingerprint', 'enrolment',
                                     'failed_attempt', 'idempotency_key', 'session_capture_token')""")
                .query(rs -> {
                    columns.computeIfAbsent(rs.getString(1).toLowerCase(), t -> new TreeSet<>()).add(rs.getString(2).toLowerCase());
                });

        assertThat(columns).isEqualTo(Map.of(
                "tenant", Set.of("id", "name", "created_at"),
                "api_key", Set.of("id", "tenant_id", "key_hash", "key_prefix", "scopes", "created_at", "revoked_at", "expires_at"),
                "liveness_session", Set.of("id", "tenant_id", "user_id", "external_reference", "token_hash", "status",
                        "created_at", "expires_at", "completed_at", "version", "state"),
                "photo", Set.of("id", "tenant_id", "user_id", "session_id", "kind", "challenge_id", "created_at", "key_id", "content"),
                "audit_event", Set.of("id", "tenant_id", "user_id", "created_at", "message", "params"),
                "replay_fingerprint", replayColumns(),
                "enrolment", Set.of("tenant_id", "user_id", "id", "image_format", "image_bytes", "enrolled_at", "image"),
                "failed_attempt", Set.of("tenant_id", "user_id", "attempted_at"),
                "idempotency_key", Set.of("tenant_id", "idem_key", "request_hash", "user_id", "session_id", "sealed_token",
                        "created_at"),
                "session_capture_token", Set.of("token_hash", "session_id", "expires_at")));
        assertThat(db.jdbc().sql("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")
                .query(String.class).list()).containsExactly("1", "2", "3", "4", "5", "7", "8", "9", "10", "11");
    }

    private static Set<String> replayColumns() {
        Set<String> columns = new TreeSet<>(Set.of("id", "tenant_id", "session_id", "user_id", "kind", "created_at",
                "image_hash", "face_hash", "yaw", "pitch", "eyes", "mouth", "smile"));
        for (int b = 0; b < Fingerprint.LOOKUP_BANDS; b++) {
            columns.add("image_key_" + b);
        }
        return columns;
    }

    /**
     * V3 copies the fingerprints that recent sessions kept in their JSON state into
     * {@code replay_fingerprint}. Run again here over sessions inserted after the fact, as on a
     * database upgraded with them in it.
     */
    @DatabaseTest
    void v3CopiesTheFingerprintsOfTheLastDaysSessionsToTheReplayTable(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        tenant(jdbc, "t1");
        tenant(jdbc, "t2");
        Random random = new Random(3);
        Fingerprint turn = fingerprint(random);
        Fingerprint smile = fingerprint(random);
        Fingerprint reference = fingerprint(random);
        Fingerprint old = fingerprint(random);
        Fingerprint theirs = fingerprint(random);
        Instant recent = now.minus(Duration.ofHours(1));
        session(jdbc, "recent", "t1", "alice", recent, state(List.of(turn, smile), reference));
        session(jdbc, "old", "t1", "alice", now.minus(Duration.ofHours(25)), state(List.of(old), null));
        session(jdbc, "theirs", "t2", "alice", now.minus(Duration.ofHours(2)), state(List.of(), theirs));
        session(jdbc, "unreadable", "t1", "bob", recent, "{not json");
        session(jdbc, "pending", "t1", "bob", recent, state(List.of(), null));

        rerunV3(db, Map.of());

        ReplayFingerprints store = new ReplayFingerprints(jdbc);
        Instant window = now.minus(Duration.ofHours(24));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM replay_fingerprint").query(Integer.class).single()).isEqualTo(4);
        assertThat(store.candidates("t1", turn, 4, window, null))
                .containsExactly(new ReplayFingerprints.Candidate("recent", PhotoKind.CHALLENGE, turn, recent));
        assertThat(store.candidates("t1", smile, 4, window, null))
                .containsExactly(new ReplayFingerprints.Candidate("recent", PhotoKind.CHALLENGE, smile, recent));
        assertThat(store.candidates("t1", reference, 16, window, null))
                .containsExactly(new ReplayFingerprints.Candidate("recent", PhotoKind.REFERENCE, reference, recent));
        assertThat(store.candidates("t2", theirs, 4, window, null)).extracting(ReplayFingerprints.Candidate::sessionId)
                .containsExactly("theirs");
        assertThat(store.candidates("t1", old, 4, now.minus(Duration.ofDays(7)), null)).as("created 25 hours ago").isEmpty();
        assertThat(jdbc.sql("SELECT user_id FROM replay_fingerprint WHERE session_id = 'recent'").query(String.class).list())
                .containsOnly("alice");
    }

    @DatabaseTest
    void v3ReadsFurtherBackWhenThePlaceholderSaysSo(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        tenant(jdbc, "t1");
        Fingerprint old = fingerprint(new Random(4));
        Instant created = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.MILLIS);
        session(jdbc, "old", "t1", "alice", created, state(List.of(old), null));

        rerunV3(db, Map.of(V3__Copy_replay_fingerprints_from_sessions.HOURS_PLACEHOLDER, "48"));

        assertThat(new ReplayFingerprints(jdbc).candidates("t1", old, 4, created, null))
                .containsExactly(new ReplayFingerprints.Candidate("old", PhotoKind.CHALLENGE, old, created));
    }

    /** Forgets that V3 ran, and migrates again: V3 alone runs (out of order, as later versions have run). */
    private static void rerunV3(TestDatabase db, Map<String, String> placeholders) {
        db.jdbc().sql("DELETE FROM flyway_schema_history WHERE version = '3'").update();
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").placeholders(placeholders)
                .outOfOrder(true).load().migrate();
    }

    private static void tenant(JdbcClient jdbc, String id) {
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)").params(id, "tenant " + id, NOW).update();
    }

    private static void session(JdbcClient jdbc, String id, String tenant, String user, Instant created, String state) {
        jdbc.sql("""
                INSERT INTO liveness_session (id, tenant_id, user_id, token_hash, status, created_at, expires_at, version, state)
                VALUES (?, ?, ?, ?, 'COMPLETED', ?, ?, 1, ?)""")
                .params(id, tenant, user, "h-" + id, created.atOffset(ZoneOffset.UTC), created.plusSeconds(600).atOffset(ZoneOffset.UTC), state)
                .update();
    }

    /** A session's state as the session code writes it: met challenges with their fingerprints, a pending one, a reference. */
    private static String state(List<Fingerprint> met, Fingerprint reference) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = json.createObjectNode();
        ArrayNode challenges = state.putArray("challenges");
        for (int i = 0; i < met.size(); i++) {
            ObjectNode c = challenges.addObject().put("id", "ch_" + i).put("type", "TURN_LEFT").put("status", "MET").put("attempts", 1)
                    .put("photoId", "p" + i);
            c.set("fingerprint", json.valueToTree(met.get(i)));
        }
        challenges.addObject().put("id", "ch_pending").put("type", "SMILE").put("status", "PENDING").put("attempts", 0);
        if (reference != null) {
            state.putObject("reference").put("photoId", "ref").set("fingerprint", json.valueToTree(reference));
        }
        state.putObject("result").put("isAlive", true).put("confidence", 0.9).putArray("checks");
        return state.toString();
    }

    private static Fingerprint fingerprint(Random random) {
        return new Fingerprint(random.nextLong(), random.nextLong(), random.nextDouble(-30, 30), random.nextDouble(-10, 10),
                random.nextDouble(), random.nextDouble(), random.nextDouble());
    }

    @DatabaseTest
    void storesAnElevenMegabytePhotoAndAHundredKilobyteStateAndKeepsTheInstant(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES ('t1', 'acme', ?)").param(NOW).update();
        String state = "{\"blob\":\"" + "é".repeat(50_000) + "\"}";
        jdbc.sql("""
                INSERT INTO liveness_session (id, tenant_id, user_id, token_hash, status, created_at, expires_at, version, state)
                VALUES ('s1', 't1', 'u1', 'h1', 'CREATED', ?, ?, 0, ?)""")
                .params(NOW, NOW.plusMinutes(10), state).update();
        byte[] content = new byte[11 * 1024 * 1024];
        new Random(7).nextBytes(content);
        jdbc.sql("""
                INSERT INTO photo (id, tenant_id, user_id, session_id, kind, challenge_id, created_at, content)
                VALUES ('p1', 't1', 'u1', 's1', 'CHALLENGE', 'c1', ?, ?)""")
                .params(NOW, content).update();

        assertThat(jdbc.sql("SELECT state FROM liveness_session WHERE id = 's1'").query(String.class).single()).isEqualTo(state);
        byte[] read = jdbc.sql("SELECT content FROM photo WHERE id = 'p1'").query((rs, i) -> rs.getBytes(1)).single();
        assertThat(Arrays.equals(read, content)).as("11 MB of bytes read back unchanged").isTrue();
        OffsetDateTime created = jdbc.sql("SELECT created_at FROM photo WHERE id = 'p1'")
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).single();
        assertThat(created.toInstant()).isEqualTo(NOW.toInstant());
    }

    @DatabaseTest
    void deletingASessionDeletesItsPhotosAndForeignKeysHold(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES ('t1', 'acme', ?)").param(NOW).update();
        jdbc.sql("""
                INSERT INTO liveness_session (id, tenant_id, user_id, token_hash, status, created_at, expires_at, version, state)
                VALUES ('s1', 't1', 'u1', 'h1', 'CREATED', ?, ?, 0, '{}')""").params(NOW, NOW).update();
        for (String id : List.of("p1", "p2")) {
            jdbc.sql("""
                    INSERT INTO photo (id, tenant_id, user_id, session_id, kind, created_at, content)
                    VALUES (?, 't1', 'u1', ?, 'REFERENCE', ?, ?)""")
                    .params(id, id.equals("p1") ? "s1" : null, NOW, new byte[] {1}).update();
        }

        jdbc.sql("DELETE FROM liveness_session WHERE id = 's1'").update();

        assertThat(jdbc.sql("SELECT id FROM photo").query(String.class).list()).containsExactly("p2");
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO photo (id, tenant_id, user_id, kind, created_at, content)
                VALUES ('p3', 'no-such-tenant', 'u1', 'REFERENCE', ?, ?)""").params(NOW, new byte[] {1}).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES ('t2', 'acme', ?)").param(NOW).update())
                .as("tenant names are unique").isInstanceOf(DataIntegrityViolationException.class);
    }
}
