package org.openliveness.server.erasure;

import java.util.Map;
import java.util.Objects;
import org.openliveness.server.Sha256;
import org.openliveness.server.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Erases a user: in one transaction, deletes the tenant's {@code photo}, {@code liveness_session}
 * and {@code audit_event} rows with that user id, then records {@value #MESSAGE} with no user id and
 * {@code {"userIdHash": "<sha256 hex of the user id>"}}, so the log keeps the fact but not the
 * person. Other tenants' rows, even with the same user id, are untouched. Idempotent.
 */
public final class UserErasure {

    /** The audit message of an erasure. */
    public static final String MESSAGE = "USER_ERASED";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionOperations transactions;

    public UserErasure(JdbcClient jdbc, AuditLog audit, TransactionOperations transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** What one erasure deleted. */
    public record Erased(int photos, int sessions, int auditEvents) {}

    public Erased erase(String tenantId, String userId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        return transactions.execute(status -> {
            // Photos first: those of the user's sessions would cascade, but photos can exist without a session.
            int photos = delete("photo", tenantId, userId);
            int sessions = delete("liveness_session", tenantId, userId);
            int events = delete("audit_event", tenantId, userId);
            audit.record(tenantId, null, MESSAGE, Map.of("userIdHash", Sha256.hex(userId)));
            return new Erased(photos, sessions, events);
        });
    }

    private int delete(String table, String tenantId, String userId) {
        return jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId)
                .update();
    }
}
