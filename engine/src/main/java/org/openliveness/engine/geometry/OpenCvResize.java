package org.openliveness.engine.geometry;

import java.util.Objects;
import org.openliveness.engine.image.RgbImage;

/**
 * OpenCV's {@code cv::resize(src.roi(rect), dst, size)} with the default {@code INTER_LINEAR} on an
 * 8-bit image, reproduced bit for bit (OpenCV 3.3's scalar path, the one OpenCV.js runs), for models
 * whose reference code prepares their input with OpenCV.
 *
 * <p>Output pixel {@code i} samples input {@code (i + 0.5)·W/outW − 0.5} (half-pixel centres),
 * computed in float32 and clamped to the region's first and last pixel; the two horizontal weights
 * are rounded to 11-bit fixed point, the horizontal pass keeps integers, and the vertical pass
 * rounds as OpenCV's {@code VResizeLinear<uchar>} does. A region shrunk by exactly 2 in both
 * directions is averaged over 2×2 blocks instead ({@code INTER_AREA}'s fast path), as OpenCV does.
 * Pixels outside the region are never read.
 */
public final class OpenCvResize {

    /** {@code INTER_RESIZE_COEF_BITS}: the weights' fixed-point precision. */
    private static final int COEF_BITS = 11;
    private static final int COEF_SCALE = 1 << COEF_BITS;

    private OpenCvResize() {
    }

    /**
     * Resizes the region {@code [x, x + w) × [y, y + h)} of {@code img} to {@code outW × outH}.
     *
     * @param img  source image (R, G, B bytes; channels are resized independently, so the order is kept)
     * @param x    left column of the region, {@code 0 ≤ x}, {@code x + w ≤ img.width()}
     * @param y    top row of the region, {@code 0 ≤ y}, {@code y + h ≤ img.height()}
     * @param w    region width in pixels, ≥ 1
     * @param h    region height in pixels, ≥ 1
     * @param outW output width in pixels, ≥ 1
     * @param outH output height in pixels, ≥ 1
     * @return a new {@code outW × outH} image
     */
    public static RgbImage resize(RgbImage img, int x, int y, int w, int h, int outW, int outH) {
        Objects.requireNonNull(img, "img");
        if (w < 1 || h < 1 || outW < 1 || outH < 1) {
            throw new IllegalArgumentException("sizes must be positive, got region " + w + "x" + h + " and output " + outW + "x" + outH);
        }
        if (x < 0 || y < 0 || x + w > img.width() || y + h > img.height()) {
            throw new IllegalArgumentException("region " + x + "," + y + " " + w + "x" + h + " lies outside the "
                    + img.width() + "x" + img.height() + " image");
        }
        double scaleX = 1.0 / ((double) outW / w);
        double scaleY = 1.0 / ((double) outH / h);
        if (w == 2 * outW && h == 2 * outH) {
            return halve(img, x, y, outW, outH);
        }
        int[] xs = new int[outW];
        int[] ax = new int[2 * outW];
        for (int i = 0; i < outW; i++) {
            float f = (float) ((i + 0.5) * scaleX - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            if (s < 0) {
                f = 0;
                s = 0;
            }
            if (s >= w - 1) {
                f = 0;
                s = w - 1;
            }
            xs[i] = s;
            ax[2 * i] = fixed(1.0f - f);
            ax[2 * i + 1] = fixed(f);
        }
        byte[] src = img.rgb();
        int stride = img.width() * 3;
        byte[] out = new byte[outW * outH * 3];
        int[] row0 = new int[outW * 3];
        int[] row1 = new int[outW * 3];
        for (int j = 0; j < outH; j++) {
            float f = (float) ((j + 0.5) * scaleY - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            int b0 = fixed(1.0f - f);
            int b1 = fixed(f);
            // The two source rows, each clipped into the region (OpenCV clamps rows, not weights).
            horizontal(src, (y + clip(s, h)) * stride + x * 3, w, xs, ax, row0);
            horizontal(src, (y + clip(s + 1, h)) * stride + x * 3, w, xs, ax, row1);
            int o = j * outW * 3;
            for (int k = 0; k < outW * 3; k++) {
                int v = (((b0 * (row0[k] >> 4)) >> 16) + ((b1 * (row1[k] >> 4)) >> 16) + 2) >> 2;
                out[o + k] = (byte) v;
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /** One source row resized horizontally into 11-bit fixed point (value × 2048). */
    private static void horizontal(byte[] src, int rowStart, int w, int[] xs, int[] ax, int[] dst) {
        for (int i = 0; i < xs.length; i++) {
            int s = xs[i];
            int p = rowStart + s * 3;
            for (int c = 0; c < 3; c++) {
                int v0 = src[p + c] & 0xFF;
                dst[i * 3 + c] = s >= w - 1
                        ? v0 * COEF_SCALE
                        : v0 * ax[2 * i] + (src[p + 3 + c] & 0xFF) * ax[2 * i + 1];
            }
        }
    }

    /** OpenCV's {@code INTER_AREA} fast path for an exact 2× reduction: the rounded mean of each 2×2 block. */
    private static RgbImage halve(RgbImage img, int x, int y, int outW, int outH) {
        byte[] src = img.rgb();
        int stride = img.width() * 3;
        byte[] out = new byte[outW * outH * 3];
        for (int j = 0; j < outH; j++) {
            int top = (y + 2 * j) * stride;
            for (int i = 0; i < outW; i++) {
                int p = top + (x + 2 * i) * 3;
                for (int c = 0; c < 3; c++) {
                    int sum = (src[p + c] & 0xFF) + (src[p + 3 + c] & 0xFF)
                            + (src[p + stride + c] & 0xFF) + (src[p + stride + 3 + c] & 0xFF);
                    out[(j * outW + i) * 3 + c] = (byte) ((sum + 2) >> 2);
                }
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /** {@code saturate_cast<short>(weight · 2048)}: rounded half to even, as {@code lrint}. */
    private static int fixed(float weight) {
        return (int) Math.rint(weight * COEF_SCALE);
    }

    private static int clip(int v, int size) {
        return Math.min(Math.max(v, 0), size - 1);
    }
}
