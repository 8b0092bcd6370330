package org.openliveness.server.identityflow;

import java.time.Instant;

/**
 * Why the identity-flow profile refused a request, beyond what the session core refuses (those
 * stay {@link org.openliveness.server.session.SessionException}s). {@link IdentityFlowErrors} maps
 * each to its HTTP status and code.
 */
abstract sealed class IdentityFlowException extends RuntimeException {

    IdentityFlowException(String message) {
        super(message);
    }

    /** A field or parameter is malformed (user id, external reference, step id). */
    static final class InvalidRequest extends IdentityFlowException {
        InvalidRequest(String message) {
            super(message);
        }
    }

    /** No flow session of the caller's tenant has this Session-Id. */
    static final class SessionNotFound extends IdentityFlowException {
        SessionNotFound() {
            super("no identity-flow session of this client has this Session-Id");
        }
    }

    /** The flow session no longer starts steps (its results stay readable until it is deleted). */
    static final class SessionExpired extends IdentityFlowException {
        SessionExpired(Instant expiredAt) {
            super("the identity-flow session expired at " + expiredAt + "; start a new one");
        }
    }

    /** The step was never initialised in this flow session (or its liveness session was deleted). */
    static final class StepNotFound extends IdentityFlowException {
        StepNotFound(String stepId) {
            super("step '" + stepId + "' has no liveness session in this identity-flow session; call liveness init first");
        }
    }

    /** The flow session already has as many liveness steps as the operator allows. */
    static final class TooManySteps extends IdentityFlowException {
        TooManySteps(int max) {
            super("this identity-flow session already has " + max + " liveness steps, the most allowed");
        }
    }

    /** Verify was called before the capture finished. */
    static final class LivenessInProgress extends IdentityFlowException {
        LivenessInProgress(long completed, int total, Instant expiresAt) {
            super("the liveness capture is still in progress (" + completed + " of " + total
                    + " challenges answered); it expires at " + expiresAt);
        }
    }
}
