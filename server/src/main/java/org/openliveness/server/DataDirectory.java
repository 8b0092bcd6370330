package org.openliveness.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * The directory of the embedded defaults (H2 database, generated photo key): created readable
 * by its owner only ({@code rwx------}) where the file system has POSIX permissions, before
 * H2 or the key file would create it with the process's umask. An existing directory is left
 * as it is (the operator chose it), with a warning when other users can read it.
 */
public final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final String H2_FILE_PREFIX = "jdbc:h2:file:";

    private DataDirectory() {}

    /** Creates {@code dir} and missing parents; the directory itself (not its parents) is owner-only. */
    public static void createOwnerOnly(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            warnIfOthersCanRead(absolute);
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileAttribute<?>[] ownerOnly = posix(parent)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        try {
            Files.createDirectory(absolute, ownerOnly);
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first.
        }
    }

    /**
     * The directory an H2 file URL keeps its database in ({@code jdbc:h2:file:DIR/name;...}),
     * or empty for any other URL.
     */
    static Optional<Path> ofH2Url(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(H2_FILE_PREFIX)) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring(H2_FILE_PREFIX.length());
        int options = path.indexOf(';');
        Path database = Path.of(options < 0 ? path : path.substring(0, options));
        return Optional.ofNullable(database.toAbsolutePath().normalize().getParent());
    }

    /** Creates the embedded database's directory owner-only before the data source is first used. */
    static BeanPostProcessor beforeTheDataSource(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource) {
                    ofH2Url(environment.getProperty("spring.datasource.url")).ifPresent(dir -> {
                        try {
                            createOwnerOnly(dir);
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot create the data directory " + dir, e);
                        }
                    });
                }
                return bean;
            }
        };
    }

    private static boolean posix(Path existing) {
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfOthersCanRead(Path dir) throws IOException {
        if (!posix(dir)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
        if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            log.warn("The data directory {} can be read by other users ({}); it holds the database and may hold the photo key:"
                    + " chmod 700 it", dir, PosixFilePermissions.toString(permissions));
        }
    }
}
