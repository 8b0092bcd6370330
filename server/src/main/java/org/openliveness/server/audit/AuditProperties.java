package org.openliveness.server.audit;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Audit log settings ({@code openliveness.audit.*}).
 *
 * @param pseudonymKey base64 of at least 32 random bytes: the secret erasure records hash user ids
 *     with (HMAC-SHA256). Default: none, in which case it is derived from the oldest photo key
 *     (HMAC-SHA256 of it and a fixed label), so it changes when that key is removed after a
 *     rotation; set it to keep pseudonyms comparable across rotations.
 * @param retention how long an audit record is kept before the purge deletes it (records of
 *     erasures are kept for good). Default 365 days; must be positive.
 * @param purgeInterval how often the purge runs. Default 1 hour; must be positive.
 */
@Validated
@ConfigurationProperties("openliveness.audit")
public record AuditProperties(
        String pseudonymKey,
        @DefaultValue("365d") @NotNull @DurationMin(inclusive = false) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(inclusive = false) Duration purgeInterval) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AuditProperties[pseudonymKey=" + (pseudonymKey == null ? "(derived)" : "(set)") + ", retention=" + retention
                + ", purgeInterval=" + purgeInterval + "]";
    }
}
