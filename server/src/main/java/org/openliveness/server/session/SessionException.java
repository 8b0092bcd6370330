package org.openliveness.server.session;

import java.time.Instant;
import java.util.Objects;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.PhotoProblem;

/**
 * Why the session core refused a request. A sealed family: each API profile maps every member to
 * its own error format (the native API to RFC 9457 problems), and nothing here knows HTTP. The
 * message is a sentence for the integrating developer: no secrets, no photo data, no exception text.
 */
public abstract sealed class SessionException extends RuntimeException {

    private SessionException(String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
    }

    private SessionException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
    }

    /** The request itself is invalid (a field missing or out of range). */
    public static final class InvalidRequest extends SessionException {
        InvalidRequest(String message) {
            super(message);
        }
    }

    /** No session with this id (or token) for the calling tenant. */
    public static final class NotFound extends SessionException {
        /** @param which the id, or a phrase naming what was looked up (never a token) */
        NotFound(String which) {
            super("no liveness session " + which);
        }
    }

    /** The session token is missing or unknown (or belongs to another tenant than the API key sent along). */
    public static final class InvalidToken extends SessionException {
        InvalidToken(String message) {
            super(message);
        }
    }

    /** The session expired before this request. */
    public static final class Expired extends SessionException {
        private final Instant expiresAt;

        Expired(Instant expiresAt) {
            super("the session expired at " + expiresAt + "; create a new session");
            this.expiresAt = expiresAt;
        }

        public Instant expiresAt() {
            return expiresAt;
        }
    }

    /** The session already has its verdict. */
    public static final class Completed extends SessionException {
        Completed() {
            super("the session is already complete");
        }
    }

    /** The session has no challenge with this id. */
    public static final class ChallengeNotFound extends SessionException {
        ChallengeNotFound(String challengeId) {
            super("the session has no challenge " + challengeId);
        }
    }

    /** The challenge already has an accepted photo (or failed). */
    public static final class AlreadyAnswered extends SessionException {
        AlreadyAnswered(String challengeId, ChallengeType type) {
            super("challenge " + challengeId + " (" + type + ") already has an accepted photo");
        }
    }

    /**
     * A reference selfie the capture client may no longer give: the session has one already, or a
     * challenge had an attempt (the reference is taken once, first).
     */
    public static final class ReferenceNotAllowed extends SessionException {
        ReferenceNotAllowed(String message) {
            super(message);
        }
    }

    /** An idempotency key the tenant used within 24 hours for another session-creation request. */
    public static final class IdempotencyKeyReused extends SessionException {
        IdempotencyKeyReused() {
            super("this Idempotency-Key was used within 24 hours for a different request; use a new key for a new session");
        }
    }

    /** A burst came for a challenge that was not started ({@code challenge/start}) or whose start an attempt used up. */
    public static final class NotStarted extends SessionException {
        NotStarted(String challengeId) {
            super("challenge " + challengeId + " was not started: call challenge/start, then send its frames");
        }
    }

    /** A burst came too long after its challenge's start. */
    public static final class StartExpired extends SessionException {
        StartExpired(String challengeId, java.time.Duration window) {
            super("the frames for challenge " + challengeId + " came more than " + window.toSeconds()
                    + " s after its start: call challenge/start again");
        }
    }

    /** A still photo where a burst of frames is needed (a {@code LIGHT} challenge, or an operator requiring bursts). */
    public static final class BurstRequired extends SessionException {
        BurstRequired(String message) {
            super(message);
        }
    }

    /** Too many requests of one kind for one session token in a short time (previews). */
    public static final class RateLimited extends SessionException {
        private final long retryAfterMs;

        RateLimited(String message, long retryAfterMs) {
            super(message);
            this.retryAfterMs = retryAfterMs;
        }

        /** How long to wait before trying again, milliseconds. */
        public long retryAfterMs() {
            return retryAfterMs;
        }
    }

    /** Too many concurrent writers to one session: send the photo again. */
    public static final class Busy extends SessionException {
        Busy(String message) {
            super(message);
        }
    }

    /** Every analysis slot stayed busy for the configured wait: try again later. */
    public static final class Overloaded extends SessionException {
        Overloaded(String message) {
            super(message);
        }
    }

    /**
     * The photo cannot be used: its bytes are no image this server decodes ({@link #imageProblem()}),
     * or a reference selfie shows no usable face ({@link #faceProblem()}). Exactly one is set. An
     * undecodable photo never counts as an attempt.
     */
    public static final class UnusablePhoto extends SessionException {
        private final transient ImageException.Code imageProblem;
        private final transient PhotoProblem faceProblem;

        UnusablePhoto(ImageException e) {
            super(e.getMessage(), e);
            this.imageProblem = e.code();
            this.faceProblem = null;
        }

        UnusablePhoto(PhotoProblem problem) {
            super(problem.detail());
            this.imageProblem = null;
            this.faceProblem = problem;
        }

        /** Why the bytes could not be decoded, or null. */
        public ImageException.Code imageProblem() {
            return imageProblem;
        }

        /** Why the decoded photo has no usable face, or null. */
        public PhotoProblem faceProblem() {
            return faceProblem;
        }
    }
}
