package org.openliveness.server;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every feature ({@code openliveness.*}).
 *
 * @param dataDir where the embedded defaults keep their files: the H2 database
 *     ({@code openliveness.mv.db}) and, in dev mode, the generated photo encryption key
 *     ({@code encryption.key}). Default {@code ./data}, relative to the working directory; a
 *     relative value must start with {@code ./} (H2 refuses implicitly relative paths).
 * @param devMode development mode ({@code serve --dev}): without a configured photo key, one is
 *     generated beside the data (with a warning at every start). Default false: the service
 *     refuses to start until a photo key is configured outside the data directory.
 */
@Validated
@ConfigurationProperties("openliveness")
public record OpenLivenessProperties(@DefaultValue("./data") @NotNull Path dataDir, @DefaultValue("false") boolean devMode) {

    @ConstructorBinding
    public OpenLivenessProperties {
    }

    /** Settings outside dev mode. */
    public OpenLivenessProperties(Path dataDir) {
        this(dataDir, false);
    }
}
