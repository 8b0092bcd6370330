package org.openliveness.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code sessionToken} in the URL's query string with a 400 {@code TOKEN_IN_QUERY}
 * problem: URLs are written to access logs, proxies and browser histories, so a token goes in the
 * request body only. Looks at the raw query string alone, never at the body.
 */
final class NoTokenInQuery extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && hasTokenParameter(query)) {
            ProblemCodes.write(request, response, HttpStatus.BAD_REQUEST, ProblemCodes.TOKEN_IN_QUERY,
                    "a sessionToken is not accepted in the URL's query string; send it in the request body");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether a parameter of the query is named like {@code sessionToken} (any case, percent-encoded or not). */
    static boolean hasTokenParameter(String query) {
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                // Judged as written.
            }
            if (name.toLowerCase(Locale.ROOT).contains("sessiontoken")) {
                return true;
            }
        }
        return false;
    }
}
