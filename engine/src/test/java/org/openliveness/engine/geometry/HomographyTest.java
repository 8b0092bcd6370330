package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HomographyTest {

    private static final double[] TRUTH = {1.2, 0.1, 5, -0.05, 0.9, 3, 0.001, 0.0005, 1};

    private static double[] grid(int n, double step) {
        double[] xy = new double[2 * n * n];
        int k = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                xy[k++] = 20 + i * step + 0.37 * j;
                xy[k++] = 10 + j * step + 0.11 * i * i;
            }
        }
        return xy;
    }

    @Test
    void recoversKnownProjectiveWarp() {
        Homography truth = Homography.of(TRUTH);
        double[] src = grid(6, 60);
        double[] dst = truth.apply(src);
        Homography fit = Homography.fit(src, dst);
        assertArrayEquals(TRUTH, fit.toArray(), 1e-9);
        assertTrue(fit.rmsResidual(src, dst) < 1e-9, "residual " + fit.rmsResidual(src, dst));
    }

    @Test
    void fourPointsSuffice() {
        double[] src = {0, 0, 100, 0, 100, 100, 0, 100};
        double[] dst = {10, 5, 120, 15, 110, 130, -5, 95};
        Homography fit = Homography.fit(src, dst);
        assertArrayEquals(dst, fit.apply(src), 1e-9);
        assertEquals(1, fit.get(2, 2), 0);
    }

    @Test
    void appliesProjectiveDivision() {
        Homography h = Homography.of(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2});
        assertArrayEquals(new double[] {3, 4}, h.apply(new double[] {3, 4}), 1e-15);
        Homography p = Homography.of(new double[] {1, 0, 0, 0, 1, 0, 0.5, 0, 1});
        assertArrayEquals(new double[] {1, 1}, p.apply(new double[] {2, 2}), 1e-15);
    }

    @Test
    void rmsResidualIsInDestinationPixels() {
        Homography id = Homography.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        double[] src = {0, 0, 10, 10};
        double[] dst = {3, 4, 10, 10};
        assertEquals(Math.sqrt(25 / 2.0), id.rmsResidual(src, dst), 1e-12);
    }

    /** Projects rotated 3-D points with a pinhole camera (focal 800 px, principal point 320,240). */
    private static double[] project(double[] xyz, Rotation3 r, double distance) {
        double[] rotated = r.apply(xyz);
        double[] xy = new double[xyz.length / 3 * 2];
        for (int i = 0; i < xyz.length / 3; i++) {
            double z = rotated[3 * i + 2] + distance;
            xy[2 * i] = 320 + 800 * rotated[3 * i] / z;
            xy[2 * i + 1] = 240 + 800 * rotated[3 * i + 1] / z;
        }
        return xy;
    }

    private static double[] cloud(boolean planar) {
        int n = 7;
        double[] xyz = new double[3 * n * n];
        int k = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = (i - 3) * 2.5;
                double y = (j - 3) * 3.0;
                xyz[k++] = x;
                xyz[k++] = y;
                xyz[k++] = planar ? 0 : -6 * Math.exp(-(x * x + y * y) / 40);
            }
        }
        return xyz;
    }

    @Test
    void nonPlanarCloudHasClearlyLargerResidualThanPlanar() {
        Rotation3 turn = Rotation3.aboutY(Math.toRadians(30)).multiply(Rotation3.aboutX(Math.toRadians(10)));
        double[] planar = cloud(true);
        double[] bumpy = cloud(false);
        double[] planarSrc = project(planar, Rotation3.identity(), 60);
        double[] planarDst = project(planar, turn, 60);
        double[] bumpySrc = project(bumpy, Rotation3.identity(), 60);
        double[] bumpyDst = project(bumpy, turn, 60);
        double planarResidual = Homography.fit(planarSrc, planarDst).rmsResidual(planarSrc, planarDst);
        double bumpyResidual = Homography.fit(bumpySrc, bumpyDst).rmsResidual(bumpySrc, bumpyDst);
        assertTrue(planarResidual < 1e-8, "planar residual " + planarResidual);
        assertTrue(bumpyResidual > 1, "non-planar residual " + bumpyResidual);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> Homography.fit(new double[] {0, 0, 1, 0, 0, 1}, new double[] {0, 0, 1, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> Homography.fit(new double[] {0, 0, 1, 1, 2, 2, 3, 3}, new double[] {0, 0, 1, 0, 0, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> Homography.fit(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, new double[] {0, 0, 1, 0, 0, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Homography.of(new double[8]));
        assertThrows(IllegalArgumentException.class, () -> Homography.of(new double[9]));
        assertThrows(IndexOutOfBoundsException.class, () -> Homography.of(TRUTH).get(3, 0));
    }
}
