package org.openliveness.server.apikey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates {@code /v1/**} by the {@code X-API-Key} header and stores the {@link Caller} as a
 * request attribute. The capture endpoints that a session token authorises instead
 * ({@link #SESSION_TOKEN_PATHS}, POST) pass without a key — their controller checks the token —
 * but a key sent to them is still checked. A missing, unknown, revoked or expired key is a 401
 * {@code INVALID_API_KEY} problem (thrown, so the one problem handler writes it). Keys are never logged.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {

    /** Paths (within the application) authorised by the {@code sessionToken} form field, for POST. */
    static final Set<String> SESSION_TOKEN_PATHS = Set.of(
            "/v1/verifications/liveness/challenge",
            "/v1/verifications/liveness/challenge/start",
            "/v1/verifications/liveness/preview",
            "/v1/verifications/liveness/progress",
            "/v1/verifications/liveness/reference-selfie");

    private final ApiKeys apiKeys;

    ApiKeyInterceptor(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (CorsUtils.isPreFlightRequest(request)) {
            return true; // a browser's CORS pre-flight carries no credentials; the real request does
        }
        String key = request.getHeader(ApiKeys.HEADER);
        if (key == null && isSessionTokenEndpoint(request)) {
            return true;
        }
        if (key == null || key.isBlank()) {
            throw invalid("Send an API key in the X-API-Key header.");
        }
        Caller caller = apiKeys.authenticate(key.strip())
                .orElseThrow(() -> invalid("The API key is unknown, revoked or expired."));
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        return true;
    }

    private static boolean isSessionTokenEndpoint(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && SESSION_TOKEN_PATHS.contains(path);
    }

    static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.INVALID_API_KEY, detail);
    }
}
