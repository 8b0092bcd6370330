package org.openliveness.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends to {@code audit_event}. Records have millisecond timestamps from the server clock. A
 * record written inside a transaction commits or rolls back with it. Thread-safe.
 */
public final class AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Pseudonyms pseudonyms;

    /** A log that records but cannot erase users (it has no pseudonym key): {@link #eraseUser} refuses. */
    public AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this(jdbc, json, clock, null);
    }

    /** @param pseudonyms the keyed hash an erasure records instead of the user id */
    public AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock, Pseudonyms pseudonyms) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pseudonyms = pseudonyms;
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
     * with no user id and {@code {"userIdHmac": "<HMAC-SHA256 hex of the user id>", "pseudonymKey":
     * "<key id>"}}: the log keeps the fact of the erasure, not the person. Without the server's
     * pseudonym key the hash cannot be tied to a user id by trying likely ids (a plain hash could);
     * with it, an operator can answer "was this user erased?". Records of erasures carry no user
     * id, so no later erasure (nor the retention purge) deletes them.
     *
     * @return how many records were deleted
     * @throws IllegalStateException when this log was made without a pseudonym key
     */
    public int eraseUser(String tenantId, String userId) {
        if (pseudonyms == null) {
            throw new IllegalStateException("this audit log has no pseudonym key: it cannot record an erasure");
        }
        int deleted = jdbc.sql("DELETE FROM audit_event WHERE tenant_id = ? AND user_id = ? AND message <> ?")
                .params(tenantId, userId, AuditEvent.USER_ERASED.name()).update();
        record(tenantId, null, AuditEvent.USER_ERASED, Map.of("userIdHmac", pseudonyms.of(userId), "pseudonymKey", pseudonyms.keyId()));
        return deleted;
    }

    /**
     * Deletes records created before {@code cutoff}, except those of erasures
     * ({@link AuditEvent#USER_ERASED}), which are kept for good; returns how many.
     */
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM audit_event WHERE created_at < ? AND message <> ?")
                .params(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), AuditEvent.USER_ERASED.name())
                .update();
    }
}
