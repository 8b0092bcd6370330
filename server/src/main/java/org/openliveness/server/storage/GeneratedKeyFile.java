package org.openliveness.server.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.openliveness.server.DataDirectory;

/**
 * A secret generated once into a file of its own: the first process to need it writes random
 * bytes, as one line of base64, owner-only, and publishes the file atomically; every later one
 * (and any process that lost the race) reads what was published. For the keys the service may
 * generate for itself (the photo key in dev mode, the access-token signing key).
 */
public final class GeneratedKeyFile {

    /** The file's base64 text, and whether this call created it. */
    public record Secret(String base64, boolean created) {

        @Override
        public String toString() {
            return "Secret[created=" + created + "]";
        }
    }

    private GeneratedKeyFile() {}

    /**
     * The secret in {@code file}, created with {@code bytes} random bytes when there is none yet
     * (its directory made owner-only first).
     */
    public static Secret readOrCreate(Path file, int bytes, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return new Secret(read(file), false);
        }
        Path dir = file.toAbsolutePath().getParent();
        DataDirectory.createOwnerOnly(dir);
        byte[] key = new byte[bytes];
        random.nextBytes(key);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", ownerOnly(dir));
        try {
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            publish(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Secret(read(file), true);
    }

    /** Owner-only permissions where the file system has them. */
    static FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static void publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // Another process published first; its key wins.
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            try {
                Files.move(temp, file);
            } catch (FileAlreadyExistsException raced) {
                // Another process published first; its key wins.
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
}
