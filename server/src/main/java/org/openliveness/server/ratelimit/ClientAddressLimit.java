package org.openliveness.server.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@link RateLimitProperties#perAddressPerMinute} requests to the API per client address,
 * checked before anything else reads the request (its body included): over the limit, a 429
 * {@code RATE_LIMITED} problem with {@code Retry-After}.
 */
final class ClientAddressLimit extends OncePerRequestFilter {

    private final TokenBuckets buckets;
    private final Clock clock;

    ClientAddressLimit(TokenBuckets buckets, Clock clock) {
        this.buckets = buckets;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitMs = buckets.take(request.getRemoteAddr(), clock.millis());
        if (waitMs > 0) {
            ProblemCodes.writeRateLimited(request, response, "at most " + buckets.capacity()
                    + " requests a minute from one client address", waitMs);
            return;
        }
        chain.doFilter(request, response);
    }
}
