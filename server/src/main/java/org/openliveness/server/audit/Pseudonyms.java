package org.openliveness.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of user ids: HMAC-SHA256 of the id's UTF-8 bytes under a server secret, as 64
 * lowercase hex characters. Unlike a plain hash, a pseudonym cannot be matched to a user id by
 * hashing likely ids without the secret. Thread-safe.
 */
public final class Pseudonyms {

    /** Shortest secret accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 32;

    private final byte[] key;
    private final String keyId;

    /**
     * @param key   the secret, at least {@value #MIN_KEY_BYTES} bytes
     * @param keyId names the secret in the records (never the secret itself)
     */
    public Pseudonyms(byte[] key, String keyId) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonym key has at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = Arrays.copyOf(key, key.length);
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    /** HMAC-SHA256 of the user id, hex. */
    public String of(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must support HmacSHA256", e);
        }
    }

    /** Which secret made the pseudonyms. */
    public String keyId() {
        return keyId;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "Pseudonyms[" + keyId + "]";
    }
}
