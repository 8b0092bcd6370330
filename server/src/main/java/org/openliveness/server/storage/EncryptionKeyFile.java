package org.openliveness.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the photo keys come from ({@link #keyring}): {@code openliveness.storage.encryption-key}
 * (one or more base64 keys, comma-separated) or {@code openliveness.storage.key-file} (a keyring
 * file, one base64 key per line, oldest first) when set; otherwise, in dev mode only,
 * {@code <data-dir>/encryption.key} — generated on first start (base64 of 32 bytes, owner-only
 * permissions where the file system has POSIX permissions, in a directory created owner-only) and read on every later start. Two
 * processes starting together on a fresh data dir end up with the same key: the file is
 * published by a hard link, which fails when the name is taken, and the loser reads the winner's.
 */
final class EncryptionKeyFile {

    static final String FILE_NAME = "encryption.key";
    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyFile.class);

    private EncryptionKeyFile() {}

    /** What an operator is told when no key is configured outside dev mode. */
    static final String NO_KEY_CONFIGURED = "no photo encryption key is configured. Generate one outside the data directory,"
            + " for example `openliveness keys generate > /etc/openliveness/photo.keys` (chmod 600), and set"
            + " OPENLIVENESS_STORAGE_KEYFILE=/etc/openliveness/photo.keys (or OPENLIVENESS_STORAGE_ENCRYPTIONKEY to the base64 key);"
            + " or, on a development machine, start with `serve --dev` (openliveness.dev-mode=true) to generate one beside the data";

    /**
     * The keyring the settings name.
     *
     * @throws IllegalStateException outside dev mode when no key is configured, or the key file lies in the data directory
     */
    static Keyring keyring(StorageProperties storage, Path dataDir, boolean devMode, SecureRandom random) {
        boolean inline = storage.encryptionKey() != null && !storage.encryptionKey().isBlank();
        if (inline && storage.keyFile() != null) {
            throw new IllegalStateException("set one of openliveness.storage.encryption-key and openliveness.storage.key-file, not both");
        }
        if (inline) {
            List<SecretKey> keys = new ArrayList<>();
            for (String part : storage.encryptionKey().split(",")) {
                keys.add(decode(part, "openliveness.storage.encryption-key"));
            }
            return Keyring.of(keys);
        }
        if (storage.keyFile() != null) {
            Path file = storage.keyFile().toAbsolutePath().normalize();
            if (!devMode && file.startsWith(dataDir.toAbsolutePath().normalize())) {
                throw new IllegalStateException("the photo key file " + file + " lies in the data directory " + dataDir.toAbsolutePath()
                        + ": keep keys apart from the data they protect (a copy of the data must not carry its key)");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the photo key file " + file + " does not exist;"
                        + " create it with `openliveness keys generate > " + file + "` (chmod 600)");
            }
            return Keyring.reading(() -> readKeys(file));
        }
        if (!devMode) {
            throw new IllegalStateException(NO_KEY_CONFIGURED);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            resolve(null, dataDir, random);
        }
        log.warn("Dev mode: the photo encryption key is {}, beside the data it protects. Outside development configure"
                + " openliveness.storage.key-file (or encryption-key) and start without --dev.", file.toAbsolutePath());
        return Keyring.reading(() -> readKeys(file));
    }

    /** The keys of a keyring file, oldest first; blank lines and {@code #} comments skipped. */
    static List<SecretKey> readKeys(Path file) {
        List<SecretKey> keys = new ArrayList<>();
        try {
            int line = 0;
            for (String text : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                line++;
                String key = text.strip();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    keys.add(decode(key, file.toAbsolutePath() + " line " + line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the photo key file " + file.toAbsolutePath(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("the photo key file " + file.toAbsolutePath() + " holds no key");
        }
        return keys;
    }

    /**
     * Appends a new random key to a keyring file, making it the current key; the file is replaced
     * atomically with owner-only permissions. Returns the new key's id.
     */
    static String appendNewKey(Path file, SecureRandom random) throws IOException {
        readKeys(file);
        byte[] key = new byte[PhotoCipher.KEY_BYTES];
        random.nextBytes(key);
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        text += Base64.getEncoder().encodeToString(key) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", GeneratedKeyFile.ownerOnly(dir));
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return Keyring.idOf(new SecretKeySpec(key, "AES"));
    }

    /** A new random key as one line of base64 (what a keyring file holds). */
    static String newKeyLine(SecureRandom random) {
        byte[] key = new byte[PhotoCipher.KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static SecretKey resolve(String configuredKey, Path dataDir, SecureRandom random) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return decode(configuredKey, "openliveness.storage.encryption-key");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            GeneratedKeyFile.Secret secret = GeneratedKeyFile.readOrCreate(file, PhotoCipher.KEY_BYTES, random);
            if (secret.created()) {
                log.info("Generated the photo encryption key in {}. Back it up: stored photos cannot be read without it.",
                        file.toAbsolutePath());
            }
            return decode(secret.base64(), file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the photo encryption key " + file.toAbsolutePath(), e);
        }
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
}
