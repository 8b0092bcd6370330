package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Similarity2DTest {

    private static final double SCALE = 1.7;
    private static final double ANGLE = 0.4;
    private static final Affine2D TRUTH = new Affine2D(
            SCALE * Math.cos(ANGLE), -SCALE * Math.sin(ANGLE), 12,
            SCALE * Math.sin(ANGLE), SCALE * Math.cos(ANGLE), -7);

    private static double[] randomPoints(int n, long seed) {
        Random rnd = new Random(seed);
        double[] xy = new double[2 * n];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = rnd.nextDouble() * 200;
        }
        return xy;
    }

    private static void assertClose(Affine2D expected, Affine2D actual, double tol) {
        assertEquals(expected.a(), actual.a(), tol);
        assertEquals(expected.b(), actual.b(), tol);
        assertEquals(expected.c(), actual.c(), tol * 100);
        assertEquals(expected.d(), actual.d(), tol);
        assertEquals(expected.e(), actual.e(), tol);
        assertEquals(expected.f(), actual.f(), tol * 100);
    }

    @Test
    void recoversKnownTransformExactly() {
        double[] src = randomPoints(10, 3);
        Affine2D fit = Similarity2D.fit(src, TRUTH.apply(src));
        assertClose(TRUTH, fit, 1e-12);
    }

    @Test
    void twoPointsDetermineTheTransform() {
        double[] src = {0, 0, 10, 0};
        double[] dst = {5, 5, 5, 15};
        Affine2D fit = Similarity2D.fit(src, dst);
        assertEquals(0, fit.a(), 1e-12);
        assertEquals(-1, fit.b(), 1e-12);
        assertEquals(1, fit.d(), 1e-12);
        assertEquals(5, fit.applyX(0, 0), 1e-12);
        assertEquals(15, fit.applyY(10, 0), 1e-12);
    }

    @Test
    void noisyPointsGiveCloseFit() {
        double[] src = randomPoints(200, 5);
        double[] dst = TRUTH.apply(src);
        Random rnd = new Random(9);
        for (int i = 0; i < dst.length; i++) {
            dst[i] += rnd.nextGaussian() * 0.5;
        }
        Affine2D fit = Similarity2D.fit(src, dst);
        assertClose(TRUTH, fit, 5e-3);
    }

    @Test
    void neverReturnsReflection() {
        double[] src = {0, 0, 10, 0, 0, 5, 3, 9, 7, 2};
        double[] mirrored = new double[src.length];
        for (int i = 0; i < src.length; i += 2) {
            mirrored[i] = -src[i];
            mirrored[i + 1] = src[i + 1];
        }
        Affine2D fit = Similarity2D.fit(src, mirrored);
        assertTrue(fit.determinant() >= 0, "determinant " + fit.determinant());
        assertEquals(fit.a(), fit.e(), 0);
        assertEquals(fit.b(), -fit.d(), 0);
        assertTrue(rms(fit, src, mirrored) > 1, "a mirror cannot be fitted exactly");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Similarity2D.fit(new double[] {0, 0}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Similarity2D.fit(new double[] {0, 0, 1, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Similarity2D.fit(new double[] {0, 0, 1}, new double[] {1, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Similarity2D.fit(new double[] {2, 2, 2, 2}, new double[] {0, 0, 1, 1}));
        assertThrows(NullPointerException.class, () -> Similarity2D.fit(null, new double[] {0, 0, 1, 1}));
    }

    private static double rms(Affine2D t, double[] src, double[] dst) {
        double[] mapped = t.apply(src);
        double sum = 0;
        for (int i = 0; i < mapped.length; i++) {
            sum += (mapped[i] - dst[i]) * (mapped[i] - dst[i]);
        }
        return Math.sqrt(sum / (src.length / 2.0));
    }
}
