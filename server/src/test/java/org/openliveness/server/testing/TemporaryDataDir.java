package org.openliveness.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points {@code openliveness.data-dir} (H2 database, generated key) at a new directory under
 * {@code target/} for each context, so tests never touch {@code ./data} and {@code mvn clean}
 * removes what they leave.
 */
public final class TemporaryDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public TemporaryDataDir() {}

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-data"));
            Path dataDir = Files.createTempDirectory(base.toAbsolutePath(), "openliveness-");
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("temporaryDataDir", Map.of("openliveness.data-dir", dataDir.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
