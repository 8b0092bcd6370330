package org.openliveness.server.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the audit log, one tenant at a time (another tenant's records are simply absent).
 * Reading is audited by the caller that shows the records ({@link AuditEvent#AUDIT_RECORD_READ}).
 */
public final class AuditTrail {

    private static final TypeReference<LinkedHashMap<String, Object>> PARAMS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AuditTrail(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * One audit record as stored.
     *
     * @param event  the stored event name (an {@link AuditEvent} name; kept as text so records of events a
     *               newer version wrote still read)
     * @param userId whom it concerns, or null
     * @param params its parameters (references, never photo bytes)
     */
    public record AuditRecord(String id, String userId, Instant createdAt, String event, Map<String, Object> params) {

        public AuditRecord {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /**
     * A page of the tenant's records about a user created in {@code [from, to]} (both inclusive),
     * newest first; ties broken by id so pages never overlap.
     *
     * @param pageSize   records per page, at least 1
     * @param pageNumber from 0
     */
    public List<AuditRecord> page(String tenantId, String userId, Instant from, Instant to, int pageSize, int pageNumber) {
        if (pageSize < 1 || pageNumber < 0) {
            throw new IllegalArgumentException("pageSize ≥ 1 and pageNumber ≥ 0");
        }
        return jdbc.sql("""
                SELECT id, user_id, created_at, message, params FROM audit_event
                WHERE tenant_id = ? AND user_id = ? AND created_at >= ? AND created_at <= ?
                ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""")
                .params(tenantId, userId, OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC),
                        pageSize, (long) pageSize * pageNumber)
                .query(mapper())
                .list();
    }

    /** The tenant's record with this id. */
    public Optional<AuditRecord> find(String tenantId, String id) {
        return jdbc.sql("SELECT id, user_id, created_at, message, params FROM audit_event WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id)
                .query(mapper())
                .optional();
    }

    private RowMapper<AuditRecord> mapper() {
        return (rs, row) -> new AuditRecord(rs.getString("id"), rs.getString("user_id"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("message"), params(rs.getString("params")));
    }

    private Map<String, Object> params(String text) {
        try {
            Map<String, Object> map = json.readValue(text, PARAMS);
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            throw new UncheckedIOException("an audit record's parameters are not a JSON object", e);
        }
    }
}
