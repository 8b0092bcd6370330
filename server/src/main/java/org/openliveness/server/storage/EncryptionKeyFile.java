package org.openliveness.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the photo key comes from: {@code openliveness.storage.encryption-key} when set, otherwise
 * {@code <data-dir>/encryption.key} — generated on first start (base64 of 32 bytes, owner-only
 * permissions where the file system has POSIX permissions, in a directory created owner-only) and read on every later start. Two
 * processes starting together on a fresh data dir end up with the same key: the file is
 * published by a hard link, which fails when the name is taken, and the loser reads the winner's.
 */
final class EncryptionKeyFile {

    static final String FILE_NAME = "encryption.key";
    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyFile.class);

    private EncryptionKeyFile() {}

    static SecretKey resolve(String configuredKey, Path dataDir, SecureRandom random) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return decode(configuredKey, "openliveness.storage.encryption-key");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            DataDirectory.createOwnerOnly(dataDir);
            byte[] key = new byte[PhotoCipher.KEY_BYTES];
            random.nextBytes(key);
            Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp", ownerOnly(dataDir));
            try {
                Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                publish(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            SecretKey published = read(file);
            log.info("Generated the photo encryption key in {}. Back it up: stored photos cannot be read without it.", file.toAbsolutePath());
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the photo encryption key " + file.toAbsolutePath(), e);
        }
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

    private static SecretKey read(Path file) throws IOException {
        return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toAbsolutePath().toString());
    }

    /** Never puts the key text in a message. */
    static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64 (expected base64 of 32 random bytes)");
        }
        if (key.length != PhotoCipher.KEY_BYTES) {
            throw new IllegalStateException(source + " decodes to " + key.length + " bytes; an AES-256 key is 32 bytes");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-------");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
