package org.openliveness.server.apikey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.CaptureEndpoints;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates {@code /v1/**} by the {@code X-API-Key} header and stores the {@link Caller} as a
 * request attribute. The capture endpoints that a session token authorises instead
 * ({@link CaptureEndpoints}, POST) pass without a key — their controller checks the token —
 * but a key sent to them is still checked. A missing, unknown, revoked or expired key is a 401
 * {@code INVALID_API_KEY} problem (thrown, so the one problem handler writes it). Keys are never logged.
 */
final class ApiKeyInterceptor implements HandlerInterceptor {


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
        return CaptureEndpoints.contains(request.getMethod(), path);
    }

    static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.INVALID_API_KEY, detail);
    }
}
