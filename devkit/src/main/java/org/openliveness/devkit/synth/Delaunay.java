package org.openliveness.devkit.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Delaunay triangulation of 2-D points by incremental insertion (Bowyer–Watson).
 *
 * <p>Points are pixels {@code x0,y0,x1,y1,...}. The result covers the convex hull of the points with
 * triangles whose vertices are point indices, each ordered to a positive cross product
 * {@code (b−a)×(c−a)} in the array's own coordinates (clockwise on screen when y points down). Points that coincide
 * with an earlier point (closer than {@link #MIN_SEPARATION} on both axes) are not inserted and
 * appear in no triangle. Insertion order is the array order, so the result is deterministic. Quadratic time,
 * meant for a few hundred to a few thousand points.
 */
final class Delaunay {

    /** Points closer than this many pixels to an already inserted point are skipped. */
    static final double MIN_SEPARATION = 1e-6;
    /** Size of the enclosing super-triangle relative to the points' extent. */
    private static final double SUPER_SCALE = 1e5;

    private Delaunay() {}

    /**
     * Triangulates the points.
     *
     * @param xy flat array of finite coordinates, at least 3 non-collinear points
     * @return triangles as vertex index triples {@code a0,b0,c0,a1,...}
     * @throws IllegalArgumentException for fewer than 3 points, non-finite values or all points collinear
     */
    static int[] triangulate(double[] xy) {
        Objects.requireNonNull(xy, "xy");
        if (xy.length % 2 != 0 || xy.length < 6) {
            throw new IllegalArgumentException("need at least 3 points as x,y pairs, got " + xy.length + " values");
        }
        int n = xy.length / 2;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = xy[2 * i], y = xy[2 * i + 1];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("point " + i + " is not finite");
            }
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        // Work in coordinates centred on the bounding box to keep the circumcircle arithmetic small.
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1);
        double[] p = new double[2 * (n + 3)];
        for (int i = 0; i < n; i++) {
            p[2 * i] = xy[2 * i] - cx;
            p[2 * i + 1] = xy[2 * i + 1] - cy;
        }
        // A super-triangle far outside the points; its corners are indices n, n+1, n+2. Its
        // circumcircles with a hull edge bulge past that edge by about span²/(8·big), so points
        // closer than that to the hull can cost a hull triangle: 1e-5 of the span here.
        double big = SUPER_SCALE * span;
        p[2 * n] = -big;
        p[2 * n + 1] = -big;
        p[2 * n + 2] = big;
        p[2 * n + 3] = -big;
        p[2 * n + 4] = 0;
        p[2 * n + 5] = big;

        List<Tri> tris = new ArrayList<>();
        tris.add(Tri.of(p, n, n + 1, n + 2));
        List<Integer> inserted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = p[2 * i], y = p[2 * i + 1];
            if (coincides(p, inserted, x, y)) {
                continue;
            }
            inserted.add(i);
            Map<Long, int[]> boundary = new HashMap<>();
            List<Tri> kept = new ArrayList<>(tris.size() + 4);
            List<int[]> edgesInOrder = new ArrayList<>();
            for (Tri t : tris) {
                if (t.circumcircleContains(x, y)) {
                    toggleEdge(boundary, edgesInOrder, t.a, t.b);
                    toggleEdge(boundary, edgesInOrder, t.b, t.c);
                    toggleEdge(boundary, edgesInOrder, t.c, t.a);
                } else {
                    kept.add(t);
                }
            }
            for (int[] e : edgesInOrder) {
                if (boundary.get(key(e[0], e[1])) == e) {
                    kept.add(Tri.of(p, e[0], e[1], i));
                }
            }
            tris = kept;
        }
        List<int[]> out = new ArrayList<>();
        for (Tri t : tris) {
            if (t.a < n && t.b < n && t.c < n) {
                out.add(new int[] {t.a, t.b, t.c});
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("points are collinear: no triangle");
        }
        int[] flat = new int[3 * out.size()];
        for (int k = 0; k < out.size(); k++) {
            System.arraycopy(out.get(k), 0, flat, 3 * k, 3);
        }
        return flat;
    }

    private static boolean coincides(double[] p, List<Integer> inserted, double x, double y) {
        for (int j : inserted) {
            if (Math.abs(p[2 * j] - x) < MIN_SEPARATION && Math.abs(p[2 * j + 1] - y) < MIN_SEPARATION) {
                return true;
            }
        }
        return false;
    }

    /** Adds the undirected edge, or removes it when a second cavity triangle shares it. */
    private static void toggleEdge(Map<Long, int[]> boundary, List<int[]> order, int u, int v) {
        long k = key(u, v);
        if (boundary.containsKey(k)) {
            boundary.put(k, null);
        } else {
            int[] e = {u, v};
            boundary.put(k, e);
            order.add(e);
        }
    }

    private static long key(int u, int v) {
        int lo = Math.min(u, v), hi = Math.max(u, v);
        return ((long) lo << 32) | hi;
    }

    /** A triangle with its vertices ordered to positive signed area and its circumcircle. */
    private record Tri(int a, int b, int c, double ox, double oy, double r2) {

        static Tri of(double[] p, int a, int b, int c) {
            double ax = p[2 * a], ay = p[2 * a + 1];
            double bx = p[2 * b] - ax, by = p[2 * b + 1] - ay;
            double qx = p[2 * c] - ax, qy = p[2 * c + 1] - ay;
            double d = 2 * (bx * qy - by * qx);
            if (d < 0) {
                int swap = b;
                b = c;
                c = swap;
                double tx = bx, ty = by;
                bx = qx;
                by = qy;
                qx = tx;
                qy = ty;
                d = -d;
            }
            if (d == 0) {
                // Degenerate (collinear) triangle: an infinite circumcircle that contains everything,
                // so the next insertion nearby removes it.
                return new Tri(a, b, c, 0, 0, Double.POSITIVE_INFINITY);
            }
            double b2 = bx * bx + by * by;
            double q2 = qx * qx + qy * qy;
            double ux = (qy * b2 - by * q2) / d;
            double uy = (bx * q2 - qx * b2) / d;
            return new Tri(a, b, c, ax + ux, ay + uy, ux * ux + uy * uy);
        }

        boolean circumcircleContains(double x, double y) {
            double dx = x - ox, dy = y - oy;
            return dx * dx + dy * dy < r2;
        }
    }
}
