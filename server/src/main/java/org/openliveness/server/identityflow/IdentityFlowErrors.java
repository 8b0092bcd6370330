package org.openliveness.server.identityflow;

import org.openliveness.server.session.SessionException;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The identity-flow profile's errors: every refusal of its calls (the API key check, missing
 * headers, the profile's own {@link IdentityFlowException}s and the session core's
 * {@link SessionException}s) as one {@link IdentityFlowApi.FlowError} body, which the seed's SDK
 * hands over as {@code ApiError.result}. Decides nothing; it names what was decided.
 */
@RestControllerAdvice(assignableTypes = IdentityFlowController.class)
@ConditionalOnProperty(prefix = "openliveness.profiles.identity-flow", name = "enabled", havingValue = "true", matchIfMissing = true)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityFlowErrors {

    /** The seed's one documented error: {@code 400 Invalid Api Key}. */
    static final String INVALID_API_KEY_MESSAGE = "Invalid Api Key";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<IdentityFlowApi.FlowError> api(ApiException e) {
        if (ProblemCodes.INVALID_API_KEY.equals(e.code())) {
            // The shared key check answers 401; the seed documents a bad key as 400.
            String detail = e.status() == HttpStatus.BAD_REQUEST ? e.detail() : INVALID_API_KEY_MESSAGE + ": " + e.detail();
            return reply(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_API_KEY, detail);
        }
        return reply(e.status(), e.code(), e.detail());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<IdentityFlowApi.FlowError> missingHeader(MissingRequestHeaderException e) {
        return reply(HttpStatus.BAD_REQUEST, ProblemCodes.MISSING_PARAMETER, "the " + e.getHeaderName() + " header is required");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<IdentityFlowApi.FlowError> missingParameter(MissingServletRequestParameterException e) {
        return reply(HttpStatus.BAD_REQUEST, ProblemCodes.MISSING_PARAMETER, "the " + e.getParameterName() + " query parameter is required");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<IdentityFlowApi.FlowError> unreadable(HttpMessageNotReadableException e) {
        return reply(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST, "the body must be a JSON object");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<IdentityFlowApi.FlowError> mediaType(HttpMediaTypeNotSupportedException e) {
        return reply(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }

    @ExceptionHandler(IdentityFlowException.class)
    ResponseEntity<IdentityFlowApi.FlowError> flow(IdentityFlowException e) {
        if (e instanceof IdentityFlowException.InvalidRequest) {
            return reply(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST, e.getMessage());
        } else if (e instanceof IdentityFlowException.SessionNotFound) {
            return reply(HttpStatus.NOT_FOUND, "SESSION_NOT_FOUND", e.getMessage());
        } else if (e instanceof IdentityFlowException.SessionExpired) {
            return reply(HttpStatus.GONE, "SESSION_EXPIRED", e.getMessage());
        } else if (e instanceof IdentityFlowException.StepNotFound) {
            return reply(HttpStatus.NOT_FOUND, "STEP_NOT_FOUND", e.getMessage());
        } else if (e instanceof IdentityFlowException.TooManySteps) {
            return reply(HttpStatus.CONFLICT, "TOO_MANY_STEPS", e.getMessage());
        }
        return reply(HttpStatus.CONFLICT, "LIVENESS_IN_PROGRESS", e.getMessage());
    }

    /**
     * The core's refusals. Only some can follow from these calls (a bad user id or reference, a
     * liveness session deleted meanwhile, load); the capture-call ones are mapped for completeness.
     */
    @ExceptionHandler(SessionException.class)
    ResponseEntity<IdentityFlowApi.FlowError> session(SessionException e) {
        if (e instanceof SessionException.InvalidRequest) {
            return reply(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST, e.getMessage());
        } else if (e instanceof SessionException.NotFound) {
            return reply(HttpStatus.NOT_FOUND, "STEP_NOT_FOUND", "the step's liveness session no longer exists");
        } else if (e instanceof SessionException.RateLimited limited) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (limited.retryAfterMs() + 999) / 1000)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new IdentityFlowApi.FlowError(429, "RATE_LIMITED", e.getMessage()));
        } else if (e instanceof SessionException.Busy) {
            return reply(HttpStatus.SERVICE_UNAVAILABLE, "SESSION_BUSY", e.getMessage());
        } else if (e instanceof SessionException.Overloaded) {
            return reply(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE, e.getMessage());
        } else if (e instanceof SessionException.Expired) {
            return reply(HttpStatus.GONE, "LIVENESS_EXPIRED", e.getMessage());
        } else if (e instanceof SessionException.UnusablePhoto || e instanceof SessionException.BurstRequired) {
            return reply(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST, e.getMessage());
        } else if (e instanceof SessionException.InvalidToken) {
            return reply(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_TOKEN", e.getMessage());
        } else if (e instanceof SessionException.ChallengeNotFound) {
            return reply(HttpStatus.NOT_FOUND, "CHALLENGE_NOT_FOUND", e.getMessage());
        }
        // Completed, AlreadyAnswered, NotStarted, StartExpired: the state does not allow the call.
        return reply(HttpStatus.CONFLICT, "CONFLICT", e.getMessage());
    }

    private static ResponseEntity<IdentityFlowApi.FlowError> reply(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new IdentityFlowApi.FlowError(status.value(), code, message));
    }
}
