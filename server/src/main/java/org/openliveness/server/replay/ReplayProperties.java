package org.openliveness.server.replay;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Replay fingerprint settings ({@code openliveness.replay.*}).
 *
 * @param window        how long a photo's fingerprint is kept, and so how far back a new photo is
 *                      compared with the tenant's other sessions' photos. Default 24 hours; must be positive.
 *                      A caller of {@link ReplayFingerprints#candidates} asks for no more than this.
 * @param purgeInterval how often fingerprints older than the window are deleted. Default 1 hour;
 *                      must be positive. Lookups ignore expired rows whether or not they are purged yet.
 */
@Validated
@ConfigurationProperties("openliveness.replay")
public record ReplayProperties(
        @DefaultValue("24h") @NotNull @DurationMin(inclusive = false) Duration window,
        @DefaultValue("1h") @NotNull @DurationMin(inclusive = false) Duration purgeInterval) {}
