package org.openliveness.server.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/**
 * An error of the token endpoint as RFC 6749 §5.2 words it: {@code error} one of
 * {@code invalid_request}, {@code invalid_client}, {@code invalid_grant}, {@code unauthorized_client},
 * {@code unsupported_grant_type}, {@code invalid_scope}; 400, or 401 for {@code invalid_client}.
 */
final class OAuthError extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_CLIENT = "invalid_client";
    static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    static final String INVALID_SCOPE = "invalid_scope";

    private final String error;
    private final HttpStatus status;
    /** Whether the client tried HTTP Basic: a 401 then names the Basic scheme (RFC 6749 §5.2). */
    private final boolean basic;

    OAuthError(String error, String description) {
        this(error, description, false);
    }

    OAuthError(String error, String description, boolean basic) {
        super(description, null, false, false);
        this.error = error;
        this.status = INVALID_CLIENT.equals(error) ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
        this.basic = basic;
    }

    String error() {
        return error;
    }

    HttpStatus status() {
        return status;
    }

    boolean basic() {
        return basic;
    }

    /** The reply body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OAuthTokenError")
    record Body(String error, @JsonProperty("error_description") String errorDescription) {}
}
