package org.openliveness.server.oauth;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The token endpoints' errors in RFC 6749 §5.2 form: JSON {@code error} and {@code error_description}, never cached. */
@RestControllerAdvice(assignableTypes = TokenController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnExpression(OAuthConfiguration.IN_USE)
class TokenErrors {

    @ExceptionHandler(OAuthError.class)
    ResponseEntity<OAuthError.Body> handle(OAuthError e) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache");
        if (e.status().value() == 401) {
            reply.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"openliveness\"");
        }
        return reply.body(new OAuthError.Body(e.error(), e.getMessage()));
    }
}
