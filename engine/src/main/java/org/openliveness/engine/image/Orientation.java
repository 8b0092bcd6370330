package org.openliveness.engine.image;

/**
 * Turns a stored image upright according to its EXIF orientation tag (TIFF tag 0x0112).
 *
 * <p>Values: 1 as stored; 2 mirrored left-right; 3 rotated 180°; 4 mirrored top-bottom;
 * 5 transposed (mirrored along the main diagonal); 6 needs a 90° clockwise turn; 7
 * transversed (mirrored along the anti-diagonal); 8 needs a 90° counter-clockwise turn.
 * Values 5 to 8 swap width and height.
 */
final class Orientation {

    private Orientation() {
    }

    /**
     * Returns {@code stored} as it should be displayed for EXIF orientation {@code orientation}.
     * Orientation 1 returns the same instance.
     *
     * @throws IllegalArgumentException if {@code orientation} is not 1..8
     */
    static RgbImage apply(RgbImage stored, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
        }
        if (orientation == 1) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        // Source pixel of display pixel (dx, dy) is (sx0 + dx * sxDx + dy * sxDy, sy0 + dx * syDx + dy * syDy).
        int sx0;
        int sy0;
        int sxDx;
        int syDx;
        int sxDy;
        int syDy;
        switch (orientation) {
            case 2 -> { sx0 = w - 1; sy0 = 0; sxDx = -1; syDx = 0; sxDy = 0; syDy = 1; }
            case 3 -> { sx0 = w - 1; sy0 = h - 1; sxDx = -1; syDx = 0; sxDy = 0; syDy = -1; }
            case 4 -> { sx0 = 0; sy0 = h - 1; sxDx = 1; syDx = 0; sxDy = 0; syDy = -1; }
            case 5 -> { sx0 = 0; sy0 = 0; sxDx = 0; syDx = 1; sxDy = 1; syDy = 0; }
            case 6 -> { sx0 = 0; sy0 = h - 1; sxDx = 0; syDx = -1; sxDy = 1; syDy = 0; }
            case 7 -> { sx0 = w - 1; sy0 = h - 1; sxDx = 0; syDx = -1; sxDy = -1; syDy = 0; }
            default -> { sx0 = w - 1; sy0 = 0; sxDx = 0; syDx = 1; sxDy = -1; syDy = 0; }
        }
        byte[] src = stored.rgb();
        byte[] dst = new byte[src.length];
        int stepX = (sxDx + syDx * w) * 3;
        int stepY = (sxDy + syDy * w) * 3;
        int rowStart = (sx0 + sy0 * w) * 3;
        int d = 0;
        for (int dy = 0; dy < outH; dy++) {
            int s = rowStart;
            for (int dx = 0; dx < outW; dx++) {
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
                d += 3;
                s += stepX;
            }
            rowStart += stepY;
        }
        return new RgbImage(outW, outH, dst);
    }
}
