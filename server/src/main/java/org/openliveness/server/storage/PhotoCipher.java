package org.openliveness.server.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for photos. Stored form: 12-byte random nonce, then the ciphertext with its 16-byte
 * tag. The photo id is the additional authenticated data, so ciphertext copied into another row
 * does not decrypt there. Thread-safe (a {@link Cipher} per call).
 */
final class PhotoCipher {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random;

    PhotoCipher(SecretKey key, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        if (!"AES".equals(key.getAlgorithm()) || key.getEncoded() == null || key.getEncoded().length != KEY_BYTES) {
            throw new IllegalArgumentException("photo encryption needs a 256-bit AES key");
        }
        this.key = key;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Nonce followed by ciphertext and tag; {@code plaintext.length + 28} bytes. */
    byte[] encrypt(String photoId, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(photoId.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, stored, NONCE_BYTES);
            return written == stored.length - NONCE_BYTES ? stored : Arrays.copyOf(stored, NONCE_BYTES + written);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws PhotoDecryptionException if the bytes, the photo id or the key do not match */
    byte[] decrypt(String photoId, byte[] stored) {
        if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new PhotoDecryptionException(photoId, null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(photoId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new PhotoDecryptionException(photoId, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
