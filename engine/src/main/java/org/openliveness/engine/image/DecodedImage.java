package org.openliveness.engine.image;

import java.util.Objects;

/**
 * A decoded upload: the pixels ready for analysis plus what was done to get them.
 *
 * <p>Conventions: {@link #image()} is upright (the EXIF orientation has been applied) and
 * subsampled; {@link #storedWidth()} and {@link #storedHeight()} are the dimensions written
 * in the file header, before orientation and subsampling. The image was produced by taking
 * every {@code subsampling}-th pixel of the stored image in both directions, starting at
 * (0, 0), so before orientation it measures {@code ceil(storedWidth / subsampling)} by
 * {@code ceil(storedHeight / subsampling)}; orientations 5 to 8 then swap width and height.
 * A point {@code (x, y)} of the stored image maps to roughly {@code (x / subsampling,
 * y / subsampling)} before orientation. Transparent pixels (PNG, WebP) are composited over
 * white.
 *
 * <p>For HEIC, libheif applies the container's rotation and mirroring itself while
 * converting, so the stored dimensions are those of its upright output and
 * {@code exifOrientation} is 1.
 *
 * @param image           upright RGB pixels
 * @param format          format sniffed from the leading bytes
 * @param exifOrientation EXIF orientation tag value that was applied, 1 to 8; 1 when the
 *                        file has none
 * @param storedWidth     width in the file header, in pixels
 * @param storedHeight    height in the file header, in pixels
 * @param subsampling     integer decimation factor applied on both axes, 1 when decoded at
 *                        full size
 */
public record DecodedImage(RgbImage image, ImageFormat format, int exifOrientation,
                           int storedWidth, int storedHeight, int subsampling) {

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        if (exifOrientation < 1 || exifOrientation > 8) {
            throw new IllegalArgumentException("exifOrientation must be 1..8, got " + exifOrientation);
        }
        if (storedWidth <= 0 || storedHeight <= 0) {
            throw new IllegalArgumentException("stored size must be positive, got " + storedWidth + "x" + storedHeight);
        }
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, got " + subsampling);
        }
        int w = ceilDiv(storedWidth, subsampling);
        int h = ceilDiv(storedHeight, subsampling);
        boolean swapped = exifOrientation >= 5;
        int expectedWidth = swapped ? h : w;
        int expectedHeight = swapped ? w : h;
        if (image.width() != expectedWidth || image.height() != expectedHeight) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height() + " but stored size "
                    + storedWidth + "x" + storedHeight + ", subsampling " + subsampling + " and orientation "
                    + exifOrientation + " give " + expectedWidth + "x" + expectedHeight);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
