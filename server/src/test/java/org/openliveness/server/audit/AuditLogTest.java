package org.openliveness.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.openliveness.server.Sha256;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DatabaseTest
    void recordsTheEventWithJsonParametersAndAMillisecondTimestamp(TestDatabase db) throws Exception {
        AuditLog log = new AuditLog(db.jdbc(), JSON, new MutableClock(Instant.parse("2025-06-07T08:09:10.123456789Z")));

        String id = log.record("t1", "user-1", AuditEvent.SESSION_CREATED, Map.of("sessionId", "s-1", "challenges", List.of("SMILE", "BLINK")));
        log.record("t1", null, AuditEvent.USER_ERASED, null);

        Map<String, Object> row = db.jdbc().sql("SELECT * FROM audit_event WHERE id = ?").param(id).query().singleRow();
        assertThat(row).containsEntry("tenant_id", "t1").containsEntry("user_id", "user-1").containsEntry("message", "SESSION_CREATED");
        JsonNode params = JSON.readTree((String) row.get("params"));
        assertThat(params.path("sessionId").asText()).isEqualTo("s-1");
        assertThat(params.path("challenges").get(1).asText()).isEqualTo("BLINK");
        OffsetDateTime created = db.jdbc().sql("SELECT created_at FROM audit_event WHERE id = ?").param(id)
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).single();
        assertThat(created.toInstant()).isEqualTo(Instant.parse("2025-06-07T08:09:10.123Z"));
        assertThat(db.jdbc().sql("SELECT params FROM audit_event WHERE user_id IS NULL").query(String.class).single()).isEqualTo("{}");
    }

    @DatabaseTest
    void erasingAUserDeletesTheirRecordsAndRecordsTheErasureWithoutTheirId(TestDatabase db) throws Exception {
        Pseudonyms pseudonyms = new Pseudonyms(new byte[32], "k");
        AuditLog log = new AuditLog(db.jdbc(), JSON, new MutableClock(Instant.EPOCH), pseudonyms);
        log.record("t1", "alice", AuditEvent.SESSION_CREATED, Map.of());
        log.record("t1", "alice", AuditEvent.VERDICT, Map.of());
        log.record("t2", "alice", AuditEvent.SESSION_CREATED, Map.of());

        assertThat(log.eraseUser("t1", "alice")).isEqualTo(2);

        assertThat(db.jdbc().sql("SELECT tenant_id FROM audit_event WHERE user_id = 'alice'").query(String.class).list())
                .containsExactly("t2");
        Map<String, Object> erasure = db.jdbc().sql("SELECT tenant_id, message, params FROM audit_event WHERE user_id IS NULL")
                .query().singleRow();
        assertThat(erasure).containsEntry("tenant_id", "t1").containsEntry("message", "USER_ERASED");
        assertThat(JSON.readTree((String) erasure.get("params")).path("userIdHmac").asText())
                .isEqualTo(pseudonyms.of("alice")).isNotEqualTo(Sha256.hex("alice")).hasSize(64);
        assertThat(pseudonyms.of("alice")).as("keyed: another secret, another pseudonym")
                .isNotEqualTo(new Pseudonyms("another secret, at least 32 bytes long".getBytes(), "k2").of("alice"));
    }
}
