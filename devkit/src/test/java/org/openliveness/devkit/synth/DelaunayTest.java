package org.openliveness.devkit.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DelaunayTest {

    @Test
    void randomPointsInARectangleAreTiledWithEmptyCircumcircles() {
        Random random = new Random(42);
        int n = 500;
        double w = 640, h = 480;
        double[] xy = new double[2 * (n + 4)];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = 0.05 + random.nextDouble() * (w - 0.1);
            xy[2 * i + 1] = 0.05 + random.nextDouble() * (h - 0.1);
        }
        double[] corners = {0, 0, w, 0, w, h, 0, h};
        System.arraycopy(corners, 0, xy, 2 * n, 8);

        int[] tris = Delaunay.triangulate(xy);

        double area = 0;
        for (int t = 0; t < tris.length / 3; t++) {
            double a = cross(xy, tris[3 * t], tris[3 * t + 1], tris[3 * t + 2]) / 2;
            assertTrue(a > 0, "triangle " + t + " has positive orientation");
            area += a;
            for (int p = 0; p < n + 4; p++) {
                assertTrue(!strictlyInCircumcircle(xy, tris[3 * t], tris[3 * t + 1], tris[3 * t + 2], p),
                        "point " + p + " inside the circumcircle of triangle " + t);
            }
        }
        assertEquals(w * h, area, 1e-6 * w * h, "the triangles tile the hull without overlap");
        // Euler: a triangulation of n points with k on the hull has 2n − k − 2 triangles.
        assertEquals(2 * (n + 4) - 4 - 2, tris.length / 3);
    }

    @Test
    void sameInputGivesTheSameTriangles() {
        Random random = new Random(3);
        double[] xy = new double[400];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = random.nextDouble() * 100;
        }
        assertArrayEquals(Delaunay.triangulate(xy), Delaunay.triangulate(xy.clone()));
    }

    @Test
    void duplicatePointsAreSkippedAndCollinearPointsRejected() {
        int[] tris = Delaunay.triangulate(new double[] {0, 0, 10, 0, 0, 10, 10, 0});
        assertEquals(3, tris.length);
        for (int v : tris) {
            assertTrue(v < 3, "the duplicate of point 1 is not used");
        }
        assertThrows(IllegalArgumentException.class, () -> Delaunay.triangulate(new double[] {0, 0, 1, 1, 2, 2, 3, 3}));
        assertThrows(IllegalArgumentException.class, () -> Delaunay.triangulate(new double[] {0, 0, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Delaunay.triangulate(new double[] {0, 0, 1, Double.NaN, 2, 0}));
    }

    private static double cross(double[] p, int a, int b, int c) {
        return (p[2 * b] - p[2 * a]) * (p[2 * c + 1] - p[2 * a + 1]) - (p[2 * b + 1] - p[2 * a + 1]) * (p[2 * c] - p[2 * a]);
    }

    /** The classic in-circle determinant for a positively oriented triangle, with a small tolerance. */
    private static boolean strictlyInCircumcircle(double[] p, int a, int b, int c, int d) {
        if (d == a || d == b || d == c) {
            return false;
        }
        double ax = p[2 * a] - p[2 * d], ay = p[2 * a + 1] - p[2 * d + 1];
        double bx = p[2 * b] - p[2 * d], by = p[2 * b + 1] - p[2 * d + 1];
        double cx = p[2 * c] - p[2 * d], cy = p[2 * c + 1] - p[2 * d + 1];
        double det = (ax * ax + ay * ay) * (bx * cy - cx * by)
                - (bx * bx + by * by) * (ax * cy - cx * ay)
                + (cx * cx + cy * cy) * (ax * by - bx * ay);
        return det > 1e-6;
    }
}
