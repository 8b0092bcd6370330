package org.openliveness.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.openliveness.server.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends to {@code audit_event}. Records have millisecond timestamps from the server clock. A
 * record written inside a transaction commits or rolls back with it. Thread-safe.
 */
public final class AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records one event.
     *
     * @param userId whom it concerns, or {@code null} (for example after an erasure)
     * @param event  what happened
     * @param params details, stored as a JSON object: references (ids, hashes), never photo bytes or secrets
     * @return the new record's id (a UUID string)
     */
    public String record(String tenantId, String userId, AuditEvent event, Map<String, Object> params) {
        Objects.requireNonNull(tenantId, "tenantId");
        String message = event.name();
        String paramsJson;
        try {
            paramsJson = json.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit parameters cannot be written as JSON", e);
        }
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO audit_event (id, tenant_id, user_id, created_at, message, params)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, tenantId, userId,
                        OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC),
                        message, paramsJson)
                .update();
        return id;
    }

    /**
     * Deletes the tenant's records about this user, then records {@link AuditEvent#USER_ERASED}
     * with no user id and {@code {"userIdHash": "<sha256 hex of the user id>"}}: the log keeps the
     * fact of the erasure, not the person.
     *
     * @return how many records were deleted
     */
    public int eraseUser(String tenantId, String userId) {
        int deleted = jdbc.sql("DELETE FROM audit_event WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
        record(tenantId, null, AuditEvent.USER_ERASED, Map.of("userIdHash", Sha256.hex(userId)));
        return deleted;
    }
}
