package org.openliveness.server.checkproxy;

import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A refusal in the seed's terms: one of its error codes with its HTTP status, and the message to
 * show (the seed's own sentence unless a more precise one helps; never secrets or photo data).
 */
final class CheckProxyError extends RuntimeException {

    /** The seed's error codes, with their statuses and the seed's messages; the last two are this profile's own. */
    enum Code {
        ERROR_REQUEST(HttpStatus.BAD_REQUEST, "Invalid method arguments."),
        INITIATION_ERROR(HttpStatus.BAD_REQUEST, "Could not initiate liveness check for the user."),
        USER_DETAILS_MISSING(HttpStatus.BAD_REQUEST, "User details are not available."),
        USER_NOT_ENROLLED(HttpStatus.BAD_REQUEST, "User is not enrolled at verification provider."),
        VERIFICATION_ERROR(HttpStatus.BAD_REQUEST, "Could not verify liveness of the user."),
        ERROR_NOT_FOUND(HttpStatus.NOT_FOUND, "Resource not found."),
        ERROR_REMOTE(HttpStatus.CONFLICT, "REST API call failed when fetching User Details."),
        ERROR_GENERIC(HttpStatus.INTERNAL_SERVER_ERROR, "Unknown error occurred while processing request."),
        /** Not in the seed: no or an unknown, revoked or expired {@code X-API-Key}. */
        ERROR_UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Send a valid API key in the X-API-Key header."),
        /** Not in the seed: the key lacks the scope the endpoint needs. */
        ERROR_FORBIDDEN(HttpStatus.FORBIDDEN, "This API key lacks the scope this endpoint needs.");

        final HttpStatus status;
        final String message;

        Code(HttpStatus status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    private final Code code;

    CheckProxyError(Code code) {
        this(code, code.message);
    }

    CheckProxyError(Code code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    Code code() {
        return code;
    }
}
