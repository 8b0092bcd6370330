package org.openliveness.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DatabaseTest
    void recordsTheEventWithJsonParametersAndAMillisecondTimestamp(TestDatabase db) throws Exception {
        AuditLog log = new AuditLog(db.jdbc(), JSON, new MutableClock(Instant.parse("2025-06-07T08:09:10.123456789Z")));

        String id = log.record("t1", "user-1", "SESSION_CREATED", Map.of("sessionId", "s-1", "challenges", List.of("SMILE", "BLINK")));
        log.record("t1", null, "USER_ERASED", null);

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
    void anEmptyOrOverlongMessageIsRefused(TestDatabase db) {
        AuditLog log = new AuditLog(db.jdbc(), JSON, new MutableClock(Instant.EPOCH));

        assertThatThrownBy(() -> log.record("t1", null, "", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.record("t1", null, "M".repeat(201), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM audit_event").query(Integer.class).single()).isZero();
    }
}
