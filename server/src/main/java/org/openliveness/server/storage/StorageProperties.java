package org.openliveness.server.storage;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Photo storage settings ({@code openliveness.storage.*}).
 *
 * @param encryptionKey base64 of 32 random bytes: the AES-256 key photos are encrypted with.
 *     Default: none, in which case the key is generated on first start into
 *     {@code <openliveness.data-dir>/encryption.key} (owner-only permissions) and read from there
 *     afterwards. Losing the key makes every stored photo unreadable; changing it too.
 * @param retention how long a photo is kept before the purge deletes it. Default 30 days; must be positive.
 * @param purgeInterval how often the purge runs. Default 1 hour; must be positive.
 */
@Validated
@ConfigurationProperties("openliveness.storage")
public record StorageProperties(
        String encryptionKey,
        @DefaultValue("30d") @NotNull @DurationMin(inclusive = false) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(inclusive = false) Duration purgeInterval) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "StorageProperties[encryptionKey=" + (encryptionKey == null ? "(generated)" : "(set)")
                + ", retention=" + retention + ", purgeInterval=" + purgeInterval + "]";
    }
}
