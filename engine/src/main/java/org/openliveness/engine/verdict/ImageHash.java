package org.openliveness.engine.verdict;

import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.RgbImage;

/**
 * 64-bit difference hashes ("dHash"): the region is averaged down to 9×8 grey cells and each
 * bit says whether a cell is brighter than its right neighbour. Re-encoding, resizing and
 * small colour changes keep most bits; a different photo changes about half of them.
 */
public final class ImageHash {

    private ImageHash() {}

    /** The hash of the whole image. */
    public static long of(RgbImage image) {
        return of(image, 0, 0, image.width(), image.height());
    }

    /** The hash of a box (clipped to the image). */
    public static long of(RgbImage image, Box box) {
        int x0 = clamp((int) Math.floor(box.x()), 0, image.width() - 1);
        int y0 = clamp((int) Math.floor(box.y()), 0, image.height() - 1);
        int x1 = clamp((int) Math.ceil(box.x() + box.width()), x0 + 1, image.width());
        int y1 = clamp((int) Math.ceil(box.y() + box.height()), y0 + 1, image.height());
        return of(image, x0, y0, x1, y1);
    }

    /** Number of differing bits. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static long of(RgbImage image, int x0, int y0, int x1, int y1) {
        double[] cells = new double[9 * 8];
        byte[] rgb = image.rgb();
        for (int cy = 0; cy < 8; cy++) {
            int ya = y0 + (y1 - y0) * cy / 8;
            int yb = Math.max(ya + 1, y0 + (y1 - y0) * (cy + 1) / 8);
            for (int cx = 0; cx < 9; cx++) {
                int xa = x0 + (x1 - x0) * cx / 9;
                int xb = Math.max(xa + 1, x0 + (x1 - x0) * (cx + 1) / 9);
                double sum = 0;
                int n = 0;
                int stepY = Math.max(1, (yb - ya) / 16);
                int stepX = Math.max(1, (xb - xa) / 16);
                for (int y = ya; y < yb; y += stepY) {
                    for (int x = xa; x < xb; x += stepX) {
                        int i = 3 * (y * image.width() + x);
                        sum += 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
                        n++;
                    }
                }
                cells[cy * 9 + cx] = sum / n;
            }
        }
        long hash = 0;
        for (int cy = 0; cy < 8; cy++) {
            for (int cx = 0; cx < 8; cx++) {
                hash = (hash << 1) | (cells[cy * 9 + cx] > cells[cy * 9 + cx + 1] ? 1 : 0);
            }
        }
        return hash;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
