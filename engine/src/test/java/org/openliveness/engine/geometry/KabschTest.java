package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KabschTest {

    private static final Rotation3 TRUTH = Rotation3.aboutZ(0.3)
            .multiply(Rotation3.aboutY(-0.5))
            .multiply(Rotation3.aboutX(0.2));

    private static double[] randomCentredCloud(int n, long seed) {
        Random rnd = new Random(seed);
        double[] xyz = new double[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = rnd.nextGaussian() * 10;
        }
        return Kabsch.centreAndScale(xyz);
    }

    @Test
    void recoversKnownRotation() {
        double[] from = randomCentredCloud(30, 1);
        Rotation3 fit = Kabsch.fit(from, TRUTH.apply(from));
        assertArrayEquals(TRUTH.toArray(), fit.toArray(), 1e-12);
        assertEquals(1, fit.determinant(), 1e-12);
    }

    @Test
    void recoversRotationFromNoisyPoints() {
        double[] from = randomCentredCloud(200, 2);
        double[] to = TRUTH.apply(from);
        Random rnd = new Random(3);
        for (int i = 0; i < to.length; i++) {
            to[i] += rnd.nextGaussian() * 0.01;
        }
        assertArrayEquals(TRUTH.toArray(), Kabsch.fit(from, to).toArray(), 5e-3);
    }

    @Test
    void mirroredInputStillGivesProperRotation() {
        double[] from = randomCentredCloud(30, 4);
        double[] to = TRUTH.apply(from);
        for (int i = 0; i < to.length; i += 3) {
            to[i] = -to[i];
        }
        Rotation3 fit = Kabsch.fit(from, to);
        assertEquals(1, fit.determinant(), 1e-9);
        double[] m = fit.toArray();
        double[] mmT = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                mmT[3 * i + j] = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
            }
        }
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, mmT, 1e-9);
    }

    @Test
    void planarMirrorIsResolvedAsRotation() {
        double[] from = {1, 0, 0, -1, 0, 0, 0, 2, 0, 0, -2, 0};
        double[] to = {-1, 0, 0, 1, 0, 0, 0, 2, 0, 0, -2, 0};
        Rotation3 fit = Kabsch.fit(from, to);
        assertEquals(1, fit.determinant(), 1e-12);
        assertArrayEquals(to, fit.apply(from), 1e-12);
    }

    @Test
    void centreAndScaleGivesZeroCentroidAndUnitRms() {
        double[] xyz = {1, 2, 3, 5, 2, 3, 1, 8, 3, 1, 2, 11};
        double[] copy = xyz.clone();
        double[] out = Kabsch.centreAndScale(xyz);
        assertArrayEquals(copy, xyz, 0);
        double[] sum = new double[3];
        double sq = 0;
        for (int i = 0; i < out.length; i++) {
            sum[i % 3] += out[i];
            sq += out[i] * out[i];
        }
        assertArrayEquals(new double[] {0, 0, 0}, sum, 1e-12);
        assertEquals(1, Math.sqrt(sq / 4), 1e-12);
        // centroid (2, 3.5, 5); squared distances 7.25, 15.25, 25.25, 39.25 give RMS sqrt(21.75)
        assertEquals(3 / Math.sqrt(21.75), out[3], 1e-12);
        assertEquals(-2 / Math.sqrt(21.75), out[2], 1e-12);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Kabsch.fit(new double[] {1, 0, 0, 0, 1, 0}, new double[] {1, 0, 0, 0, 1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Kabsch.fit(new double[9], new double[9]));
        assertThrows(IllegalArgumentException.class, () -> Kabsch.fit(new double[9], new double[12]));
        assertThrows(IllegalArgumentException.class, () -> Kabsch.centreAndScale(new double[] {1, 1, 1, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Kabsch.centreAndScale(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Kabsch.centreAndScale(new double[] {1, 2}));
    }
}
