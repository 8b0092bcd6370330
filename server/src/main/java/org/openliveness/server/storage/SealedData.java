package org.openliveness.server.storage;

/**
 * A feature that keeps data sealed with the photo keys ({@link PhotoStore#seal}) and re-seals its
 * own under the current key when asked by a {@link KeyRotation}. No feature re-seals another's.
 */
public interface SealedData {

    /** What is re-sealed, in the plural, for progress lines ({@code photos}, {@code session evidence}). */
    String kind();

    /** How many items are still sealed under a key other than the current one. */
    long remaining();

    /**
     * Re-seals up to {@code limit} items under the current key (those sealed under it already are
     * left alone, so this is idempotent and a rotation can resume where it stopped).
     *
     * @return how many were re-sealed; 0 when none is left
     */
    int resealBatch(int limit);
}
