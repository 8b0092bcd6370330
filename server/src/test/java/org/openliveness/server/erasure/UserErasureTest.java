package org.openliveness.server.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openliveness.server.Sha256;
import org.openliveness.server.audit.AuditEvent;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.audit.Pseudonyms;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

class UserErasureTest {

    private static final Instant T0 = Instant.parse("2025-02-03T04:05:06Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(T0);
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("a server secret of at least 32 bytes".getBytes(), "test-key");

    /** Two tenants, each with users "alice" and "bob", each user with a session, photos (in and out of a session) and audit events. */
    private void populate(TestDatabase db) {
        JdbcClient jdbc = db.jdbc();
        PhotoStore photos = new PhotoStore(jdbc, new SecretKeySpec(new byte[32], "AES"), clock);
        AuditLog audit = new AuditLog(jdbc, JSON, clock);
        OffsetDateTime now = OffsetDateTime.ofInstant(T0, ZoneOffset.UTC);
        for (String tenant : List.of("t1", "t2")) {
            jdbc.sql("INSERT INTO tenant (id, name, created_at) VALUES (?, ?, ?)").params(tenant, tenant, now).update();
            for (String user : List.of("alice", "bob")) {
                String session = tenant + "-" + user;
                jdbc.sql("""
                        INSERT INTO liveness_session (id, tenant_id, user_id, token_hash, status, created_at, expires_at, version, state)
                        VALUES (?, ?, ?, ?, 'CREATED', ?, ?, 0, '{}')""")
                        .params(session, tenant, user, Sha256.hex(session), now, now.plusMinutes(10)).update();
                photos.save(tenant, user, session, PhotoKind.CHALLENGE, "c1", new byte[] {1, 2});
                photos.save(tenant, user, null, PhotoKind.REFERENCE, null, new byte[] {3});
                audit.record(tenant, user, AuditEvent.SESSION_CREATED, Map.of("sessionId", session));
            }
        }
    }

    /**
     * The erasure as the service wires it: the photo store's and the audit log's own parts, and the
     * sessions' part as a plain delete (the session core's own erasure is tested with it).
     */
    private UserErasure erasure(TestDatabase db, AuditLog audit) {
        JdbcClient jdbc = db.jdbc();
        PhotoStore photos = new PhotoStore(jdbc, new SecretKeySpec(new byte[32], "AES"), clock);
        return new UserErasure(List.of(
                PersonalData.of("auditEvents", PersonalData.ORDER_AUDIT, audit::eraseUser),
                PersonalData.of("sessions", PersonalData.ORDER_SESSIONS, (tenant, user) -> jdbc
                        .sql("DELETE FROM liveness_session WHERE tenant_id = ? AND user_id = ?").params(tenant, user).update()),
                PersonalData.of("photos", PersonalData.ORDER_PHOTOS, photos::eraseUser)), db.transactions());
    }

    private static UserErasure.Erased erased(int photos, int sessions, int auditEvents) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put("photos", photos);
        counts.put("sessions", sessions);
        counts.put("auditEvents", auditEvents);
        return new UserErasure.Erased(counts);
    }

    private static List<String> rows(TestDatabase db, String table) {
        return db.jdbc().sql("SELECT tenant_id, user_id FROM " + table + " ORDER BY tenant_id, user_id")
                .query((rs, i) -> rs.getString(1) + "/" + rs.getString(2)).list();
    }

    @DatabaseTest
    void deletesEveryRowOfTheUserInTheCallingTenantOnly(TestDatabase db) throws Exception {
        populate(db);
        UserErasure erasure = erasure(db, new AuditLog(db.jdbc(), JSON, clock, PSEUDONYMS));

        UserErasure.Erased erased = erasure.erase("t1", "alice");

        assertThat(erased).isEqualTo(erased(2, 1, 1));
        assertThat(rows(db, "photo")).containsExactly("t1/bob", "t1/bob", "t2/alice", "t2/alice", "t2/bob", "t2/bob");
        assertThat(rows(db, "liveness_session")).containsExactly("t1/bob", "t2/alice", "t2/bob");
        assertThat(rows(db, "audit_event")).containsExactly("t1/bob", "t1/null", "t2/alice", "t2/bob");
        Map<String, Object> record = db.jdbc().sql("SELECT message, params FROM audit_event WHERE user_id IS NULL").query().singleRow();
        assertThat(record.get("message")).isEqualTo("USER_ERASED");
        com.fasterxml.jackson.databind.JsonNode params = JSON.readTree((String) record.get("params"));
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec("a server secret of at least 32 bytes".getBytes(), "HmacSHA256"));
        assertThat(params.path("userIdHmac").asText()).as("HMAC-SHA256 under the server secret")
                .isEqualTo(java.util.HexFormat.of().formatHex(hmac.doFinal("alice".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(params.path("pseudonymKey").asText()).isEqualTo("test-key");
        assertThat((String) record.get("params")).doesNotContain("alice").as("not a plain hash anyone can recompute")
                .doesNotContain(Sha256.hex("alice"));
    }

    @DatabaseTest
    void erasingAgainOrAnUnknownUserDeletesNothingAndStillRecordsTheRequest(TestDatabase db) {
        populate(db);
        UserErasure erasure = erasure(db, new AuditLog(db.jdbc(), JSON, clock, PSEUDONYMS));
        erasure.erase("t1", "alice");

        assertThat(erasure.erase("t1", "alice")).isEqualTo(erased(0, 0, 0));
        assertThat(erasure.erase("t1", "carol")).isEqualTo(erased(0, 0, 0));
        assertThat(rows(db, "photo")).hasSize(6);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE message = 'USER_ERASED'").query(Integer.class).single()).isEqualTo(3);
    }

    @DatabaseTest
    void whenTheAuditRecordFailsNothingIsDeleted(TestDatabase db) {
        populate(db);
        ObjectMapper failing = new ObjectMapper() {
            @Override
            public String writeValueAsString(Object value) throws JsonProcessingException {
                throw new JsonMappingException(null, "cannot write");
            }
        };
        UserErasure erasure = erasure(db, new AuditLog(db.jdbc(), failing, clock, PSEUDONYMS));

        assertThatThrownBy(() -> erasure.erase("t1", "alice")).isInstanceOf(IllegalArgumentException.class);

        assertThat(rows(db, "photo")).hasSize(8).contains("t1/alice");
        assertThat(rows(db, "liveness_session")).contains("t1/alice");
        assertThat(rows(db, "audit_event")).contains("t1/alice");
    }

    @DatabaseTest
    void recordsOfErasuresOutliveLaterErasuresAndTheRetentionPurge(TestDatabase db) {
        populate(db);
        AuditLog audit = new AuditLog(db.jdbc(), JSON, clock, PSEUDONYMS);
        UserErasure erasure = erasure(db, audit);
        erasure.erase("t1", "alice");
        erasure.erase("t1", "alice");
        clock.advance(java.time.Duration.ofDays(400));

        int purged = audit.purgeOlderThan(clock.instant().minus(java.time.Duration.ofDays(1)));

        assertThat(purged).as("the other users' ordinary records").isEqualTo(3);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE message = 'USER_ERASED'").query(Integer.class).single()).isEqualTo(2);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM audit_event").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aLogWithoutAPseudonymKeyRefusesToEraseRatherThanRecordAPlainHash() {
        AuditLog audit = new AuditLog(JdbcClient.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource()), JSON, clock);

        assertThatThrownBy(() -> audit.eraseUser("t1", "alice")).isInstanceOf(IllegalStateException.class).hasMessageContaining("pseudonym");
    }
}
