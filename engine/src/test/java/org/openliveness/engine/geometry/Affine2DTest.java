package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Affine2DTest {

    private static final Affine2D M = new Affine2D(2, 1, 3, -1, 0.5, 4);

    @Test
    void appliesCoefficientsAsDocumented() {
        assertEquals(2 * 5 + 1 * 7 + 3, M.applyX(5, 7), 0);
        assertEquals(-1 * 5 + 0.5 * 7 + 4, M.applyY(5, 7), 0);
        assertArrayEquals(new double[] {3, 4, 20, 2.5}, M.apply(new double[] {0, 0, 5, 7}), 1e-12);
    }

    @Test
    void applyDoesNotModifyInput() {
        double[] xy = {1, 2};
        M.apply(xy);
        assertArrayEquals(new double[] {1, 2}, xy, 0);
    }

    @Test
    void inverseUndoesApply() {
        Affine2D inv = M.inverse();
        Random rnd = new Random(1);
        for (int k = 0; k < 20; k++) {
            double x = rnd.nextDouble() * 1000 - 500;
            double y = rnd.nextDouble() * 1000 - 500;
            double[] there = M.apply(new double[] {x, y});
            double[] back = inv.apply(there);
            assertEquals(x, back[0], 1e-9);
            assertEquals(y, back[1], 1e-9);
        }
        Affine2D id = M.andThen(inv);
        assertEquals(1, id.a(), 1e-12);
        assertEquals(0, id.b(), 1e-12);
        assertEquals(0, id.c(), 1e-12);
        assertEquals(0, id.d(), 1e-12);
        assertEquals(1, id.e(), 1e-12);
        assertEquals(0, id.f(), 1e-12);
    }

    @Test
    void andThenAppliesThisFirst() {
        Affine2D scale = new Affine2D(2, 0, 0, 0, 2, 0);
        Affine2D shift = Affine2D.translation(10, 20);
        Affine2D scaleThenShift = scale.andThen(shift);
        assertEquals(2 * 1 + 10, scaleThenShift.applyX(1, 1), 0);
        assertEquals(2 * 1 + 20, scaleThenShift.applyY(1, 1), 0);
        Affine2D shiftThenScale = shift.andThen(scale);
        assertEquals((1 + 10) * 2, shiftThenScale.applyX(1, 1), 0);
        assertEquals((1 + 20) * 2, shiftThenScale.applyY(1, 1), 0);
    }

    @Test
    void andThenMatchesSequentialApplication() {
        Affine2D other = new Affine2D(0.3, -0.7, 11, 0.9, 1.1, -5);
        Affine2D both = M.andThen(other);
        double x = 3.5, y = -8.25;
        assertEquals(other.applyX(M.applyX(x, y), M.applyY(x, y)), both.applyX(x, y), 1e-12);
        assertEquals(other.applyY(M.applyX(x, y), M.applyY(x, y)), both.applyY(x, y), 1e-12);
    }

    @Test
    void identityAndTranslation() {
        assertEquals(7, Affine2D.identity().applyX(7, 9), 0);
        assertEquals(9, Affine2D.identity().applyY(7, 9), 0);
        assertEquals(8, Affine2D.translation(1, -2).applyX(7, 9), 0);
        assertEquals(7, Affine2D.translation(1, -2).applyY(7, 9), 0);
    }

    @Test
    void determinantSignShowsReflection() {
        assertEquals(2 * 0.5 - 1 * -1, M.determinant(), 0);
        assertEquals(-1, new Affine2D(-1, 0, 0, 0, 1, 0).determinant(), 0);
    }

    @Test
    void rejectsSingularInverseAndBadInput() {
        assertThrows(ArithmeticException.class, () -> new Affine2D(1, 2, 0, 2, 4, 0).inverse());
        assertThrows(ArithmeticException.class, () -> new Affine2D(0, 0, 1, 0, 0, 1).inverse());
        assertThrows(IllegalArgumentException.class, () -> new Affine2D(Double.NaN, 0, 0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> M.apply(new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> M.apply(new double[] {1, Double.POSITIVE_INFINITY}));
    }
}
