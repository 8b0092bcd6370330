package org.openliveness.server.session;

import java.time.Instant;

/**
 * One row of {@code liveness_session}.
 *
 * @param status  {@code IN_PROGRESS}, {@code COMPLETED} or {@code EXPIRED}
 * @param version optimistic-lock version: an update succeeds only against the version it read
 */
record LivenessSession(String id, String tenantId, String userId, String externalReference, String tokenHash,
                       String status, Instant createdAt, Instant expiresAt, Instant completedAt, long version,
                       SessionState state) {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String EXPIRED = "EXPIRED";

    LivenessSession with(String newStatus, Instant newCompletedAt, SessionState newState) {
        return new LivenessSession(id, tenantId, userId, externalReference, tokenHash, newStatus, createdAt, expiresAt,
                newCompletedAt, version, newState);
    }
}
