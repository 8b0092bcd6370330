package org.openliveness.server.checkproxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Caller;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates the profile's paths by {@code X-API-Key}, as the native API does, and stores the
 * {@link Caller}; a missing, unknown, revoked or expired key is the profile's 401
 * {@code ERROR_UNAUTHORIZED} (thrown, so {@link CheckProxyErrors} writes it). Keys are never logged.
 */
final class CheckProxyAuthentication implements HandlerInterceptor {

    private final ApiKeys apiKeys;

    CheckProxyAuthentication(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (CorsUtils.isPreFlightRequest(request) || Caller.of(request).isPresent()) {
            return true;
        }
        String key = request.getHeader(ApiKeys.HEADER);
        if (key == null || key.isBlank()) {
            throw new CheckProxyError(CheckProxyError.Code.ERROR_UNAUTHORIZED, "Send an API key in the X-API-Key header.");
        }
        Caller caller = apiKeys.authenticate(key.strip()).orElseThrow(() -> new CheckProxyError(
                CheckProxyError.Code.ERROR_UNAUTHORIZED, "The API key is unknown, revoked or expired."));
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        return true;
    }
}
