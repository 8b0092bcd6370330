package org.openliveness.engine.geometry;

import java.util.Objects;
import org.openliveness.engine.image.RgbImage;

/**
 * Bilinear resampling of an {@link RgbImage} into model input tensors and debug images.
 *
 * <p><b>Coordinates.</b> Pixels, origin top-left, x right, y down, and pixel centres at integer
 * coordinates: input pixel {@code (x, y)} holds the value sampled at exactly {@code (x, y)}, and a
 * sample at {@code (2.5, 0)} is the average of pixels 2 and 3 of row 0. Output pixel {@code (i, j)}
 * (column i, row j) is likewise located at integer {@code (i, j)}: a transform {@code outputToInput}
 * is evaluated at {@code (i, j)}, with no half-pixel offset. With this convention
 * {@link #boxTransform}{@code (0, 0, W, H, outW, outH)} maps output column i to input
 * {@code i·W/outW}, which is TensorFlow's {@code resizeBilinear} with {@code alignCorners=false,
 * halfPixelCenters=false}.
 *
 * <p><b>Tensors.</b> Results are {@code float[]} in NHWC order for a batch of one: element
 * {@code (j·outW + i)·C + c} holds channel {@code c} of output pixel {@code (i, j)}, with
 * {@code C = 3} (R, G, B) or 1 (grey, see {@link ChannelLayout#GREY}). Sampled values are in 0..255
 * and the {@link Normalisation} {@code (v − mean[c]) / std[c]} is applied last; values read from
 * outside the image count as 0 (black) before normalisation.
 */
public final class Warp {

    private static final double GREY_R = 0.2989;
    private static final double GREY_G = 0.587;
    private static final double GREY_B = 0.114;

    private Warp() {
    }

    /**
     * Samples {@code img} bilinearly at {@code outputToInput(i, j)} for every output pixel.
     *
     * <p>Samples are blended with zero padding: each of the four neighbouring input pixels that lies
     * outside the image contributes 0, so the crop fades to black across the last half pixel at the
     * image border and is exactly 0 (before normalisation) one pixel or more outside it.
     *
     * @param img           source image
     * @param outputToInput maps output pixel coordinates to input pixel coordinates
     * @param outW          output width in pixels, {@code > 0}
     * @param outH          output height in pixels, {@code > 0}
     * @param layout        channels to write per pixel
     * @param norm          normalisation applied to each 0..255 value
     * @return a new NHWC float tensor of {@code outH·outW·layout.channels()} values
     */
    public static float[] cropToTensor(RgbImage img, Affine2D outputToInput, int outW, int outH,
                                       ChannelLayout layout, Normalisation norm) {
        Objects.requireNonNull(img, "img");
        Objects.requireNonNull(outputToInput, "outputToInput");
        Sink sink = new Sink(outW, outH, layout, norm);
        int w = img.width();
        int h = img.height();
        byte[] px = img.rgb();
        double a = outputToInput.a(), b = outputToInput.b(), c = outputToInput.c();
        double d = outputToInput.d(), e = outputToInput.e(), f = outputToInput.f();
        for (int j = 0; j < outH; j++) {
            double rowX = b * j + c;
            double rowY = e * j + f;
            int p = j * outW;
            for (int i = 0; i < outW; i++, p++) {
                double sx = a * i + rowX;
                double sy = d * i + rowY;
                if (!(sx > -1 && sx < w && sy > -1 && sy < h)) {
                    sink.put(p, 0, 0, 0);
                    continue;
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
                    int tl = (y0 * w + x0) * 3;
                    int bl = tl + w * 3;
                    sink.put(p,
                            lerp2(px, tl, tl + 3, bl, bl + 3, fx, fy),
                            lerp2(px, tl + 1, tl + 4, bl + 1, bl + 4, fx, fy),
                            lerp2(px, tl + 2, tl + 5, bl + 2, bl + 5, fx, fy));
                } else {
                    sink.put(p,
                            borderSample(px, w, h, x0, y0, fx, fy, 0),
                            borderSample(px, w, h, x0, y0, fx, fy, 1),
                            borderSample(px, w, h, x0, y0, fx, fy, 2));
                }
            }
        }
        return sink.out;
    }

    /**
     * Stretches the whole image to {@code outW × outH} exactly like TensorFlow.js
     * {@code tf.image.resizeBilinear(image, [outH, outW])} with its defaults
     * ({@code alignCorners=false, halfPixelCenters=false}): output column i samples input
     * {@code x = i·(W/outW)}, rows likewise, with the right/bottom neighbour clamped to the last
     * pixel (so no black border appears).
     *
     * @return a new NHWC float tensor of {@code outH·outW·layout.channels()} values
     */
    public static float[] resizeToTensor(RgbImage img, int outW, int outH, ChannelLayout layout, Normalisation norm) {
        Objects.requireNonNull(img, "img");
        Sink sink = new Sink(outW, outH, layout, norm);
        sampleSeparable(img, Axis.tfResize(img.width(), outW), Axis.tfResize(img.height(), outH), sink);
        return sink.out;
    }

    /**
     * {@code tf.image.cropAndResize} (bilinear, extrapolation value 0) for one box given in input
     * pixel coordinates: output column i samples {@code x = x1 + (x2 − x1)·i/(outW − 1)} (the box
     * centre when {@code outW == 1}), rows likewise, so the output's corner pixels sample exactly the
     * corners {@code (x1, y1)} and {@code (x2, y2)}. This equals TensorFlow's op with the normalised
     * box {@code [y1/(H−1), x1/(W−1), y2/(H−1), x2/(W−1)]}. An output row or column whose sample
     * coordinate lies outside {@code [0, size − 1]} is entirely 0 before normalisation (no blending).
     * {@code x2 < x1} or {@code y2 < y1} flips the crop.
     *
     * @return a new NHWC float tensor of {@code outH·outW·layout.channels()} values
     */
    public static float[] cropAndResizeToTensor(RgbImage img, double x1, double y1, double x2, double y2,
                                                int outW, int outH, ChannelLayout layout, Normalisation norm) {
        Objects.requireNonNull(img, "img");
        Points.requireFinite(x1, "x1");
        Points.requireFinite(y1, "y1");
        Points.requireFinite(x2, "x2");
        Points.requireFinite(y2, "y2");
        Sink sink = new Sink(outW, outH, layout, norm);
        sampleSeparable(img, Axis.tfCrop(x1, x2, 1, img.width(), outW), Axis.tfCrop(y1, y2, 1, img.height(), outH), sink);
        return sink.out;
    }

    /**
     * {@code tf.image.cropAndResize(image, [box], [0], [outH, outW])} with bilinear sampling and
     * extrapolation value 0, taking the box exactly as TensorFlow does: normalised
     * {@code [y1, x1, y2, x2]} where 0 is the first and 1 the last pixel row/column, so
     * {@code y = y1·(H−1) + (y2 − y1)·j·(H−1)/(outH − 1)}. Box values are first rounded to float32, as
     * TensorFlow stores them. The {@code human} library's face crop passes
     * {@code [top/H, left/W, bottom/H, right/W]} here.
     *
     * @param boxY1X1Y2X2 the normalised box, 4 values in TensorFlow's order
     * @return a new NHWC float tensor of {@code outH·outW·layout.channels()} values
     */
    public static float[] cropAndResizeNormalisedToTensor(RgbImage img, double[] boxY1X1Y2X2, int outW, int outH,
                                                          ChannelLayout layout, Normalisation norm) {
        Objects.requireNonNull(img, "img");
        Objects.requireNonNull(boxY1X1Y2X2, "boxY1X1Y2X2");
        if (boxY1X1Y2X2.length != 4) {
            throw new IllegalArgumentException("box must have 4 values [y1, x1, y2, x2], got " + boxY1X1Y2X2.length);
        }
        Points.count(boxY1X1Y2X2, 1, "boxY1X1Y2X2");
        double y1 = (float) boxY1X1Y2X2[0];
        double x1 = (float) boxY1X1Y2X2[1];
        double y2 = (float) boxY1X1Y2X2[2];
        double x2 = (float) boxY1X1Y2X2[3];
        Sink sink = new Sink(outW, outH, layout, norm);
        Axis xs = Axis.tfCrop(x1, x2, img.width() - 1, img.width(), outW);
        Axis ys = Axis.tfCrop(y1, y2, img.height() - 1, img.height(), outH);
        sampleSeparable(img, xs, ys, sink);
        return sink.out;
    }

    /**
     * The output-to-input transform that stretches the box {@code [x, x+w] × [y, y+h]} (input
     * pixels) over an {@code outW × outH} output: output {@code (i, j)} maps to
     * {@code (x + i·w/outW, y + j·h/outH)}. For the full image this is TensorFlow's default
     * {@code resizeBilinear} mapping.
     */
    public static Affine2D boxTransform(double x, double y, double w, double h, int outW, int outH) {
        Points.requireFinite(x, "x");
        Points.requireFinite(y, "y");
        Points.requirePositive(w, "w");
        Points.requirePositive(h, "h");
        requireSize(outW, outH);
        return new Affine2D(w / outW, 0, x, 0, h / outH, y);
    }

    /**
     * {@link #boxTransform} onto a square {@code outSize × outSize} output; a non-square box is
     * stretched.
     */
    public static Affine2D boxToSquare(double x, double y, double w, double h, int outSize) {
        return boxTransform(x, y, w, h, outSize, outSize);
    }

    /**
     * The output-to-input transform of a rotated square crop of side {@code side} input pixels centred
     * at {@code (centreX, centreY)}. The output's +x axis points along {@code (cos angle, sin angle)}
     * in the input; as y points down, a positive angle is clockwise on screen. Output pixel
     * {@code (outSize/2, outSize/2)} maps to the centre, and for {@code angle = 0} the result equals
     * {@code boxToSquare(centreX − side/2, centreY − side/2, side, side, outSize)}. To level a face,
     * pass the angle of its eye line, {@code atan2(rightEyeY − leftEyeY, rightEyeX − leftEyeX)} with
     * the eyes ordered by image x.
     */
    public static Affine2D rotatedSquare(double centreX, double centreY, double side, double angleRadians, int outSize) {
        Points.requireFinite(centreX, "centreX");
        Points.requireFinite(centreY, "centreY");
        Points.requirePositive(side, "side");
        Points.requireFinite(angleRadians, "angleRadians");
        requireSize(outSize, outSize);
        double s = side / outSize;
        double cos = s * Math.cos(angleRadians);
        double sin = s * Math.sin(angleRadians);
        double half = outSize / 2.0;
        return new Affine2D(cos, -sin, centreX - cos * half + sin * half,
                sin, cos, centreY - sin * half - cos * half);
    }

    /**
     * Resizes for display with bilinear interpolation and half-pixel centres: output pixel i samples
     * input {@code (i + 0.5)·W/w − 0.5}, clamped to the image, so the image's outer edges map onto
     * each other. Values are rounded to the nearest integer. Intended for annotation and debugging,
     * not for model input (strong downscaling aliases).
     *
     * @return a new image of {@code w × h}
     */
    public static RgbImage resize(RgbImage img, int w, int h) {
        Objects.requireNonNull(img, "img");
        requireSize(w, h);
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        Axis xs = Axis.halfPixel(img.width(), w);
        Axis ys = Axis.halfPixel(img.height(), h);
        byte[] px = img.rgb();
        int rowStride = img.width() * 3;
        int o = 0;
        for (int j = 0; j < h; j++) {
            int top = ys.lo[j] * rowStride;
            int bottom = ys.hi[j] * rowStride;
            double fy = ys.frac[j];
            for (int i = 0; i < w; i++) {
                int left = xs.lo[i] * 3;
                int right = xs.hi[i] * 3;
                double fx = xs.frac[i];
                for (int c = 0; c < 3; c++) {
                    double v = lerp2(px, top + left + c, top + right + c, bottom + left + c, bottom + right + c, fx, fy);
                    out[o++] = (byte) Math.min(255, Math.max(0, (int) Math.round(v)));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void sampleSeparable(RgbImage img, Axis xs, Axis ys, Sink sink) {
        byte[] px = img.rgb();
        int rowStride = img.width() * 3;
        int outW = xs.lo.length;
        for (int j = 0; j < ys.lo.length; j++) {
            int p = j * outW;
            if (!ys.valid[j]) {
                for (int i = 0; i < outW; i++) {
                    sink.put(p + i, 0, 0, 0);
                }
                continue;
            }
            int top = ys.lo[j] * rowStride;
            int bottom = ys.hi[j] * rowStride;
            double fy = ys.frac[j];
            for (int i = 0; i < outW; i++, p++) {
                if (!xs.valid[i]) {
                    sink.put(p, 0, 0, 0);
                    continue;
                }
                int tl = top + xs.lo[i] * 3;
                int tr = top + xs.hi[i] * 3;
                int bl = bottom + xs.lo[i] * 3;
                int br = bottom + xs.hi[i] * 3;
                double fx = xs.frac[i];
                sink.put(p,
                        lerp2(px, tl, tr, bl, br, fx, fy),
                        lerp2(px, tl + 1, tr + 1, bl + 1, br + 1, fx, fy),
                        lerp2(px, tl + 2, tr + 2, bl + 2, br + 2, fx, fy));
            }
        }
    }

    /** Bilinear blend in TensorFlow's operation order: lerp along x on both rows, then along y. */
    private static double lerp2(byte[] px, int tl, int tr, int bl, int br, double fx, double fy) {
        double topLeft = px[tl] & 0xFF;
        double bottomLeft = px[bl] & 0xFF;
        double top = topLeft + ((px[tr] & 0xFF) - topLeft) * fx;
        double bottom = bottomLeft + ((px[br] & 0xFF) - bottomLeft) * fx;
        return top + (bottom - top) * fy;
    }

    private static double borderSample(byte[] px, int w, int h, int x0, int y0, double fx, double fy, int c) {
        double topLeft = pixelOrZero(px, w, h, x0, y0, c);
        double bottomLeft = pixelOrZero(px, w, h, x0, y0 + 1, c);
        double top = topLeft + (pixelOrZero(px, w, h, x0 + 1, y0, c) - topLeft) * fx;
        double bottom = bottomLeft + (pixelOrZero(px, w, h, x0 + 1, y0 + 1, c) - bottomLeft) * fx;
        return top + (bottom - top) * fy;
    }

    private static double pixelOrZero(byte[] px, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return px[(y * w + x) * 3 + c] & 0xFF;
    }

    private static void requireSize(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + w + "x" + h);
        }
    }

    /** Precomputed per-column (or per-row) neighbour indices, blend fractions and validity. */
    private static final class Axis {
        final int[] lo;
        final int[] hi;
        final double[] frac;
        final boolean[] valid;

        private Axis(int n) {
            lo = new int[n];
            hi = new int[n];
            frac = new double[n];
            valid = new boolean[n];
        }

        /** TensorFlow resizeBilinear, alignCorners=false, halfPixelCenters=false. */
        static Axis tfResize(int in, int out) {
            Axis axis = new Axis(out);
            double ratio = (double) in / out;
            for (int i = 0; i < out; i++) {
                double src = ratio * i;
                int floor = Math.max(0, (int) Math.floor(src));
                axis.lo[i] = floor;
                axis.hi[i] = Math.min(in - 1, (int) Math.ceil(src));
                axis.frac[i] = src - floor;
                axis.valid[i] = true;
            }
            return axis;
        }

        /**
         * TensorFlow cropAndResize along one axis for box edges {@code t1, t2} given in units where
         * {@code scale} is one input pixel ({@code size − 1} for normalised boxes, 1 for pixels).
         */
        static Axis tfCrop(double t1, double t2, double scale, int size, int out) {
            Axis axis = new Axis(out);
            for (int i = 0; i < out; i++) {
                double src = out > 1
                        ? t1 * scale + (t2 - t1) * i * scale / (out - 1)
                        : 0.5 * (t1 + t2) * scale;
                if (!(src >= 0 && src <= size - 1)) {
                    continue;
                }
                int floor = (int) Math.floor(src);
                axis.lo[i] = floor;
                axis.hi[i] = (int) Math.ceil(src);
                axis.frac[i] = src - floor;
                axis.valid[i] = true;
            }
            return axis;
        }

        /** Half-pixel-centre mapping {@code (i + 0.5)·in/out − 0.5}, clamped into the image. */
        static Axis halfPixel(int in, int out) {
            Axis axis = new Axis(out);
            double ratio = (double) in / out;
            for (int i = 0; i < out; i++) {
                double src = Math.min(in - 1, Math.max(0, (i + 0.5) * ratio - 0.5));
                int floor = (int) Math.floor(src);
                axis.lo[i] = floor;
                axis.hi[i] = Math.min(in - 1, floor + 1);
                axis.frac[i] = src - floor;
                axis.valid[i] = true;
            }
            return axis;
        }
    }

    /** Writes normalised RGB or grey values into the output tensor. */
    private static final class Sink {
        final float[] out;
        private final boolean grey;
        private final double m0, m1, m2, s0, s1, s2;

        Sink(int outW, int outH, ChannelLayout layout, Normalisation norm) {
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(norm, "norm");
            requireSize(outW, outH);
            grey = layout == ChannelLayout.GREY;
            if (grey && norm.channels() != 1) {
                throw new IllegalArgumentException("a greyscale tensor needs a single-channel normalisation, got " + norm);
            }
            long size = (long) outW * outH * layout.channels();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("output too large: " + outW + "x" + outH);
            }
            out = new float[(int) size];
            m0 = norm.mean(0);
            m1 = norm.mean(1);
            m2 = norm.mean(2);
            s0 = norm.std(0);
            s1 = norm.std(1);
            s2 = norm.std(2);
        }

        void put(int pixel, double r, double g, double b) {
            if (grey) {
                out[pixel] = (float) ((GREY_R * r + GREY_G * g + GREY_B * b - m0) / s0);
            } else {
                int o = pixel * 3;
                out[o] = (float) ((r - m0) / s0);
                out[o + 1] = (float) ((g - m1) / s1);
                out[o + 2] = (float) ((b - m2) / s2);
            }
        }
    }
}
