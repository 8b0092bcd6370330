package org.openliveness.server.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.openliveness.server.ratelimit.RateLimitProperties;
import org.openliveness.server.ratelimit.TokenBuckets;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The core's limits on use: calls per session and per tenant (token buckets in this instance's
 * memory) and failed challenge attempts per user of a tenant (rows of {@code failed_attempt}, so
 * every instance sees them). Each refusal is a {@link SessionException.RateLimited} saying when to
 * try again. Thread-safe.
 */
final class UsageLimits {

    private final TokenBuckets perSession;
    private final TokenBuckets perTenant;
    private final int failedAttempts;
    private final Duration failedWindow;
    private final JdbcClient jdbc;
    private final Clock clock;

    UsageLimits(RateLimitProperties limits, JdbcClient jdbc, Clock clock) {
        this.perSession = RateLimitProperties.perMinute(limits.perSessionPerMinute());
        this.perTenant = RateLimitProperties.perMinute(limits.perTenantPerMinute());
        this.failedAttempts = limits.failedAttemptsPerUser();
        this.failedWindow = limits.failedAttemptWindow();
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One call of a tenant (an API-key call, or a capture call of one of its sessions). */
    void tenantCall(String tenantId) {
        long wait = perTenant.take(tenantId, clock.millis());
        if (wait > 0) {
            throw new SessionException.RateLimited("at most " + perTenant.capacity() + " calls a minute per tenant", wait);
        }
    }

    /** One capture call on a session (counted for its tenant too). */
    void sessionCall(String sessionId, String tenantId) {
        long wait = perSession.take(sessionId, clock.millis());
        if (wait > 0) {
            throw new SessionException.RateLimited("at most " + perSession.capacity() + " calls a minute per session", wait);
        }
        tenantCall(tenantId);
    }

    /**
     * Refuses an upload while the user has {@code failedAttemptsPerUser} failed attempts within the
     * window, across all their sessions; the wait is until the oldest of them leaves the window.
     */
    void requireAttemptsLeft(String tenantId, String userId) {
        if (failedAttempts == 0) {
            return;
        }
        Instant now = clock.instant();
        var times = jdbc.sql("SELECT attempted_at FROM failed_attempt WHERE tenant_id = ? AND user_id = ? AND attempted_at > ? "
                        + "ORDER BY attempted_at DESC")
                .params(tenantId, userId, time(now.minus(failedWindow)))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
        if (times.size() >= failedAttempts) {
            Instant freed = times.get(failedAttempts - 1).plus(failedWindow);
            throw new SessionException.RateLimited("at most " + failedAttempts + " failed attempts per user within "
                    + failedWindow.toSeconds() + " s", Math.max(1, Duration.between(now, freed).toMillis()));
        }
    }

    /** Counts one failed attempt of the user. */
    void failedAttempt(String tenantId, String userId) {
        if (failedAttempts == 0) {
            return;
        }
        jdbc.sql("INSERT INTO failed_attempt (tenant_id, user_id, attempted_at) VALUES (?, ?, ?)")
                .params(tenantId, userId, time(clock.instant())).update();
    }

    /** Deletes the failed attempts that left the window; the number deleted. Run on a schedule. */
    int purge() {
        return jdbc.sql("DELETE FROM failed_attempt WHERE attempted_at <= ?").param(time(clock.instant().minus(failedWindow))).update();
    }

    /** Deletes a user's failed attempts (the erasure). */
    int eraseUser(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM failed_attempt WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId).update();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
