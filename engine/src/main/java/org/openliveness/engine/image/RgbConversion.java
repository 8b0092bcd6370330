package org.openliveness.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/** Converts decoded rasters and images into packed 8-bit RGB. */
final class RgbConversion {

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];
    /** Offset added to indices into {@link #RANGE_LIMIT}, which clamps -384..639 to 0..255. */
    private static final int RANGE_OFFSET = 384;
    private static final byte[] RANGE_LIMIT = new byte[1024];

    static {
        // The fixed-point tables of IJG libjpeg's jdcolor.c, so the result equals the JDK's native conversion.
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
        for (int i = 0; i < RANGE_LIMIT.length; i++) {
            RANGE_LIMIT[i] = clamp(i - RANGE_OFFSET);
        }
    }

    private RgbConversion() {
    }

    private static int fix(double v) {
        return (int) (v * (1 << SCALE_BITS) + 0.5);
    }

    /** Converts a 3-band JFIF YCbCr raster (full-range, BT.601) to RGB. */
    static RgbImage fromYCbCr(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[w * h * 3];
        ByteLayout layout = ByteLayout.of(raster);
        if (layout != null && layout.pixelStride == 3 && layout.bandOffsets[0] == 0 && layout.bandOffsets[1] == 1
                && layout.bandOffsets[2] == 2) {
            for (int y = 0; y < h; y++) {
                ycbcrRow(layout.data, layout.base + y * layout.scanlineStride, out, y * w * 3, w);
            }
        } else {
            byte[] row = new byte[w * 3];
            int[] samples = new int[w * 3];
            for (int y = 0; y < h; y++) {
                raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
                for (int i = 0; i < samples.length; i++) {
                    row[i] = (byte) samples[i];
                }
                ycbcrRow(row, 0, out, y * w * 3, w);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Converts {@code count} interleaved YCbCr pixels starting at {@code in[p]} into RGB at {@code out[o]}. */
    private static void ycbcrRow(byte[] in, int p, byte[] out, int o, int count) {
        int[] crR = CR_R;
        int[] cbB = CB_B;
        int[] crG = CR_G;
        int[] cbG = CB_G;
        byte[] limit = RANGE_LIMIT;
        int end = p + count * 3;
        for (; p < end; p += 3, o += 3) {
            int yy = (in[p] & 0xFF) + RANGE_OFFSET;
            int cb = in[p + 1] & 0xFF;
            int cr = in[p + 2] & 0xFF;
            out[o] = limit[yy + crR[cr]];
            out[o + 1] = limit[yy + ((cbG[cb] + crG[cr]) >> SCALE_BITS)];
            out[o + 2] = limit[yy + cbB[cb]];
        }
    }

    /** Replicates the first band of an 8-bit raster into R, G and B. */
    static RgbImage fromGray(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[w * h * 3];
        ByteLayout layout = ByteLayout.of(raster);
        int o = 0;
        if (layout != null) {
            for (int y = 0; y < h; y++) {
                int p = layout.base + y * layout.scanlineStride + layout.bandOffsets[0];
                for (int x = 0; x < w; x++, p += layout.pixelStride) {
                    byte v = layout.data[p];
                    out[o++] = v;
                    out[o++] = v;
                    out[o++] = v;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    byte v = (byte) row[x];
                    out[o++] = v;
                    out[o++] = v;
                    out[o++] = v;
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * Converts any decoded image to sRGB bytes. Gray and sRGB component images are read sample
     * by sample (8 or 16 bits, no colour conversion: gray values are taken as already
     * gamma-encoded, as PNG and JPEG store them); anything else goes through
     * {@link BufferedImage#getRGB}, which colour-manages. Alpha is composited over white.
     */
    static RgbImage fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        boolean gray = cs.getType() == ColorSpace.TYPE_GRAY;
        if (cm instanceof ComponentColorModel && (gray || cs.isCS_sRGB()) && !cm.isAlphaPremultiplied()
                && cm.getNumComponents() == image.getRaster().getNumBands()) {
            return fromComponents(image.getRaster(), cm, gray);
        }
        byte[] out = new byte[w * h * 3];
        int[] argb = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int a = p >>> 24;
                out[o++] = over(p >> 16 & 0xFF, a);
                out[o++] = over(p >> 8 & 0xFF, a);
                out[o++] = over(p & 0xFF, a);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage fromComponents(Raster raster, ColorModel cm, boolean gray) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        boolean alpha = cm.hasAlpha();
        int colorBands = gray ? 1 : 3;
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << cm.getComponentSize(b)) - 1;
        }
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int i = 0; i < row.length; i += bands) {
                int a = alpha ? to8(row[i + colorBands], max[colorBands]) : 255;
                int r = to8(row[i], max[0]);
                int g = gray ? r : to8(row[i + 1], max[1]);
                int b = gray ? r : to8(row[i + 2], max[2]);
                out[o++] = over(r, a);
                out[o++] = over(g, a);
                out[o++] = over(b, a);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Keeps every {@code factor}-th pixel in both directions, starting at (0, 0). */
    static RgbImage subsample(RgbImage image, int factor) {
        if (factor == 1) {
            return image;
        }
        int w = (image.width() + factor - 1) / factor;
        int h = (image.height() + factor - 1) / factor;
        byte[] src = image.rgb();
        byte[] out = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = y * factor * image.width() * 3;
            for (int x = 0; x < w; x++, p += factor * 3) {
                out[o++] = src[p];
                out[o++] = src[p + 1];
                out[o++] = src[p + 2];
            }
        }
        return new RgbImage(w, h, out);
    }

    private static int to8(int value, int max) {
        return max == 255 ? value : (value * 255 + max / 2) / max;
    }

    private static byte over(int c, int a) {
        return (byte) (a == 255 ? c : (c * a + 255 * (255 - a) + 127) / 255);
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** Direct access to an interleaved 8-bit raster held in one byte array. */
    private record ByteLayout(byte[] data, int base, int pixelStride, int scanlineStride, int[] bandOffsets) {

        /** The layout of {@code raster}, or null when it is not a single-bank byte component raster. */
        static ByteLayout of(Raster raster) {
            if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                    || !(raster.getSampleModel() instanceof ComponentSampleModel sm)) {
                return null;
            }
            for (int bank : sm.getBankIndices()) {
                if (bank != 0) {
                    return null;
                }
            }
            int x0 = raster.getMinX() - raster.getSampleModelTranslateX();
            int y0 = raster.getMinY() - raster.getSampleModelTranslateY();
            int base = buffer.getOffset() + y0 * sm.getScanlineStride() + x0 * sm.getPixelStride();
            return new ByteLayout(buffer.getData(), base, sm.getPixelStride(), sm.getScanlineStride(), sm.getBandOffsets());
        }
    }
}
