package org.openliveness.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.openliveness.server.OpenLivenessServer;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Outside dev mode, with the profiles that take access tokens on (the default), the service does
 * not start without {@code openliveness.oauth.signing-key}, and says which property to set and how
 * to make a key; no key is generated beside the data.
 */
class SigningKeyRequiredTest {

    @Test
    void withoutASigningKeyTheServiceDoesNotStartOutsideDevMode() throws Exception {
        Path base = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
        Path dataDir = Files.createTempDirectory(base, "no-signing-key-");
        byte[] photoKey = new byte[32];
        new SecureRandom().nextBytes(photoKey);
        assertThatThrownBy(() -> new SpringApplicationBuilder(OpenLivenessServer.class).main(OpenLivenessServer.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
                "--openliveness.dev-mode=false", "--openliveness.data-dir=" + dataDir,
                "--openliveness.storage.encryption-key=" + Base64.getEncoder().encodeToString(photoKey)))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openliveness.oauth.signing-key")
                .hasMessageContaining("keys generate");
        assertThat(dataDir.resolve(SigningKeyFile.FILE_NAME)).doesNotExist();
    }
}
