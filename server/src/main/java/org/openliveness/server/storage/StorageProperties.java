package org.openliveness.server.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Photo storage settings ({@code openliveness.storage.*}).
 *
 * @param encryptionKey base64 of 32 random bytes: the AES-256 key photos are encrypted with; or
 *     several, comma-separated, oldest first, the last sealing new data (the others still open
 *     what they sealed). Default: none.
 * @param keyFile a keyring file: one base64 key per line, oldest first, the last current ({@code #}
 *     starts a comment). {@code openliveness keys rotate} appends to it. Outside dev mode it must
 *     lie outside {@code openliveness.data-dir}. Default: none. Outside dev mode one of
 *     {@code encryption-key} and {@code key-file} is required; in dev mode
 *     ({@code openliveness.dev-mode=true}) with neither, a key is generated into
 *     {@code <data-dir>/encryption.key}. Losing the keys makes every stored photo unreadable.
 * @param retention how long a photo is kept before the purge deletes it. Default 30 days; must be positive.
 * @param purgeInterval how often the purge runs. Default 1 hour; must be positive.
 * @param rotationInterval how often the service looks for data sealed under an older key and
 *     re-encrypts it (after a rotation). Default 1 minute; must be positive.
 * @param compactionInterval how often the embedded H2 database's mostly empty chunks are rewritten
 *     ({@link EmbeddedDatabaseCompaction}; nothing is done on any other database). Default 5
 *     seconds; must be positive.
 */
@Validated
@ConfigurationProperties("openliveness.storage")
public record StorageProperties(
        String encryptionKey,
        Path keyFile,
        @DefaultValue("30d") @NotNull @DurationMin(inclusive = false) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(inclusive = false) Duration purgeInterval,
        @DefaultValue("1m") @NotNull @DurationMin(inclusive = false) Duration rotationInterval,
        @DefaultValue("5s") @NotNull @DurationMin(inclusive = false) Duration compactionInterval) {

    @ConstructorBinding
    public StorageProperties {
    }

    /** Settings with one inline key (or none) and no key file. */
    public StorageProperties(String encryptionKey, Duration retention, Duration purgeInterval) {
        this(encryptionKey, null, retention, purgeInterval, Duration.ofMinutes(1), Duration.ofSeconds(5));
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "StorageProperties[encryptionKey=" + (encryptionKey == null ? "(none)" : "(set)") + ", keyFile=" + keyFile
                + ", retention=" + retention + ", purgeInterval=" + purgeInterval + ", rotationInterval=" + rotationInterval + ", compactionInterval=" + compactionInterval + "]";
    }
}
