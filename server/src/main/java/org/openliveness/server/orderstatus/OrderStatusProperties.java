package org.openliveness.server.orderstatus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code openliveness.profiles.order-status.*}.
 *
 * @param enabled          whether the profile is served (default true)
 * @param captureTokenTtl  how long a capture token handed out in {@code data.accessToken} is valid (never past the
 *                         session's expiry): more than zero, at most one hour; default 5 minutes
 */
@ConfigurationProperties("openliveness.profiles.order-status")
public record OrderStatusProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration captureTokenTtl) {

    public OrderStatusProperties {
        if (captureTokenTtl == null || captureTokenTtl.isNegative() || captureTokenTtl.isZero()
                || captureTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("openliveness.profiles.order-status.capture-token-ttl must be more than 0 and "
                    + "at most 1h, got " + captureTokenTtl);
        }
    }
}
