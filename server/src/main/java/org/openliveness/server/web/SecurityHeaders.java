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
 */
final class SecurityHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
