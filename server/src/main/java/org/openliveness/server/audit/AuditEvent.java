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
    USER_ERASED,
    /** A trusted image was enrolled in the built-in enrolment store (format and size in the parameters, no image). */
    TRUSTED_IMAGE_ENROLLED,
    /** A user's trusted image was deleted from the built-in enrolment store. */
    TRUSTED_IMAGE_DELETED,
    /** A liveness check was initiated through an API profile (seed 001 {@code /liveness/init}). */
    LIVENESS_INITIATED,
    /** A liveness verification was requested through an API profile (seed 001 {@code /liveness/verify}). */
    VERIFICATION_REQUESTED,
    /** The result an API profile answered a verification with (seed 001: {@code ACCEPTED}/{@code REJECTED}). */
    VERIFICATION_RESULT,
    /** An audit record was read in detail (its id in the parameters). */
    AUDIT_RECORD_READ
}
