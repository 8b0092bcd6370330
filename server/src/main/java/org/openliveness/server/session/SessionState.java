package org.openliveness.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The changing part of a session, stored as JSON in {@code liveness_session.state}. Face
 * templates and landmarks are kept only sealed (encrypted) and only until the verdict.
 *
 * @param challenges the session's challenges, in order
 * @param reference  the reference selfie, or null
 * @param result     the verdict, or null while in progress
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionState(List<SessionChallenge> challenges, ReferencePhoto reference, SessionResult result) {

    SessionState {
        challenges = challenges == null ? List.of() : List.copyOf(challenges);
    }
}
