package org.openliveness.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openliveness.engine.verdict.Fingerprint;
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
                WHERE table_name IN ('tenant', 'api_key', 'liveness_session', 'photo', 'audit_event', 'replay_fingerprint')""")
                .query(rs -> {
                    columns.computeIfAbsent(rs.getString(1).toLowerCase(), t -> new TreeSet<>()).add(rs.getString(2).toLowerCase());
                });

        assertThat(columns).isEqualTo(Map.of(
                "tenant", Set.of("id", "name", "created_at"),
                "api_key", Set.of("id", "tenant_id", "key_hash", "key_prefix", "scopes", "created_at", "revoked_at"),
                "liveness_session", Set.of("id", "tenant_id", "user_id", "external_reference", "token_hash", "status",
                        "created_at", "expires_at", "completed_at", "version", "state"),
                "photo", Set.of("id", "tenant_id", "user_id", "session_id", "kind", "challenge_id", "created_at", "content"),
                "audit_event", Set.of("id", "tenant_id", "user_id", "created_at", "message", "params"),
                "replay_fingerprint", replayColumns()));
        assertThat(db.jdbc().sql("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")
                .query(String.class).list()).containsExactly("1", "2");
    }

    private static Set<String> replayColumns() {
        Set<String> columns = new TreeSet<>(Set.of("id", "tenant_id", "session_id", "user_id", "kind", "created_at",
                "image_hash", "face_hash", "yaw", "pitch", "eyes", "mouth", "smile"));
        for (int b = 0; b < Fingerprint.LOOKUP_BANDS; b++) {
            columns.add("image_key_" + b);
        }
        return columns;
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
