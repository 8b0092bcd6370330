package org.openliveness.server.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits ({@code openliveness.rate-limit.*}). The request limits are token buckets in each
 * instance's memory (see {@link TokenBuckets}); 0 switches one off. The failed-attempt limit is
 * counted in the database, so it holds across instances.
 *
 * @param perAddressPerMinute  requests to {@code /v1/} per client address (the connection's address; behind a
 *                             proxy set {@code server.forward-headers-strategy}) a minute (default 3000: a flood limit; a load test from one machine sets 0)
 * @param perSessionPerMinute  capture calls per session token a minute (default 60; previews have their own 5 a second)
 * @param perTenantPerMinute   calls per tenant a minute, API-key and capture calls together, previews aside (default 12000)
 * @param failedAttemptsPerUser failed challenge attempts a user of a tenant may make within {@code failedAttemptWindow}
 *                             before further uploads are refused until the oldest leaves the window (default 5; 0 off)
 * @param failedAttemptWindow  the window of {@code failedAttemptsPerUser} (default 3 minutes)
 */
@Validated
@ConfigurationProperties("openliveness.rate-limit")
public record RateLimitProperties(
        @Min(0) @DefaultValue("3000") int perAddressPerMinute,
        @Min(0) @DefaultValue("60") int perSessionPerMinute,
        @Min(0) @DefaultValue("12000") int perTenantPerMinute,
        @Min(0) @Max(1000) @DefaultValue("5") int failedAttemptsPerUser,
        @NotNull @DefaultValue("3m") Duration failedAttemptWindow) {

    /** The defaults. */
    public static final RateLimitProperties DEFAULTS = new RateLimitProperties(3000, 60, 12000, 5, Duration.ofMinutes(3));

    public RateLimitProperties {
        if (failedAttemptWindow != null && (failedAttemptWindow.isNegative() || failedAttemptWindow.isZero())) {
            throw new IllegalArgumentException("openliveness.rate-limit.failed-attempt-window must be positive, got " + failedAttemptWindow);
        }
    }

    /** Token buckets of {@code perMinute} requests a minute. */
    public static TokenBuckets perMinute(int perMinute) {
        return new TokenBuckets(perMinute, 60_000);
    }
}
