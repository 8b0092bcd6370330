package org.openliveness.server.identityflow;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity-flow profile settings ({@code openliveness.profiles.identity-flow.*}).
 *
 * @param enabled          serve the profile's endpoints (default true)
 * @param sessionTtl       how long a flow session (its {@code Session-Id}) stays usable after creation (default 1 hour);
 *                         each liveness step still expires on the session core's own schedule
 * @param maxLivenessSteps distinct {@code step_id}s one flow session may initialise (default 5)
 * @param keepFor          how long an expired flow session is kept before it is deleted (default 1 day)
 */
@Validated
@ConfigurationProperties("openliveness.profiles.identity-flow")
record IdentityFlowProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("1h") Duration sessionTtl,
        @Min(1) @Max(50) @DefaultValue("5") int maxLivenessSteps,
        @NotNull @DefaultValue("1d") Duration keepFor) {

    IdentityFlowProperties {
        if (sessionTtl != null && (sessionTtl.isNegative() || sessionTtl.isZero())) {
            throw new IllegalArgumentException("openliveness.profiles.identity-flow.session-ttl must be positive, got " + sessionTtl);
        }
        if (keepFor != null && keepFor.isNegative()) {
            throw new IllegalArgumentException("openliveness.profiles.identity-flow.keep-for must not be negative, got " + keepFor);
        }
    }
}
