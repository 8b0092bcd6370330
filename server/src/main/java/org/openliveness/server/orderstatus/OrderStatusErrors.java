package org.openliveness.server.orderstatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Seed 002's error body for every refusal; anything unexpected is ER999 (logged, never the request). */
@RestControllerAdvice(assignableTypes = OrderStatusController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = OrderStatusController.ENABLED, havingValue = "true", matchIfMissing = true)
class OrderStatusErrors {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusErrors.class);

    @ExceptionHandler(OrderError.Refusal.class)
    ResponseEntity<OrderStatusApi.Errors> refused(OrderError.Refusal e) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED && e.error().name().startsWith("ER80")) {
            reply.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return reply.body(OrderStatusApi.Errors.of(e.error()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OrderStatusApi.Errors> unexpected(Exception e) {
        log.error("unhandled exception answering an order's liveness status", e);
        return ResponseEntity.status(OrderError.ER999.status()).contentType(MediaType.APPLICATION_JSON)
                .body(OrderStatusApi.Errors.of(OrderError.ER999));
    }
}
