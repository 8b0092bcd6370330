package org.openliveness.server.nativeapi;

import jakarta.servlet.http.HttpServletRequest;
import org.openliveness.engine.image.ImageException;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The native API's answer to the session core's refusals: each {@link SessionException} as an
 * RFC 9457 problem with its stable code (listed in {@link ProblemCodes}). Decides nothing; it
 * only names what the core decided.
 */
@RestControllerAdvice(assignableTypes = SessionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionProblems {

    /** A problem's status, code and detail. */
    record Problem(HttpStatus status, String code, String detail) {
    }

    @ExceptionHandler(SessionException.class)
    ResponseEntity<ProblemDetail> handle(SessionException e, HttpServletRequest request) {
        Problem p = of(e);
        ProblemDetail body = ProblemCodes.problem(p.status(), p.code(), p.detail());
        body.setInstance(ProblemCodes.instance(request.getRequestURI()));
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(p.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e instanceof SessionException.RateLimited limited) {
            reply.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (limited.retryAfterMs() + 999) / 1000)));
        }
        return reply.body(body);
    }

    static Problem of(SessionException e) {
        if (e instanceof SessionException.InvalidRequest) {
            return new Problem(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST, e.getMessage());
        } else if (e instanceof SessionException.NotFound) {
            return new Problem(HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND", e.getMessage());
        } else if (e instanceof SessionException.InvalidToken) {
            return new Problem(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_TOKEN", e.getMessage());
        } else if (e instanceof SessionException.Expired) {
            return new Problem(HttpStatus.GONE, "SESSION_EXPIRED", e.getMessage());
        } else if (e instanceof SessionException.Completed) {
            return new Problem(HttpStatus.CONFLICT, "SESSION_COMPLETED", e.getMessage());
        } else if (e instanceof SessionException.ChallengeNotFound) {
            return new Problem(HttpStatus.NOT_FOUND, "CHALLENGE_NOT_FOUND", e.getMessage());
        } else if (e instanceof SessionException.AlreadyAnswered) {
            return new Problem(HttpStatus.CONFLICT, "CHALLENGE_ALREADY_ANSWERED", e.getMessage());
        } else if (e instanceof SessionException.IdempotencyKeyReused) {
            return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED", e.getMessage());
        } else if (e instanceof SessionException.ReferenceNotAllowed) {
            return new Problem(HttpStatus.CONFLICT, "REFERENCE_NOT_ALLOWED", e.getMessage());
        } else if (e instanceof SessionException.NotStarted) {
            return new Problem(HttpStatus.CONFLICT, "CHALLENGE_NOT_STARTED", e.getMessage());
        } else if (e instanceof SessionException.StartExpired) {
            return new Problem(HttpStatus.CONFLICT, "CHALLENGE_START_EXPIRED", e.getMessage());
        } else if (e instanceof SessionException.BurstRequired) {
            return new Problem(HttpStatus.BAD_REQUEST, "BURST_REQUIRED", e.getMessage());
        } else if (e instanceof SessionException.RateLimited) {
            return new Problem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", e.getMessage());
        } else if (e instanceof SessionException.Busy) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "SESSION_BUSY", e.getMessage());
        } else if (e instanceof SessionException.Overloaded) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE, e.getMessage());
        }
        SessionException.UnusablePhoto unusable = (SessionException.UnusablePhoto) e;
        if (unusable.faceProblem() != null) {
            return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, unusable.faceProblem().reason().name(), unusable.faceProblem().detail());
        }
        return photo(unusable.imageProblem(), e.getMessage());
    }

    /** An undecodable photo (for a challenge, the core counted it as a failed attempt). */
    private static Problem photo(ImageException.Code code, String message) {
        return switch (code) {
            case EMPTY -> new Problem(HttpStatus.BAD_REQUEST, "EMPTY_PHOTO", "the photo is empty");
            case TOO_LARGE -> new Problem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PHOTO_TOO_LARGE, message);
            case TOO_MANY_PIXELS -> new Problem(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_MANY_PIXELS", message);
            case UNSUPPORTED_FORMAT -> new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_PHOTO_FORMAT",
                    "accepted formats: JPEG, PNG, WebP, HEIC");
            case UNSUPPORTED_ON_THIS_SERVER -> new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_PHOTO_FORMAT", message);
            case CORRUPT -> new Problem(HttpStatus.BAD_REQUEST, "CORRUPT_PHOTO", "the photo cannot be decoded");
            case TOO_SMALL -> new Problem(HttpStatus.BAD_REQUEST, "PHOTO_TOO_SMALL", message);
        };
    }
}
