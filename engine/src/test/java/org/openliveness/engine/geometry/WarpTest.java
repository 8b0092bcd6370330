package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.image.RgbImage;

class WarpTest {

    private static final double EPS = 1e-4;

    /** R = 10·x, G = 10·y, B = 7: bilinear sampling of this gradient is exact anywhere inside. */
    private static RgbImage gradient(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (10 * x);
                rgb[i + 1] = (byte) (10 * y);
                rgb[i + 2] = 7;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage constant(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new RgbImage(w, h, rgb);
    }

    /** Red channel given row by row; green = 255 − red, blue = 0. */
    private static RgbImage redImage(int w, int h, int... red) {
        byte[] rgb = new byte[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            rgb[3 * p] = (byte) red[p];
            rgb[3 * p + 1] = (byte) (255 - red[p]);
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage random(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(w, h, rgb);
    }

    private static float at(float[] t, int outW, int channels, int i, int j, int c) {
        return t[(j * outW + i) * channels + c];
    }

    private static int pixel(RgbImage img, int x, int y, int c) {
        return img.rgb()[(y * img.width() + x) * 3 + c] & 0xFF;
    }

    @Test
    void identityCropReproducesPixelsInNhwcOrder() {
        RgbImage img = random(5, 4, 1);
        float[] t = Warp.cropToTensor(img, Affine2D.identity(), 5, 4, ChannelLayout.RGB, Normalisation.raw());
        assertEquals(5 * 4 * 3, t.length);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(pixel(img, x, y, c), t[(y * 5 + x) * 3 + c], 0);
                }
            }
        }
    }

    @Test
    void subPixelCropOfGradientIsExact() {
        RgbImage img = gradient(8, 6);
        Affine2D m = new Affine2D(0.5, 0, 1.5, 0, 0.25, 2.25);
        float[] t = Warp.cropToTensor(img, m, 6, 4, ChannelLayout.RGB, Normalisation.raw());
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 6; i++) {
                assertEquals(10 * (0.5 * i + 1.5), at(t, 6, 3, i, j, 0), EPS);
                assertEquals(10 * (0.25 * j + 2.25), at(t, 6, 3, i, j, 1), EPS);
                assertEquals(7, at(t, 6, 3, i, j, 2), EPS);
            }
        }
    }

    @Test
    void rotatedCropSamplesRotatedPositions() {
        RgbImage img = gradient(20, 20);
        Affine2D m = Warp.rotatedSquare(10, 10, 8, Math.PI / 2, 4);
        float[] t = Warp.cropToTensor(img, m, 4, 4, ChannelLayout.RGB, Normalisation.raw());
        // output +x runs down the input: output (3, 2), one column right of the centre, is (10, 12)
        assertEquals(100, at(t, 4, 3, 3, 2, 0), EPS);
        assertEquals(120, at(t, 4, 3, 3, 2, 1), EPS);
        // output +y runs towards input −x: output (2, 0), two rows above the centre, is (14, 10)
        assertEquals(140, at(t, 4, 3, 2, 0, 0), EPS);
        assertEquals(100, at(t, 4, 3, 2, 0, 1), EPS);
    }

    @Test
    void outsideTheImageReadsBlackBeforeNormalisation() {
        RgbImage img = constant(4, 4, 200, 100, 50);
        float[] raw = Warp.cropToTensor(img, Affine2D.translation(-100, 50), 3, 3, ChannelLayout.RGB, Normalisation.raw());
        for (float v : raw) {
            assertEquals(0, v, 0);
        }
        float[] sym = Warp.cropToTensor(img, Affine2D.translation(10, 0), 2, 2, ChannelLayout.RGB, Normalisation.symmetric());
        for (float v : sym) {
            assertEquals(-1, v, 0);
        }
    }

    @Test
    void borderBlendsWithZeroPadding() {
        RgbImage img = constant(4, 4, 200, 100, 50);
        float[] t = Warp.cropToTensor(img, Affine2D.translation(-0.5, 0), 2, 1, ChannelLayout.RGB, Normalisation.raw());
        assertEquals(100, at(t, 2, 3, 0, 0, 0), EPS);
        assertEquals(200, at(t, 2, 3, 1, 0, 0), EPS);
        float[] last = Warp.cropToTensor(img, Affine2D.translation(3, 3), 1, 1, ChannelLayout.RGB, Normalisation.raw());
        assertArrayEquals(new float[] {200, 100, 50}, last, 0);
        float[] beyond = Warp.cropToTensor(img, Affine2D.translation(3.25, 3), 1, 1, ChannelLayout.RGB, Normalisation.raw());
        assertEquals(150, beyond[0], EPS);
    }

    @Test
    void greyUsesDocumentedWeights() {
        RgbImage img = constant(3, 3, 100, 50, 200);
        double grey = 0.2989 * 100 + 0.587 * 50 + 0.114 * 200;
        float[] raw = Warp.cropToTensor(img, Affine2D.identity(), 3, 2, ChannelLayout.GREY, Normalisation.raw());
        assertEquals(6, raw.length);
        assertEquals(82.04, raw[4], EPS);
        assertEquals(grey, raw[0], EPS);
        float[] unit = Warp.resizeToTensor(img, 2, 2, ChannelLayout.GREY, Normalisation.unit());
        assertEquals(grey / 255, unit[3], 1e-6);
        float[] sym = Warp.cropAndResizeToTensor(img, 0, 0, 2, 2, 2, 2, ChannelLayout.GREY, Normalisation.symmetric());
        assertEquals(grey / 127.5 - 1, sym[1], 1e-6);
    }

    @Test
    void normalisationIsAppliedPerChannel() {
        RgbImage img = constant(2, 2, 255, 0, 100);
        float[] unit = Warp.cropToTensor(img, Affine2D.identity(), 1, 1, ChannelLayout.RGB, Normalisation.unit());
        assertArrayEquals(new float[] {1, 0, 100 / 255f}, unit, 1e-6f);
        float[] sym = Warp.cropToTensor(img, Affine2D.identity(), 1, 1, ChannelLayout.RGB, Normalisation.symmetric());
        assertArrayEquals(new float[] {1, -1, (float) (100 / 127.5 - 1)}, sym, 1e-6f);
        Normalisation imagenet = Normalisation.perChannel(new double[] {10, 20, 30}, new double[] {5, 4, 2});
        float[] custom = Warp.cropToTensor(img, Affine2D.identity(), 1, 1, ChannelLayout.RGB, imagenet);
        assertArrayEquals(new float[] {49, -5, 35}, custom, 1e-6f);
    }

    @Test
    void tfResizeBilinearDefaultAtHandComputedPixels() {
        // 4x2 red channel; out 3x3: columns sample x = 0, 4/3, 8/3; rows sample y = 0, 2/3, 4/3 (clamped to row 1)
        RgbImage img = redImage(4, 2,
                10, 50, 20, 100,
                200, 0, 40, 80);
        float[] t = Warp.resizeToTensor(img, 3, 3, ChannelLayout.RGB, Normalisation.raw());
        assertEquals(10, at(t, 3, 3, 0, 0, 0), EPS);
        assertEquals(20 + 80 * 2 / 3.0, at(t, 3, 3, 2, 0, 0), EPS);
        double top = 50 + (20 - 50) / 3.0;
        double bottom = 0 + 40 / 3.0;
        assertEquals(top + (bottom - top) * 2 / 3.0, at(t, 3, 3, 1, 1, 0), EPS);
        assertEquals(22.2222, at(t, 3, 3, 1, 1, 0), 1e-3);
        assertEquals(40 + 40 * 2 / 3.0, at(t, 3, 3, 2, 2, 0), EPS);
        assertEquals(200, at(t, 3, 3, 0, 2, 0), EPS);
        assertEquals(255 - 200, at(t, 3, 3, 0, 2, 1), EPS);
    }

    @Test
    void tfResizeClampsInsteadOfFadingToBlack() {
        RgbImage img = redImage(2, 1, 30, 90);
        float[] t = Warp.resizeToTensor(img, 3, 1, ChannelLayout.RGB, Normalisation.raw());
        // x = 0, 2/3, 4/3 -> 30, 70, 90 (the last clamps to pixel 1)
        assertEquals(30, t[0], EPS);
        assertEquals(70, t[3], EPS);
        assertEquals(90, t[6], EPS);
    }

    @Test
    void resizeMatchesFullImageBoxTransformInside() {
        RgbImage img = random(37, 23, 5);
        int outW = 16, outH = 10;
        float[] tf = Warp.resizeToTensor(img, outW, outH, ChannelLayout.RGB, Normalisation.unit());
        Affine2D box = Warp.boxTransform(0, 0, 37, 23, outW, outH);
        float[] crop = Warp.cropToTensor(img, box, outW, outH, ChannelLayout.RGB, Normalisation.unit());
        for (int j = 0; j < outH; j++) {
            for (int i = 0; i < outW; i++) {
                if (box.applyX(i, j) <= 36 && box.applyY(i, j) <= 22) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(at(tf, outW, 3, i, j, c), at(crop, outW, 3, i, j, c), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void cropAndResizeCornersEqualBoxCornerPixels() {
        RgbImage img = random(8, 6, 7);
        float[] t = Warp.cropAndResizeToTensor(img, 1, 1, 6, 4, 5, 7, ChannelLayout.RGB, Normalisation.raw());
        for (int c = 0; c < 3; c++) {
            assertEquals(pixel(img, 1, 1, c), at(t, 5, 3, 0, 0, c), 0);
            assertEquals(pixel(img, 6, 1, c), at(t, 5, 3, 4, 0, c), 0);
            assertEquals(pixel(img, 1, 4, c), at(t, 5, 3, 0, 6, c), 0);
            assertEquals(pixel(img, 6, 4, c), at(t, 5, 3, 4, 6, c), 0);
        }
    }

    @Test
    void cropAndResizeInterpolatesAndHandlesSingleOutput() {
        RgbImage img = gradient(8, 6);
        float[] t = Warp.cropAndResizeToTensor(img, 1, 1, 6, 4, 3, 4, ChannelLayout.RGB, Normalisation.raw());
        // columns x = 1, 3.5, 6; rows y = 1, 2, 3, 4
        assertEquals(35, at(t, 3, 3, 1, 0, 0), EPS);
        assertEquals(20, at(t, 3, 3, 1, 1, 1), EPS);
        float[] single = Warp.cropAndResizeToTensor(img, 1, 1, 6, 4, 1, 1, ChannelLayout.RGB, Normalisation.raw());
        assertArrayEquals(new float[] {35, 25, 7}, single, (float) EPS);
    }

    @Test
    void cropAndResizeZeroesWholeOutsideRowsAndColumns() {
        RgbImage img = constant(6, 6, 200, 100, 50);
        float[] t = Warp.cropAndResizeToTensor(img, -2, 0, 5, 5, 8, 6, ChannelLayout.RGB, Normalisation.raw());
        // columns sample x = -2, -1, 0, ..., 5: the first two are extrapolated, not blended
        for (int j = 0; j < 6; j++) {
            assertEquals(0, at(t, 8, 3, 0, j, 0), 0);
            assertEquals(0, at(t, 8, 3, 1, j, 0), 0);
            assertEquals(200, at(t, 8, 3, 2, j, 0), 0);
        }
        float[] half = Warp.cropAndResizeToTensor(img, -0.5, 0, 5, 5, 12, 6, ChannelLayout.RGB, Normalisation.raw());
        assertEquals(0, at(half, 12, 3, 0, 0, 0), 0);
        assertEquals(200, at(half, 12, 3, 1, 0, 0), 0);
    }

    @Test
    void normalisedCropAndResizeUsesTensorFlowBoxOrder() {
        RgbImage img = random(5, 9, 11);
        float[] full = Warp.cropAndResizeNormalisedToTensor(img, new double[] {0, 0, 1, 1}, 3, 3, ChannelLayout.RGB, Normalisation.raw());
        // x = 0, 2, 4 and y = 0, 4, 8
        for (int c = 0; c < 3; c++) {
            assertEquals(pixel(img, 2, 4, c), at(full, 3, 3, 1, 1, c), 0);
            assertEquals(pixel(img, 4, 0, c), at(full, 3, 3, 2, 0, c), 0);
            assertEquals(pixel(img, 0, 8, c), at(full, 3, 3, 0, 2, c), 0);
        }
        float[] norm = Warp.cropAndResizeNormalisedToTensor(img, new double[] {0.25, 0.5, 0.75, 1}, 4, 6, ChannelLayout.RGB, Normalisation.unit());
        float[] pix = Warp.cropAndResizeToTensor(img, 2, 2, 4, 6, 4, 6, ChannelLayout.RGB, Normalisation.unit());
        assertArrayEquals(pix, norm, 1e-6f);
    }

    @Test
    void boxTransformsMapAsDocumented() {
        Affine2D box = Warp.boxTransform(10, 20, 64, 32, 128, 64);
        assertEquals(10, box.applyX(0, 0), 0);
        assertEquals(20, box.applyY(0, 0), 0);
        assertEquals(10 + 64, box.applyX(128, 64), 1e-12);
        assertEquals(20 + 32, box.applyY(128, 64), 1e-12);
        Affine2D square = Warp.boxToSquare(10, 20, 100, 50, 200);
        assertEquals(60, square.applyX(100, 100), 1e-12);
        assertEquals(45, square.applyY(100, 100), 1e-12);
        Affine2D level = Warp.rotatedSquare(50, 40, 30, 0, 60);
        Affine2D expected = Warp.boxToSquare(35, 25, 30, 30, 60);
        assertEquals(expected.applyX(7, 11), level.applyX(7, 11), 1e-12);
        assertEquals(expected.applyY(7, 11), level.applyY(7, 11), 1e-12);
        Affine2D turned = Warp.rotatedSquare(50, 40, 30, Math.toRadians(30), 60);
        assertEquals(50, turned.applyX(30, 30), 1e-12);
        assertEquals(40, turned.applyY(30, 30), 1e-12);
        assertEquals(50 + 0.5 * Math.cos(Math.toRadians(30)), turned.applyX(31, 30), 1e-12);
        assertEquals(40 + 0.5 * Math.sin(Math.toRadians(30)), turned.applyY(31, 30), 1e-12);
    }

    @Test
    void displayResizeUsesHalfPixelCentres() {
        RgbImage img = redImage(2, 1, 0, 100);
        RgbImage out = Warp.resize(img, 4, 1);
        assertEquals(0, pixel(out, 0, 0, 0));
        assertEquals(25, pixel(out, 1, 0, 0));
        assertEquals(75, pixel(out, 2, 0, 0));
        assertEquals(100, pixel(out, 3, 0, 0));
        assertEquals(255 - 25, pixel(out, 1, 0, 1));
        RgbImage same = random(7, 5, 3);
        assertArrayEquals(same.rgb(), Warp.resize(same, 7, 5).rgb());
        RgbImage halved = Warp.resize(constant(8, 6, 9, 99, 250), 4, 3);
        assertEquals(4, halved.width());
        assertEquals(0x0963FA, halved.rgbAt(3, 2));
    }

    @Test
    void rejectsBadArguments() {
        RgbImage img = constant(4, 4, 1, 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> Warp.cropToTensor(img, Affine2D.identity(), 0, 4, ChannelLayout.RGB, Normalisation.raw()));
        assertThrows(IllegalArgumentException.class, () -> Warp.cropToTensor(img, Affine2D.identity(), 2, 2, ChannelLayout.GREY,
                Normalisation.perChannel(new double[] {1, 2, 3}, new double[] {1, 1, 1})));
        assertThrows(IllegalArgumentException.class, () -> Normalisation.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Normalisation.perChannel(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Warp.cropAndResizeNormalisedToTensor(img, new double[] {0, 0, 1}, 2, 2, ChannelLayout.RGB, Normalisation.raw()));
        assertThrows(IllegalArgumentException.class,
                () -> Warp.cropAndResizeToTensor(img, 0, Double.NaN, 1, 1, 2, 2, ChannelLayout.RGB, Normalisation.raw()));
        assertThrows(IllegalArgumentException.class, () -> Warp.boxToSquare(0, 0, 0, 10, 8));
        assertThrows(IllegalArgumentException.class, () -> Warp.rotatedSquare(0, 0, 10, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> Warp.resize(img, 3, 0));
        assertThrows(NullPointerException.class, () -> Warp.resizeToTensor(null, 2, 2, ChannelLayout.RGB, Normalisation.raw()));
    }
}
