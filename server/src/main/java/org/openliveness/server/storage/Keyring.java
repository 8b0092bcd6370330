package org.openliveness.server.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The photo keys: the current one (the last), which seals everything new, and older ones, which
 * still open what they sealed until a rotation has re-encrypted it (see {@link KeyRotation}).
 * A key's id is derived from the key ({@link #idOf}), so it needs no storing and names the key
 * without revealing it. A keyring read from a file is read again when a ciphertext names a key it
 * does not hold (another process rotated) and on {@link #reload()}. Thread-safe.
 */
public final class Keyring {

    /** A key and its id. */
    public record Key(String id, SecretKey secret) {

        public Key {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final Supplier<List<SecretKey>> source;
    private volatile List<Key> keys;

    private Keyring(Supplier<List<SecretKey>> source) {
        this.source = source;
        this.keys = load(source.get());
    }

    /** A fixed keyring: {@code keys} oldest first, the last is current. */
    public static Keyring of(List<SecretKey> keys) {
        List<SecretKey> fixed = List.copyOf(keys);
        return new Keyring(() -> fixed);
    }

    /** A keyring of one key. */
    public static Keyring of(SecretKey key) {
        return of(List.of(key));
    }

    /** A keyring that {@code source} reads again on {@link #reload()} and on an unknown key id. */
    static Keyring reading(Supplier<List<SecretKey>> source) {
        return new Keyring(source);
    }

    private static List<Key> load(List<SecretKey> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("the photo keyring holds no key");
        }
        List<Key> loaded = new ArrayList<>();
        for (SecretKey secret : secrets) {
            if (!"AES".equals(secret.getAlgorithm()) || secret.getEncoded() == null
                    || secret.getEncoded().length != PhotoCipher.KEY_BYTES) {
                throw new IllegalArgumentException("photo encryption needs 256-bit AES keys");
            }
            loaded.add(new Key(idOf(secret), secret));
        }
        return List.copyOf(loaded);
    }

    /**
     * A key's id: the first 8 bytes of HMAC-SHA256(key, "openliveness key id"), as 16 hex
     * characters. Says which key sealed a ciphertext; reveals nothing usable about the key.
     */
    public static String idOf(SecretKey key) {
        return HexFormat.of().formatHex(hmac(key.getEncoded(), "openliveness key id"), 0, 8);
    }

    /** The key new data is sealed with. */
    public Key current() {
        List<Key> now = keys;
        return now.get(now.size() - 1);
    }

    /** Every key, oldest first (the last is current). */
    public List<Key> keys() {
        return keys;
    }

    /** The key of this id, reading the source again once when it is not held. */
    Optional<Key> find(String id) {
        Optional<Key> found = lookup(id);
        if (found.isEmpty()) {
            reload();
            found = lookup(id);
        }
        return found;
    }

    private Optional<Key> lookup(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Reads the keys again from where they came from (a rotation may have added one). */
    public void reload() {
        keys = load(source.get());
    }

    /**
     * A secret derived from the oldest key for {@code purpose} (HMAC-SHA256(oldest key, purpose)), with
     * that key's id: stable across rotations as long as the oldest key is kept.
     */
    public Key derive(String purpose) {
        Key oldest = keys.get(0);
        return new Key(oldest.id(), new SecretKeySpec(hmac(oldest.secret().getEncoded(), purpose), "HmacSHA256"));
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must support HmacSHA256", e);
        }
    }
}
