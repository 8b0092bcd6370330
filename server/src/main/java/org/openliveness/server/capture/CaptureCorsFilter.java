package org.openliveness.server.capture;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.openliveness.server.web.CaptureEndpoints;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the capture endpoints only ({@link CaptureEndpoints}: challenge, challenge/start,
 * reference-selfie, preview, progress). A request
 * from one of {@link CaptureProperties#allowedOrigins} gets the CORS headers (its preflight is
 * answered here: POST, the {@code Content-Type} header, {@code Server-Timing} readable, no
 * credentials); one from another origin is refused with 403 before it is handled. Every other
 * path is never CORS-enabled: its preflight is refused with 403, and a cross-origin request
 * passes without CORS headers, so a browser never lets the page read the reply. The API-key
 * endpoints are meant for backends, never for a browser.
 */
final class CaptureCorsFilter extends OncePerRequestFilter {

    private static final Duration PREFLIGHT_CACHE = Duration.ofMinutes(10);

    private final CorsConfiguration capture;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CaptureCorsFilter(List<String> allowedOrigins) {
        capture = new CorsConfiguration();
        capture.setAllowedOrigins(allowedOrigins);
        capture.setAllowedMethods(List.of("POST"));
        capture.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE));
        capture.setExposedHeaders(List.of("Server-Timing"));
        capture.setAllowCredentials(false);
        capture.setMaxAge(PREFLIGHT_CACHE);
    }

    /** True for the capture endpoints, which the session token alone authorises. */
    static boolean isCaptureEndpoint(String method, String path) {
        return CaptureEndpoints.contains(method, path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!CorsUtils.isCorsRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        String method = preflight ? request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) : request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isCaptureEndpoint(method, path)) {
            boolean allowed = processor.processRequest(capture, request, response);
            if (allowed && !preflight) {
                chain.doFilter(request, response);
            }
            return;
        }
        if (preflight) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
