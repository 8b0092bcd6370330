package org.openliveness.server.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.openliveness.server.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the token-signing key comes from, kept like the photo key: {@code openliveness.oauth.signing-key}
 * when set, otherwise {@code <data-dir>/oauth-signing.key}, generated on first start (base64 of 32
 * random bytes, owner-only) and read on every later start. Instances sharing a database must share
 * the key (set it, or share the data directory), or tokens issued by one are refused by another.
 * Two processes starting together on a fresh data dir end up with one key: the file is published
 * by a hard link, which fails when the name is taken, and the loser reads the winner's.
 */
final class SigningKeyFile {

    static final String FILE_NAME = "oauth-signing.key";
    static final int MIN_KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);

    private SigningKeyFile() {}

    static SecretKey resolve(String configuredKey, Path dataDir, SecureRandom random) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return decode(configuredKey, "openliveness.oauth.signing-key");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            DataDirectory.createOwnerOnly(dataDir);
            byte[] key = new byte[MIN_KEY_BYTES];
            random.nextBytes(key);
            FileAttribute<?>[] ownerOnly = dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp", ownerOnly);
            try {
                Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                publish(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            SecretKey published = read(file);
            log.info("Generated the access-token signing key in {}.", file.toAbsolutePath());
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the access-token signing key " + file.toAbsolutePath(), e);
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
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(source + " decodes to " + key.length + " bytes; an HMAC-SHA256 key needs at least "
                    + MIN_KEY_BYTES);
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
