package org.openliveness.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * The photo keys as the operator manages them: the keyring, where it is kept, and a rotation
 * (a new current key appended to the key file, then every sealed item re-encrypted under it).
 */
public final class PhotoKeys {

    private final Keyring keyring;
    private final Path file;
    private final KeyRotation rotation;
    private final SecureRandom random;

    /** @param file the keyring file {@link #rotate} appends to, or null when the keys are configured inline */
    PhotoKeys(Keyring keyring, Path file, KeyRotation rotation, SecureRandom random) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.file = file;
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Keyring keyring() {
        return keyring;
    }

    /** The keyring file, when the keys are kept in one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Re-encrypts what an older key sealed (see {@link KeyRotation}). */
    public KeyRotation rotation() {
        return rotation;
    }

    /**
     * Appends a new random key to the keyring file and makes it current (this process at once;
     * other processes when they next read the file). Older keys stay.
     *
     * @return the new key's id
     * @throws IllegalStateException when the keys are configured inline (no file to append to)
     */
    public String rotate() {
        if (file == null) {
            throw new IllegalStateException("the photo keys are configured inline (openliveness.storage.encryption-key):"
                    + " append a new key to that list yourself (`openliveness keys generate`, comma-separated, last is current),"
                    + " restart, and the service re-encrypts in the background; or keep them in openliveness.storage.key-file");
        }
        try {
            String id = EncryptionKeyFile.appendNewKey(file, random);
            keyring.reload();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the photo key file " + file, e);
        }
    }

    /** A new random key, base64, for a keyring file or the inline setting. */
    public static String generate() {
        return EncryptionKeyFile.newKeyLine(new SecureRandom());
    }
}
