package org.openliveness.engine.geometry;

import java.util.Objects;

/** Validation helpers for flat coordinate arrays ({@code x0,y0,x1,y1,...} or {@code x0,y0,z0,...}). */
final class Points {

    private Points() {
    }

    /** Returns the number of points in a flat array of {@code dims}-dimensional points, checking shape and finiteness. */
    static int count(double[] coords, int dims, String name) {
        Objects.requireNonNull(coords, name);
        if (coords.length % dims != 0) {
            throw new IllegalArgumentException(name + " length " + coords.length + " is not a multiple of " + dims);
        }
        for (int i = 0; i < coords.length; i++) {
            if (!Double.isFinite(coords[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + coords[i]);
            }
        }
        return coords.length / dims;
    }

    /** Checks both arrays hold the same number ({@code >= minPoints}) of {@code dims}-dimensional points; returns it. */
    static int pairedCount(double[] src, double[] dst, int dims, int minPoints) {
        int n = count(src, dims, "src");
        int m = count(dst, dims, "dst");
        if (n != m) {
            throw new IllegalArgumentException("src has " + n + " points but dst has " + m);
        }
        if (n < minPoints) {
            throw new IllegalArgumentException("need at least " + minPoints + " points, got " + n);
        }
        return n;
    }

    static void requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is not finite: " + value);
        }
    }

    static void requirePositive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }
}
