package org.openliveness.engine.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * A proper 3-D rotation (orthonormal 3×3 matrix with determinant +1), stored row-major.
 *
 * <p>The coordinate frame used throughout the engine is right-handed: x to the image's right,
 * y down the image, z away from the camera (into the image). Rotations act on column vectors:
 * {@code v' = R·v}. The {@code about*} factories follow the right-hand rule in that frame, so
 * {@link #aboutZ} with a positive angle turns +x towards +y, which is clockwise on screen.
 * Instances are immutable.
 */
public final class Rotation3 {

    private static final double TOLERANCE = 1e-6;

    private final double[] m;

    private Rotation3(double[] m) {
        this.m = m;
    }

    /**
     * Wraps a row-major 3×3 matrix (copied).
     *
     * @throws IllegalArgumentException unless it is orthonormal with determinant +1 within 1e-6
     */
    public static Rotation3 of(double[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rowMajor.length != 9) {
            throw new IllegalArgumentException("expected 9 values, got " + rowMajor.length);
        }
        Points.count(rowMajor, 1, "rowMajor");
        double[] copy = rowMajor.clone();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = copy[i] * copy[j] + copy[3 + i] * copy[3 + j] + copy[6 + i] * copy[6 + j];
                if (Math.abs(dot - (i == j ? 1 : 0)) > TOLERANCE) {
                    throw new IllegalArgumentException("matrix is not orthonormal: " + Arrays.toString(rowMajor));
                }
            }
        }
        if (determinant(copy) < 0) {
            throw new IllegalArgumentException("matrix is a reflection (determinant −1): " + Arrays.toString(rowMajor));
        }
        return new Rotation3(copy);
    }

    /** The identity rotation. */
    public static Rotation3 identity() {
        return new Rotation3(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    /** Rotation by {@code radians} about the x axis: +y turns towards +z. */
    public static Rotation3 aboutX(double radians) {
        double c = Math.cos(radians), s = Math.sin(radians);
        return new Rotation3(new double[] {1, 0, 0, 0, c, -s, 0, s, c});
    }

    /** Rotation by {@code radians} about the y axis: +z turns towards +x. */
    public static Rotation3 aboutY(double radians) {
        double c = Math.cos(radians), s = Math.sin(radians);
        return new Rotation3(new double[] {c, 0, s, 0, 1, 0, -s, 0, c});
    }

    /** Rotation by {@code radians} about the z axis: +x turns towards +y (clockwise on screen). */
    public static Rotation3 aboutZ(double radians) {
        double c = Math.cos(radians), s = Math.sin(radians);
        return new Rotation3(new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
    }

    /** Element {@code (row, col)}, both in {@code 0..2}. */
    public double get(int row, int col) {
        if (row < 0 || row > 2 || col < 0 || col > 2) {
            throw new IndexOutOfBoundsException("row/col must be in 0..2, got " + row + "," + col);
        }
        return m[3 * row + col];
    }

    /** A copy of the row-major matrix. */
    public double[] toArray() {
        return m.clone();
    }

    /** The determinant (+1 up to rounding). */
    public double determinant() {
        return determinant(m);
    }

    static double determinant(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7])
                - a[1] * (a[3] * a[8] - a[5] * a[6])
                + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /** The matrix product {@code this·other}: applies {@code other} first, then this rotation. */
    public Rotation3 multiply(Rotation3 other) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = m[3 * i] * other.m[j] + m[3 * i + 1] * other.m[3 + j] + m[3 * i + 2] * other.m[6 + j];
            }
        }
        return new Rotation3(r);
    }

    /** The inverse rotation (the transpose). */
    public Rotation3 transpose() {
        return new Rotation3(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
    }

    /**
     * Rotates a flat array of points {@code x0,y0,z0,x1,...}.
     *
     * @return a new array of the rotated points
     */
    public double[] apply(double[] xyz) {
        int n = Points.count(xyz, 3, "xyz");
        double[] out = new double[xyz.length];
        for (int i = 0; i < n; i++) {
            double x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
            out[3 * i] = m[0] * x + m[1] * y + m[2] * z;
            out[3 * i + 1] = m[3] * x + m[4] * y + m[5] * z;
            out[3 * i + 2] = m[6] * x + m[7] * y + m[8] * z;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rotation3 other && Arrays.equals(m, other.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Rotation3" + Arrays.toString(m);
    }
}
