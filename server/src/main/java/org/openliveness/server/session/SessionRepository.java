package org.openliveness.server.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code liveness_session} rows: the aggregate's fields, its changing state as JSON, and an
 * optimistic lock on {@code version}. {@link #update} is the one place a session is changed.
 */
final class SessionRepository {

    /** Writes tried before an update gives up on a session that other writers keep changing. */
    static final int MAX_WRITE_ATTEMPTS = 20;

    private static final String COLUMNS =
            "id, tenant_id, user_id, external_reference, token_hash, status, created_at, expires_at, completed_at, version, state";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    SessionRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(LivenessSession s) {
        jdbc.sql("INSERT INTO liveness_session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.tenantId(), s.userId(), s.externalReference(), s.tokenHash(), s.status().name(),
                        time(s.createdAt()), time(s.expiresAt()), time(s.completedAt()), s.version(), write(s.state()))
                .update();
    }

    /**
     * Loads the session, applies {@code change} and writes it if no other writer changed the row
     * meanwhile; otherwise loads it again and applies the change again. So {@code change} must act
     * on the session alone (no side effects elsewhere) and may run more than once; an exception it
     * throws (a {@link SessionException}) aborts the update and is passed on.
     *
     * @return the session as written
     * @throws SessionException.NotFound when the session is gone
     * @throws SessionException.Busy     when other writers won {@value #MAX_WRITE_ATTEMPTS} times in a row
     */
    LivenessSession update(String id, Consumer<LivenessSession> change) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            LivenessSession s = findById(id).orElseThrow(() -> new SessionException.NotFound(id));
            change.accept(s);
            int rows = jdbc.sql("UPDATE liveness_session SET status = ?, completed_at = ?, state = ?, version = version + 1"
                            + " WHERE id = ? AND version = ?")
                    .params(s.status().name(), time(s.completedAt()), write(s.state()), s.id(), s.version())
                    .update();
            if (rows == 1) {
                return new LivenessSession(s.id(), s.tenantId(), s.userId(), s.externalReference(), s.tokenHash(), s.status(),
                        s.createdAt(), s.expiresAt(), s.completedAt(), s.version() + 1, s.state());
            }
        }
        throw new SessionException.Busy("too many concurrent updates to this session; send the photo again");
    }

    Optional<LivenessSession> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM liveness_session WHERE id = ?")
                .params(id).query(this::map).optional();
    }

    Optional<LivenessSession> find(String tenantId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM liveness_session WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id).query(this::map).optional();
    }

    Optional<LivenessSession> findByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM liveness_session WHERE token_hash = ?")
                .params(tokenHash).query(this::map).optional();
    }

    /** The session of a further capture token that has not expired at {@code now}. */
    Optional<LivenessSession> findByCaptureTokenHash(String tokenHash, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM liveness_session WHERE id ="
                        + " (SELECT session_id FROM session_capture_token WHERE token_hash = ? AND expires_at > ?)")
                .params(tokenHash, time(now)).query(this::map).optional();
    }

    /** Stores a further capture token of a session (its hash), dropping the session's expired ones. */
    void insertCaptureToken(String sessionId, String tokenHash, Instant expiresAt, Instant now) {
        jdbc.sql("DELETE FROM session_capture_token WHERE session_id = ? AND expires_at <= ?").params(sessionId, time(now)).update();
        jdbc.sql("INSERT INTO session_capture_token (token_hash, session_id, expires_at) VALUES (?, ?, ?)")
                .params(tokenHash, sessionId, time(expiresAt)).update();
    }

    /** The tenant's newest session with this external reference. */
    Optional<LivenessSession> findNewestByExternalReference(String tenantId, String externalReference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM liveness_session WHERE tenant_id = ? AND external_reference = ?"
                        + " ORDER BY created_at DESC, id LIMIT 1")
                .params(tenantId, externalReference).query(this::map).optional();
    }

    /** In-progress sessions whose expiry has passed, oldest first. */
    List<LivenessSession> findOverdue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM liveness_session WHERE status = ? AND expires_at <= ?"
                        + " ORDER BY expires_at LIMIT ?")
                .params(SessionStatus.IN_PROGRESS.name(), time(now), limit).query(this::map).list();
    }

    /** A page of a user's sessions, newest first ({@code page} from 1). */
    List<LivenessSession> findByUser(String tenantId, String userId, int page, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM liveness_session WHERE tenant_id = ? AND user_id = ?"
                        + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(tenantId, userId, limit, (long) (page - 1) * limit).query(this::map).list();
    }

    long countByUser(String tenantId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM liveness_session WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId).query(Long.class).single();
    }

    /** Deletes the tenant's sessions of this user; the number deleted. */
    int deleteUser(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM liveness_session WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId).update();
    }

    /**
     * Deletes finished (completed or expired) sessions created before {@code cutoff}, with their
     * photos (the foreign key cascades); the number of sessions deleted.
     */
    int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM liveness_session WHERE created_at < ? AND status <> ?")
                .params(time(cutoff), SessionStatus.IN_PROGRESS.name()).update();
    }

    private LivenessSession map(ResultSet rs, int row) throws SQLException {
        return new LivenessSession(rs.getString("id"), rs.getString("tenant_id"), rs.getString("user_id"),
                rs.getString("external_reference"), rs.getString("token_hash"), SessionStatus.valueOf(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "completed_at"),
                rs.getLong("version"), read(rs.getString("state")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String write(SessionState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise session state", e);
        }
    }

    private SessionState read(String text) {
        try {
            return json.readValue(text, SessionState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored session state is not valid JSON", e);
        }
    }
}
