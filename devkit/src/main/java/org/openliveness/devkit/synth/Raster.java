package org.openliveness.devkit.synth;

import org.openliveness.engine.image.RgbImage;

/**
 * A writable RGB raster plus the drawing operations the synthesisers share: bilinear sampling,
 * piecewise-affine triangle warps and anti-aliased polygon fills.
 *
 * <p>Coordinates are pixels with the origin top-left, x right, y down and pixel centres at integer
 * coordinates (pixel {@code (i, j)} is the sample at exactly {@code (i, j)}), as in
 * {@link org.openliveness.engine.geometry.Warp}. Sampling outside the source clamps to its nearest
 * edge pixel. Not thread-safe; each rendering uses its own instance.
 */
final class Raster {

    /** Barycentric slack so that pixels exactly on a shared edge are drawn by both triangles. */
    private static final double EDGE_SLACK = 1e-7;

    final int width;
    final int height;
    final byte[] rgb;

    private Raster(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** A raster holding a copy of {@code image}. */
    static Raster copyOf(RgbImage image) {
        return new Raster(image.width(), image.height(), image.rgb().clone());
    }

    /** A raster of the given size filled with {@code 0xRRGGBB}. */
    static Raster filled(int width, int height, int rgb) {
        byte[] px = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        byte r = (byte) (rgb >> 16), g = (byte) (rgb >> 8), b = (byte) rgb;
        for (int i = 0; i < px.length; i += 3) {
            px[i] = r;
            px[i + 1] = g;
            px[i + 2] = b;
        }
        return new Raster(width, height, px);
    }

    /** The pixels as an image; the raster must not be drawn on afterwards. */
    RgbImage toImage() {
        return new RgbImage(width, height, rgb);
    }

    /** Bilinear sample of {@code src} at {@code (x, y)}, clamped to the image, written to pixel {@code p} of this raster. */
    void copySample(RgbImage src, double x, double y, int p) {
        int w = src.width(), h = src.height();
        double cx = Math.min(w - 1, Math.max(0, x));
        double cy = Math.min(h - 1, Math.max(0, y));
        int x0 = (int) cx, y0 = (int) cy;
        int x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        double fx = cx - x0, fy = cy - y0;
        byte[] s = src.rgb();
        int tl = (y0 * w + x0) * 3, tr = (y0 * w + x1) * 3, bl = (y1 * w + x0) * 3, br = (y1 * w + x1) * 3;
        int o = p * 3;
        for (int c = 0; c < 3; c++) {
            double top = (s[tl + c] & 0xFF) + ((s[tr + c] & 0xFF) - (s[tl + c] & 0xFF)) * fx;
            double bottom = (s[bl + c] & 0xFF) + ((s[br + c] & 0xFF) - (s[bl + c] & 0xFF)) * fx;
            rgb[o + c] = (byte) (int) Math.round(top + (bottom - top) * fy);
        }
    }

    /**
     * Draws the destination triangle {@code d} (x0,y0,x1,y1,x2,y2) with the pixels of the source
     * triangle {@code s} of {@code src}, mapped by the affine transform taking {@code d} onto {@code s}.
     * Pixels whose centres lie inside or on the edge of {@code d} are overwritten; a degenerate
     * destination triangle draws nothing.
     */
    void drawTriangle(RgbImage src, double[] s, double[] d) {
        double e1x = d[2] - d[0], e1y = d[3] - d[1];
        double e2x = d[4] - d[0], e2y = d[5] - d[1];
        double det = e1x * e2y - e1y * e2x;
        double scale = Math.max(Math.abs(e1x) + Math.abs(e1y), Math.abs(e2x) + Math.abs(e2y));
        if (!(Math.abs(det) > 1e-9 * Math.max(1, scale * scale))) {
            return;
        }
        // Barycentric weights of the second and third vertex as affine functions of (x, y).
        double l1x = e2y / det, l1y = -e2x / det;
        double l2x = -e1y / det, l2y = e1x / det;
        int xMin = Math.max(0, (int) Math.ceil(Math.min(d[0], Math.min(d[2], d[4])) - 1e-6));
        int xMax = Math.min(width - 1, (int) Math.floor(Math.max(d[0], Math.max(d[2], d[4])) + 1e-6));
        int yMin = Math.max(0, (int) Math.ceil(Math.min(d[1], Math.min(d[3], d[5])) - 1e-6));
        int yMax = Math.min(height - 1, (int) Math.floor(Math.max(d[1], Math.max(d[3], d[5])) + 1e-6));
        double s1x = s[2] - s[0], s1y = s[3] - s[1];
        double s2x = s[4] - s[0], s2y = s[5] - s[1];
        for (int j = yMin; j <= yMax; j++) {
            double ry = j - d[1];
            for (int i = xMin; i <= xMax; i++) {
                double rx = i - d[0];
                double l1 = l1x * rx + l1y * ry;
                double l2 = l2x * rx + l2y * ry;
                if (l1 < -EDGE_SLACK || l2 < -EDGE_SLACK || l1 + l2 > 1 + EDGE_SLACK) {
                    continue;
                }
                copySample(src, s[0] + l1 * s1x + l2 * s2x, s[1] + l1 * s1y + l2 * s2y, j * width + i);
            }
        }
    }

    /**
     * Blends {@code colour} ({@code 0xRRGGBB}) over a closed polygon (vertices {@code x0,y0,...},
     * either winding, even–odd rule) with opacity {@code alpha} inside, fading linearly to 0 over
     * {@code reach} pixels outside the outline ({@code reach = 1} is plain anti-aliasing).
     */
    void fillPolygon(double[] poly, int colour, double alpha, double reach) {
        int n = poly.length / 2;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            minX = Math.min(minX, poly[2 * k]);
            maxX = Math.max(maxX, poly[2 * k]);
            minY = Math.min(minY, poly[2 * k + 1]);
            maxY = Math.max(maxY, poly[2 * k + 1]);
        }
        int xMin = Math.max(0, (int) Math.floor(minX - reach));
        int xMax = Math.min(width - 1, (int) Math.ceil(maxX + reach));
        int yMin = Math.max(0, (int) Math.floor(minY - reach));
        int yMax = Math.min(height - 1, (int) Math.ceil(maxY + reach));
        int[] c = {(colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF};
        for (int j = yMin; j <= yMax; j++) {
            for (int i = xMin; i <= xMax; i++) {
                double cover = inside(poly, i, j) ? 1 : Math.max(0, 1 - distanceToOutline(poly, i, j) / reach);
                double a = alpha * cover;
                if (a <= 0) {
                    continue;
                }
                int o = (j * width + i) * 3;
                for (int k = 0; k < 3; k++) {
                    double v = (rgb[o + k] & 0xFF) * (1 - a) + c[k] * a;
                    rgb[o + k] = (byte) (int) Math.round(v);
                }
            }
        }
    }

    /**
     * Blends {@code colour} over an open polyline of the given line width (pixels) with opacity
     * {@code alpha}, anti-aliased over one pixel.
     */
    void strokePolyline(double[] line, int colour, double alpha, double lineWidth) {
        int n = line.length / 2;
        double half = lineWidth / 2;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            minX = Math.min(minX, line[2 * k]);
            maxX = Math.max(maxX, line[2 * k]);
            minY = Math.min(minY, line[2 * k + 1]);
            maxY = Math.max(maxY, line[2 * k + 1]);
        }
        int xMin = Math.max(0, (int) Math.floor(minX - half - 1));
        int xMax = Math.min(width - 1, (int) Math.ceil(maxX + half + 1));
        int yMin = Math.max(0, (int) Math.floor(minY - half - 1));
        int yMax = Math.min(height - 1, (int) Math.ceil(maxY + half + 1));
        int[] c = {(colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF};
        for (int j = yMin; j <= yMax; j++) {
            for (int i = xMin; i <= xMax; i++) {
                double dist = Double.POSITIVE_INFINITY;
                for (int k = 1; k < n; k++) {
                    dist = Math.min(dist, segmentDistance(line, k - 1, k, i, j));
                }
                double a = alpha * Math.min(1, Math.max(0, half + 0.5 - dist));
                if (a <= 0) {
                    continue;
                }
                int o = (j * width + i) * 3;
                for (int k = 0; k < 3; k++) {
                    rgb[o + k] = (byte) (int) Math.round((rgb[o + k] & 0xFF) * (1 - a) + c[k] * a);
                }
            }
        }
    }

    /** Even–odd point-in-polygon test. */
    static boolean inside(double[] poly, double x, double y) {
        int n = poly.length / 2;
        boolean in = false;
        for (int k = 0, m = n - 1; k < n; m = k++) {
            double xk = poly[2 * k], yk = poly[2 * k + 1];
            double xm = poly[2 * m], ym = poly[2 * m + 1];
            if ((yk > y) != (ym > y) && x < (xm - xk) * (y - yk) / (ym - yk) + xk) {
                in = !in;
            }
        }
        return in;
    }

    /** Distance from {@code (x, y)} to the nearest edge of the closed polygon. */
    static double distanceToOutline(double[] poly, double x, double y) {
        int n = poly.length / 2;
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0, m = n - 1; k < n; m = k++) {
            best = Math.min(best, segmentDistance(poly, m, k, x, y));
        }
        return best;
    }

    /** Distance from {@code (x, y)} to the segment between points {@code m} and {@code k} of {@code pts}. */
    private static double segmentDistance(double[] pts, int m, int k, double x, double y) {
        double ax = pts[2 * m], ay = pts[2 * m + 1];
        double ex = pts[2 * k] - ax, ey = pts[2 * k + 1] - ay;
        double len2 = ex * ex + ey * ey;
        double t = len2 > 0 ? Math.min(1, Math.max(0, ((x - ax) * ex + (y - ay) * ey) / len2)) : 0;
        return Math.hypot(x - ax - t * ex, y - ay - t * ey);
    }
}
