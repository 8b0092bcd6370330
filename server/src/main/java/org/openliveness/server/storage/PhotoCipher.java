package org.openliveness.server.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for photos and other sealed biometric data, under the keys of a {@link Keyring}.
 * Stored form: the header {@code "OLK1"}, one byte n, the n ASCII characters of the sealing key's
 * id, a 12-byte random nonce, then the ciphertext with its 16-byte tag. The associated data is
 * the header followed by the context (a photo id, a session id), so ciphertext copied into another
 * row does not decrypt there and its key id cannot be swapped. Ciphertexts written before key ids
 * existed (nonce first, no header) still open: each key of the ring is tried. Thread-safe (a
 * {@link Cipher} per call).
 */
final class PhotoCipher {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int KEY_BYTES = 32;
    private static final byte[] MAGIC = {'O', 'L', 'K', '1'};
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Keyring keyring;
    private final SecureRandom random;

    PhotoCipher(Keyring keyring, SecureRandom random) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Bytes added to a plaintext under a key id of {@code idLength} characters. */
    static int overhead(int idLength) {
        return MAGIC.length + 1 + idLength + NONCE_BYTES + TAG_BITS / 8;
    }

    /** Sealed under the current key: header, nonce, ciphertext and tag. */
    byte[] encrypt(String context, byte[] plaintext) {
        Keyring.Key key = keyring.current();
        byte[] id = key.id().getBytes(StandardCharsets.US_ASCII);
        int headerLength = MAGIC.length + 1 + id.length;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] stored = new byte[headerLength + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(MAGIC, 0, stored, 0, MAGIC.length);
            stored[MAGIC.length] = (byte) id.length;
            System.arraycopy(id, 0, stored, MAGIC.length + 1, id.length);
            System.arraycopy(nonce, 0, stored, headerLength, NONCE_BYTES);
            cipher.updateAAD(stored, 0, headerLength);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            int written = cipher.doFinal(plaintext, 0, plaintext.length, stored, headerLength + NONCE_BYTES);
            int length = headerLength + NONCE_BYTES + written;
            return length == stored.length ? stored : Arrays.copyOf(stored, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The id of the key that sealed {@code stored}, or empty for a ciphertext from before key ids
     * (sealed with the one key there was).
     */
    static Optional<String> keyId(byte[] stored) {
        if (stored.length < MAGIC.length + 1 || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        int n = stored[MAGIC.length] & 0xff;
        if (n == 0 || stored.length < MAGIC.length + 1 + n + NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        return Optional.of(new String(stored, MAGIC.length + 1, n, StandardCharsets.US_ASCII));
    }

    /** True when {@code stored} is sealed under the current key (a rotation leaves it alone). */
    boolean isCurrent(byte[] stored) {
        return keyId(stored).filter(keyring.current().id()::equals).isPresent();
    }

    /** @throws PhotoDecryptionException if the bytes, the context or the key do not match, or the key is not in the ring */
    byte[] decrypt(String context, byte[] stored) {
        Optional<String> id = keyId(stored);
        String unknownKey = null;
        if (id.isPresent()) {
            Keyring.Key key = keyring.find(id.get()).orElse(null);
            if (key != null) {
                int headerLength = MAGIC.length + 1 + id.get().length();
                try {
                    return open(key.secret(), stored, headerLength, context);
                } catch (AEADBadTagException e) {
                    // A ciphertext from before key ids that happens to start with the header: tried below.
                    if (!legacyFits(stored)) {
                        throw new PhotoDecryptionException(context, e);
                    }
                }
            } else {
                unknownKey = id.get();
            }
        }
        if (!legacyFits(stored)) {
            throw new PhotoDecryptionException(context, (Throwable) null);
        }
        AEADBadTagException last = null;
        java.util.List<Keyring.Key> keys = keyring.keys();
        for (int i = keys.size() - 1; i >= 0; i--) {
            try {
                return openLegacy(keys.get(i).secret(), stored, context);
            } catch (AEADBadTagException e) {
                last = e;
            }
        }
        throw unknownKey == null ? new PhotoDecryptionException(context, last) : notInKeyring(context, unknownKey);
    }

    private static PhotoDecryptionException notInKeyring(String context, String keyId) {
        return new PhotoDecryptionException(context, "it was sealed under key " + keyId + ", which is not in the keyring"
                + " (a key removed before a rotation finished, or another installation's data)");
    }

    private static boolean legacyFits(byte[] stored) {
        return stored.length >= NONCE_BYTES + TAG_BITS / 8;
    }

    private static byte[] open(SecretKey key, byte[] stored, int headerLength, String context) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, headerLength, NONCE_BYTES));
            cipher.updateAAD(stored, 0, headerLength);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, headerLength + NONCE_BYTES, stored.length - headerLength - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** The form before key ids: nonce, ciphertext and tag; the context alone as associated data. */
    private static byte[] openLegacy(SecretKey key, byte[] stored, String context) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
