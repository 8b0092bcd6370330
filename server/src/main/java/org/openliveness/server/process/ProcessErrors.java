package org.openliveness.server.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The process profile's refusals as {@code {"error":{"code","message"}}}; 401s name the Bearer scheme (RFC 6750). */
@RestControllerAdvice(assignableTypes = ProcessController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = ProcessConfiguration.ENABLED, havingValue = "true", matchIfMissing = true)
class ProcessErrors {

    private static final Logger log = LoggerFactory.getLogger(ProcessErrors.class);

    @ExceptionHandler(ProcessException.class)
    ResponseEntity<ProcessApi.Refusal> refused(ProcessException e) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            reply.header(HttpHeaders.WWW_AUTHENTICATE, ProcessException.MISSING_ACCESS_TOKEN.equals(e.code())
                    ? "Bearer" : "Bearer error=\"invalid_token\"");
        }
        return reply.body(new ProcessApi.Refusal(new ProcessApi.Error(e.code(), e.getMessage())));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
    ResponseEntity<ProcessApi.Refusal> unreadable(Exception e) {
        return refused(new ProcessException(HttpStatus.BAD_REQUEST, ProcessException.INVALID_REQUEST,
                "The body must be JSON: {\"subject\":{\"code\":…},\"capabilities\":[…],\"encrypted\":…,\"imageBase64\":…}."));
    }

    /** Anything unexpected: logged (never the request), answered generically. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProcessApi.Refusal> unexpected(Exception e) {
        log.error("unhandled exception creating a process", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(new ProcessApi.Refusal(new ProcessApi.Error(ProcessException.INTERNAL_ERROR,
                        "The process could not be run; it has been logged. Retrying may help.")));
    }
}
