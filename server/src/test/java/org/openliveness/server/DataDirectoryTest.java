package org.openliveness.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @Test
    void theDirectoryOfAnH2FileUrlAndNoOther(@TempDir Path temp) {
        assertThat(DataDirectory.ofH2Url("jdbc:h2:file:" + temp + "/data/openliveness;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"))
                .contains(temp.resolve("data"));
        assertThat(DataDirectory.ofH2Url("jdbc:h2:file:./data/openliveness")).contains(Path.of("data").toAbsolutePath());
        assertThat(DataDirectory.ofH2Url("jdbc:postgresql://db/openliveness")).isEmpty();
        assertThat(DataDirectory.ofH2Url("jdbc:h2:mem:test")).isEmpty();
        assertThat(DataDirectory.ofH2Url(null)).isEmpty();
    }

    @Test
    void aNewDirectoryIsOwnerOnlyAndAnExistingOneIsLeftAlone(@TempDir Path temp) throws Exception {
        Path created = temp.resolve("a/b/data");
        DataDirectory.createOwnerOnly(created);
        assertThat(created).isDirectory();

        Path existing = Files.createDirectory(temp.resolve("shared"));
        if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
            Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));
            DataDirectory.createOwnerOnly(existing);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-x---");
        }
    }
}
