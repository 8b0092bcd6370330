package org.openliveness.engine.image;

/**
 * Bounds an uploaded image must respect before it is decoded.
 *
 * @param maxBytes  largest accepted encoded size, in bytes
 * @param maxPixels largest accepted width × height, in pixels, taken from the file header as
 *                  stored (before any subsampling), so that memory stays bounded whatever the
 *                  header claims
 * @param minSide   smallest accepted width and smallest accepted height, in pixels, as stored
 */
public record ImageLimits(long maxBytes, long maxPixels, int minSide) {

    /** 10 MiB, 50 megapixels, 32 pixels. */
    public static final ImageLimits DEFAULTS = new ImageLimits(10L * 1024 * 1024, 50_000_000L, 32);

    public ImageLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (minSide <= 0) {
            throw new IllegalArgumentException("minSide must be positive, got " + minSide);
        }
        if (maxPixels < (long) minSide * minSide) {
            throw new IllegalArgumentException(
                    "maxPixels (" + maxPixels + ") must be at least minSide squared (" + ((long) minSide * minSide) + ")");
        }
    }
}
