package org.openliveness.server.storage;

/**
 * A stored photo failed authenticated decryption: its bytes were altered, moved to another row,
 * or encrypted under another key. Never carries photo bytes.
 */
public final class PhotoDecryptionException extends RuntimeException {

    PhotoDecryptionException(String photoId, Throwable cause) {
        super("photo " + photoId + " cannot be decrypted: altered, moved from another row, or encrypted under another key", cause);
    }
}
