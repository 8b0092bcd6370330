package org.openliveness.server.session;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.openliveness.server.storage.PhotoStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code idempotency_key} table: which session a tenant's idempotency key created, for
 * {@link #WINDOW}, with a hash of the request and the session's token sealed with the photo key
 * (the session row keeps only the token's hash, and a repeated create must answer the same token).
 */
final class IdempotencyKeys {

    /** How long a key is remembered. */
    static final Duration WINDOW = Duration.ofHours(24);
    /** Longest key accepted. */
    static final int MAX_KEY_LENGTH = 200;

    /** What a key created: the session, the request's hash and the session's token. */
    record Entry(String sessionId, String requestHash, String token) {
    }

    private final JdbcClient jdbc;
    private final PhotoStore sealer;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, PhotoStore sealer, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The key's entry of the tenant within the window, or empty. */
    Optional<Entry> find(String tenantId, String key) {
        return jdbc.sql("SELECT session_id, request_hash, sealed_token FROM idempotency_key WHERE tenant_id = ? AND idem_key = ? "
                        + "AND created_at > ?")
                .params(tenantId, key, time(clock.instant().minus(WINDOW)))
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), open(tenantId, key, rs.getString(3)))).optional();
    }

    /**
     * Records that the key created {@code sessionId}; false when another request recorded the key
     * first (the caller then answers with that one's session).
     */
    boolean record(String tenantId, String key, String requestHash, String userId, String sessionId, String token) {
        jdbc.sql("DELETE FROM idempotency_key WHERE tenant_id = ? AND idem_key = ? AND created_at <= ?")
                .params(tenantId, key, time(clock.instant().minus(WINDOW))).update();
        try {
            jdbc.sql("INSERT INTO idempotency_key (tenant_id, idem_key, request_hash, user_id, session_id, sealed_token, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(tenantId, key, requestHash, userId, sessionId, seal(tenantId, key, token), time(clock.instant())).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Forgets a key (its session could not be stored, or is gone). */
    void forget(String tenantId, String key) {
        jdbc.sql("DELETE FROM idempotency_key WHERE tenant_id = ? AND idem_key = ?").params(tenantId, key).update();
    }

    /** Deletes the keys older than the window; the number deleted. */
    int purge() {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at <= ?").param(time(clock.instant().minus(WINDOW))).update();
    }

    int eraseUser(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
    }

    private String seal(String tenantId, String key, String token) {
        return Base64.getEncoder().encodeToString(sealer.seal(context(tenantId, key), token.getBytes(StandardCharsets.UTF_8)));
    }

    private String open(String tenantId, String key, String sealed) {
        return new String(sealer.open(context(tenantId, key), Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8);
    }

    static String context(String tenantId, String key) {
        return "idempotency:" + tenantId + ":" + key;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
