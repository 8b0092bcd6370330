package org.openliveness.devkit.attack;

import java.util.Random;
import org.openliveness.engine.geometry.Matrix3;
import org.openliveness.engine.image.RgbImage;

/**
 * An RGB image as three float planes with values in 0..1 (nominally; operations may leave the
 * range and {@link #toImage} clamps). Pixel {@code (x, y)} of a plane is at index {@code y·width + x};
 * origin top-left, x right, y down. Mutable; every operation works in place and returns this.
 */
final class Planes {

    final int width;
    final int height;
    final float[][] c;

    Planes(int width, int height) {
        this.width = width;
        this.height = height;
        this.c = new float[3][width * height];
    }

    static Planes of(RgbImage image) {
        Planes p = new Planes(image.width(), image.height());
        byte[] rgb = image.rgb();
        for (int i = 0, n = image.width() * image.height(); i < n; i++) {
            p.c[0][i] = (rgb[3 * i] & 0xFF) / 255f;
            p.c[1][i] = (rgb[3 * i + 1] & 0xFF) / 255f;
            p.c[2][i] = (rgb[3 * i + 2] & 0xFF) / 255f;
        }
        return p;
    }

    /** The planes as 8-bit RGB, clamped to 0..1 and rounded. */
    RgbImage toImage() {
        byte[] out = new byte[width * height * 3];
        for (int i = 0, n = width * height; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                float v = c[k][i];
                out[3 * i + k] = (byte) Math.round(255 * (v < 0 ? 0 : Math.min(v, 1)));
            }
        }
        return new RgbImage(width, height, out);
    }

    /** Separable Gaussian blur of standard deviation {@code sigma} pixels, edges clamped; no-op for sigma ≤ 0.05. */
    Planes blur(double sigma) {
        if (sigma <= 0.05) {
            return this;
        }
        int r = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-i * i / (2 * sigma * sigma));
            kernel[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] tmp = new float[width * height];
        for (float[] plane : c) {
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    float acc = 0;
                    for (int k = -r; k <= r; k++) {
                        int xx = Math.min(width - 1, Math.max(0, x + k));
                        acc += kernel[k + r] * plane[row + xx];
                    }
                    tmp[row + x] = acc;
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float acc = 0;
                    for (int k = -r; k <= r; k++) {
                        int yy = Math.min(height - 1, Math.max(0, y + k));
                        acc += kernel[k + r] * tmp[yy * width + x];
                    }
                    plane[y * width + x] = acc;
                }
            }
        }
        return this;
    }

    /**
     * Sensor noise: independent Gaussian noise of standard deviation {@code sigma} per pixel and
     * channel, plus a shared luminance part of the same size.
     */
    Planes noise(Random random, double sigma) {
        if (sigma <= 0) {
            return this;
        }
        for (int i = 0, n = width * height; i < n; i++) {
            double shared = random.nextGaussian() * sigma;
            for (int k = 0; k < 3; k++) {
                c[k][i] += (float) (shared + random.nextGaussian() * sigma);
            }
        }
        return this;
    }

    /**
     * A smooth random field of mean 0 and roughly unit amplitude varying over about {@code scale}
     * pixels: Gaussian noise on a grid {@code scale} pixels apart, interpolated bilinearly.
     */
    static float[] smoothField(int width, int height, double scale, Random random) {
        int gw = (int) Math.ceil(width / scale) + 2;
        int gh = (int) Math.ceil(height / scale) + 2;
        double[] grid = new double[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = random.nextGaussian();
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double gy = y / scale;
            int y0 = (int) gy;
            double fy = gy - y0;
            for (int x = 0; x < width; x++) {
                double gx = x / scale;
                int x0 = (int) gx;
                double fx = gx - x0;
                double top = grid[y0 * gw + x0] * (1 - fx) + grid[y0 * gw + x0 + 1] * fx;
                double bottom = grid[(y0 + 1) * gw + x0] * (1 - fx) + grid[(y0 + 1) * gw + x0 + 1] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    /**
     * The picture seen as a flat sheet facing a pinhole camera of focal length {@code width}, turned
     * about the vertical axis through its centre by {@code yawDegrees} (right side away from the
     * camera for positive angles), about the horizontal axis by {@code pitchDegrees} (top side away
     * for positive angles), rotated in its plane by {@code rollDegrees} (clockwise on screen), its
     * distance divided by {@code scale} (above 1 = closer, larger) and shifted by {@code (dx, dy)}
     * pixels. Output pixels that see no part of the sheet get {@code background} (0xRRGGBB). Output
     * size equals input size; sampling is bilinear.
     */
    Planes sheet(double yawDegrees, double pitchDegrees, double rollDegrees, double scale, double dx, double dy,
                 int background) {
        double f = width;
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double a = Math.toRadians(yawDegrees);
        double b = Math.toRadians(pitchDegrees);
        double g = Math.toRadians(rollDegrees);
        // R = Ry(a) · Rx(b) · Rz(g), in a frame with x right, y down, z away from the camera.
        double[] rz = {Math.cos(g), -Math.sin(g), 0, Math.sin(g), Math.cos(g), 0, 0, 0, 1};
        double[] rx = {1, 0, 0, 0, Math.cos(b), Math.sin(b), 0, -Math.sin(b), Math.cos(b)};
        double[] ry = {Math.cos(a), 0, -Math.sin(a), 0, 1, 0, Math.sin(a), 0, Math.cos(a)};
        double[] r = Matrix3.multiply(ry, Matrix3.multiply(rx, rz));
        double d = f / scale;
        // photo point (X, Y) about the centre → camera point R·(X, Y, 0) + (0, 0, d) → f·(x, y)/z.
        double[] centred = {f * r[0], f * r[1], 0, f * r[3], f * r[4], 0, r[6], r[7], d};
        double[] toCentre = {1, 0, -cx, 0, 1, -cy, 0, 0, 1};
        double[] back = {1, 0, cx + dx, 0, 1, cy + dy, 0, 0, 1};
        double[] forward = Matrix3.multiply(back, Matrix3.multiply(centred, toCentre));
        double[] inv = Matrix3.invert(forward);
        float bgR = ((background >> 16) & 0xFF) / 255f;
        float bgG = ((background >> 8) & 0xFF) / 255f;
        float bgB = (background & 0xFF) / 255f;
        float[][] out = new float[3][width * height];
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                int o = j * width + i;
                double w = inv[6] * i + inv[7] * j + inv[8];
                double sx = (inv[0] * i + inv[1] * j + inv[2]) / w;
                double sy = (inv[3] * i + inv[4] * j + inv[5]) / w;
                if (!(w > 0 && sx >= -0.5 && sx <= width - 0.5 && sy >= -0.5 && sy <= height - 0.5)) {
                    out[0][o] = bgR;
                    out[1][o] = bgG;
                    out[2][o] = bgB;
                    continue;
                }
                double px = Math.min(width - 1, Math.max(0, sx));
                double py = Math.min(height - 1, Math.max(0, sy));
                int x0 = Math.min(width - 2, (int) px);
                int y0 = Math.min(height - 2, (int) py);
                double fx = px - x0;
                double fy = py - y0;
                for (int k = 0; k < 3; k++) {
                    float[] p = c[k];
                    int t = y0 * width + x0;
                    double top = p[t] + (p[t + 1] - p[t]) * fx;
                    double bottom = p[t + width] + (p[t + width + 1] - p[t + width]) * fx;
                    out[k][o] = (float) (top + (bottom - top) * fy);
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            c[k] = out[k];
        }
        return this;
    }
}
