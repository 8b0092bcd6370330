package org.openliveness.engine.image;

import java.util.Objects;

/**
 * An 8-bit RGB raster held in memory, as the analysis sees it (after EXIF orientation).
 *
 * <p>Pixels are packed row-major, three bytes per pixel in R, G, B order, origin at the
 * top-left, x to the right, y down: the byte index of channel {@code c} of pixel
 * {@code (x, y)} is {@code (y * width + x) * 3 + c}. Values are unsigned (read them with
 * {@code & 0xFF}). The array is owned by this record; callers must not modify it.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException(
                    "expected " + ((long) width * height * 3) + " bytes for " + width + "x" + height + ", got " + rgb.length);
        }
    }

    /** Red, green and blue of pixel (x, y), packed as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return ((rgb[i] & 0xFF) << 16) | ((rgb[i + 1] & 0xFF) << 8) | (rgb[i + 2] & 0xFF);
    }
}
