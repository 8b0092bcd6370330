package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Rotation3Test {

    @Test
    void elementaryRotationsFollowRightHandRule() {
        double q = Math.PI / 2;
        assertArrayEquals(new double[] {0, 0, 1}, Rotation3.aboutX(q).apply(new double[] {0, 1, 0}), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0}, Rotation3.aboutY(q).apply(new double[] {0, 0, 1}), 1e-15);
        assertArrayEquals(new double[] {0, 1, 0}, Rotation3.aboutZ(q).apply(new double[] {1, 0, 0}), 1e-15);
    }

    @Test
    void multiplyAppliesRightOperandFirst() {
        Rotation3 a = Rotation3.aboutX(0.7);
        Rotation3 b = Rotation3.aboutZ(-0.4);
        double[] p = {1, 2, 3};
        assertArrayEquals(a.apply(b.apply(p)), a.multiply(b).apply(p), 1e-14);
    }

    @Test
    void transposeIsInverse() {
        Rotation3 r = Rotation3.aboutY(0.9).multiply(Rotation3.aboutX(-0.3));
        assertArrayEquals(Rotation3.identity().toArray(), r.multiply(r.transpose()).toArray(), 1e-15);
        assertEquals(r.get(0, 2), r.transpose().get(2, 0), 0);
        assertEquals(1, r.determinant(), 1e-14);
    }

    @Test
    void ofValidatesAndCopies() {
        double[] m = Rotation3.aboutZ(0.2).toArray();
        Rotation3 r = Rotation3.of(m);
        m[0] = 5;
        assertEquals(Math.cos(0.2), r.get(0, 0), 1e-15);
        assertEquals(Rotation3.aboutZ(0.2), r);
        assertThrows(IllegalArgumentException.class, () -> Rotation3.of(new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Rotation3.of(new double[] {2, 0, 0, 0, 1, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Rotation3.of(new double[8]));
        assertThrows(IndexOutOfBoundsException.class, () -> r.get(0, 3));
    }
}
