package org.openliveness.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every reply of the API port, errors and refusals included (set before the request
 * is handled, and again on the error dispatch): {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer}, a {@code Content-Security-Policy} that lets a browser
 * render nothing from a reply ({@code default-src 'none'; frame-ancestors 'none'; sandbox} — the
 * replies are JSON, never pages) and {@code Cache-Control: no-store} (replies carry session
 * tokens, verdicts and personal data: no browser or proxy may keep them).
 *
 * <p>The one exception is the capture component's files under {@code /capture/}: its demo page
 * runs scripts, uses the camera and calls the capture endpoints, so it gets a page's policy
 * instead ({@link #CAPTURE_PAGE_POLICY}: its own scripts, styles and API only; no framing).
 */
final class SecurityHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    /** The capture page: nothing but this service's own files and API (the component adds no inline script or style). */
    static final String CAPTURE_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** Where the capture component's files are served (module {@code capture}). */
    static final String CAPTURE_FILES = "/capture/";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Content-Security-Policy", path.startsWith(CAPTURE_FILES) ? CAPTURE_PAGE_POLICY : CONTENT_SECURITY_POLICY);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
