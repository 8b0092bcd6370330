package org.openliveness.server.session;

/** Where a liveness session stands. Stored by name. */
public enum SessionStatus {
    /** Accepting photos until every challenge has one or the session expires. */
    IN_PROGRESS,
    /** A verdict was reached (alive or not). */
    COMPLETED,
    /** The session expired before every challenge had a photo. */
    EXPIRED;

    public boolean isFinal() {
        return this != IN_PROGRESS;
    }
}
