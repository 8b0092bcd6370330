package org.openliveness.server;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every feature ({@code openliveness.*}).
 *
 * @param dataDir where the embedded defaults keep their files: the H2 database
 *     ({@code openliveness.mv.db}) and the generated photo encryption key
 *     ({@code encryption.key}). Default {@code ./data}, relative to the working directory; a
 *     relative value must start with {@code ./} (H2 refuses implicitly relative paths).
 */
@Validated
@ConfigurationProperties("openliveness")
public record OpenLivenessProperties(@DefaultValue("./data") @NotNull Path dataDir) {}
