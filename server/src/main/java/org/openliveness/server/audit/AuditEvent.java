package org.openliveness.server.audit;

/** What an audit record says happened. Stored by name in {@code audit_event.message}. */
public enum AuditEvent {
    /** A liveness session was created (its challenges in the parameters). */
    SESSION_CREATED,
    /** A photo for a challenge was judged (kept or discarded). */
    PROBE_IMAGE_RECORDED,
    /** A reference selfie was stored for a session. */
    REFERENCE_IMAGE_RECORDED,
    /** A session reached its verdict or expired. */
    VERDICT,
    /** Everything about a user was erased (recorded without the user id). */
    USER_ERASED
}
