package org.openliveness.server.storage;

/**
 * A stored photo (or sealed data) failed authenticated decryption: its bytes were altered, moved
 * to another row, or encrypted under a key the keyring does not hold. Never carries photo bytes.
 */
public final class PhotoDecryptionException extends RuntimeException {

    PhotoDecryptionException(String photoId, Throwable cause) {
        super("photo " + photoId + " cannot be decrypted: altered, moved from another row, or encrypted under another key", cause);
    }

    PhotoDecryptionException(String photoId, String why) {
        super("photo " + photoId + " cannot be decrypted: " + why);
    }
}
