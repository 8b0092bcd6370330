package org.openliveness.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeyFileTest {

    @Test
    void generatesAnOwnerOnlyKeyOnFirstUseAndReusesIt(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");

        SecretKey first = EncryptionKeyFile.resolve(null, dataDir, new SecureRandom());
        SecretKey second = EncryptionKeyFile.resolve("", dataDir, new SecureRandom());

        Path file = dataDir.resolve("encryption.key");
        assertThat(first.getEncoded()).hasSize(32).isEqualTo(second.getEncoded());
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first.getEncoded());
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(dataDir)).doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_READ);
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("encryption.key");
        }
    }

    @Test
    void aConfiguredKeyWinsAndNoFileIsWritten(@TempDir Path temp) {
        byte[] key = new byte[32];
        key[31] = 7;

        SecretKey resolved = EncryptionKeyFile.resolve(Base64.getEncoder().encodeToString(key), temp, new SecureRandom());

        assertThat(resolved.getEncoded()).isEqualTo(key);
        assertThat(temp.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void aConfiguredKeyOfTheWrongSizeFailsWithoutEchoingIt(@TempDir Path temp) {
        String sixteenBytes = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());

        assertThatThrownBy(() -> EncryptionKeyFile.resolve(sixteenBytes, temp, new SecureRandom()))
                .hasMessageContaining("16 bytes").hasMessageNotContaining(sixteenBytes);
        assertThatThrownBy(() -> EncryptionKeyFile.resolve("not base64 at all!", temp, new SecureRandom()))
                .hasMessageContaining("base64").hasMessageNotContaining("at all");
    }
}
