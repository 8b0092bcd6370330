package org.openliveness.server.enrolment;

/** Why a user's trusted image could not be had; each profile maps these to its own error codes. */
public abstract sealed class UserDetailsException extends RuntimeException {

    private UserDetailsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The provider does not know the user (seed 001: {@code USER_NOT_ENROLLED}). */
    public static final class NotEnrolled extends UserDetailsException {
        public NotEnrolled(String message) {
            super(message, null);
        }
    }

    /** The user is known but has no usable trusted image (seed 001: {@code USER_DETAILS_MISSING}). */
    public static final class DetailsMissing extends UserDetailsException {
        public DetailsMissing(String message) {
            super(message, null);
        }
    }

    /** The provider could not be asked: timeout, refused connection, an unreadable reply ({@code ERROR_REMOTE}). */
    public static final class Remote extends UserDetailsException {
        public Remote(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
