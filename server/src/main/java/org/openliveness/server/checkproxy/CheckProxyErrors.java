package org.openliveness.server.checkproxy;

import jakarta.servlet.http.HttpServletRequest;
import org.openliveness.server.checkproxy.CheckProxyError.Code;
import org.openliveness.server.enrolment.UserDetailsException;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The seed's error body, {@code {"status":"ERROR","responseObject":{"code":…,"message":…}}}, for
 * every refusal of this profile's controllers (and only theirs): its own {@link CheckProxyError}s,
 * the user-details provider's and the core's exceptions, Spring's request errors, and anything
 * unexpected (logged, answered {@code ERROR_GENERIC} without its text).
 */
@RestControllerAdvice(assignableTypes = CheckProxyController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CheckProxyErrors {

    private static final Logger log = LoggerFactory.getLogger(CheckProxyErrors.class);

    @ExceptionHandler(CheckProxyError.class)
    ResponseEntity<CheckProxyApi.ErrorResponse> handle(CheckProxyError e) {
        return reply(e.code(), e.getMessage());
    }

    @ExceptionHandler(UserDetailsException.class)
    ResponseEntity<CheckProxyApi.ErrorResponse> handle(UserDetailsException e) {
        if (e instanceof UserDetailsException.NotEnrolled) {
            return reply(Code.USER_NOT_ENROLLED, Code.USER_NOT_ENROLLED.message);
        }
        if (e instanceof UserDetailsException.DetailsMissing) {
            return reply(Code.USER_DETAILS_MISSING, Code.USER_DETAILS_MISSING.message);
        }
        return reply(Code.ERROR_REMOTE, Code.ERROR_REMOTE.message);
    }

    @ExceptionHandler(SessionException.class)
    ResponseEntity<CheckProxyApi.ErrorResponse> handle(SessionException e) {
        if (e instanceof SessionException.InvalidRequest) {
            return reply(Code.ERROR_REQUEST, "Invalid method arguments: " + e.getMessage() + ".");
        }
        if (e instanceof SessionException.Overloaded || e instanceof SessionException.Busy) {
            // The seed has no "try again later"; the header says it.
            ResponseEntity<CheckProxyApi.ErrorResponse> reply = reply(Code.ERROR_GENERIC, Code.ERROR_GENERIC.message);
            return ResponseEntity.status(reply.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(MediaType.APPLICATION_JSON).body(reply.getBody());
        }
        log.error("seed-001 profile: unexpected session refusal {}", e.getClass().getSimpleName());
        return reply(Code.ERROR_GENERIC, Code.ERROR_GENERIC.message);
    }

    /** Authentication and scope refusals of the API key layer. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<CheckProxyApi.ErrorResponse> handle(ApiException e) {
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            return reply(Code.ERROR_UNAUTHORIZED, e.detail());
        }
        if (e.status() == HttpStatus.FORBIDDEN) {
            return reply(Code.ERROR_FORBIDDEN, e.detail());
        }
        return e.status().is4xxClientError() ? reply(Code.ERROR_REQUEST, Code.ERROR_REQUEST.message)
                : reply(Code.ERROR_GENERIC, Code.ERROR_GENERIC.message);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingRequestValueException.class, HttpMediaTypeException.class})
    ResponseEntity<CheckProxyApi.ErrorResponse> badRequest(Exception e) {
        return reply(Code.ERROR_REQUEST, Code.ERROR_REQUEST.message);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<CheckProxyApi.ErrorResponse> wrongMethod(Exception e) {
        return reply(Code.ERROR_NOT_FOUND, Code.ERROR_NOT_FOUND.message);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<CheckProxyApi.ErrorResponse> unexpected(Exception e, HttpServletRequest request) {
        log.error("seed-001 profile: unhandled exception answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return reply(Code.ERROR_GENERIC, Code.ERROR_GENERIC.message);
    }

    private static ResponseEntity<CheckProxyApi.ErrorResponse> reply(Code code, String message) {
        return ResponseEntity.status(code.status).contentType(MediaType.APPLICATION_JSON)
                .body(CheckProxyApi.ErrorResponse.of(code.name(), message));
    }
}
