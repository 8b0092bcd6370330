package org.openliveness.engine.geometry;

/**
 * A 2-D affine transform {@code x' = a·x + b·y + c}, {@code y' = d·x + e·y + f}.
 *
 * <p>Coordinates are in pixels with the origin at the top-left, x to the right and y down; pixel
 * centres sit at integer coordinates. Instances are immutable; all coefficients must be finite.
 *
 * @param a x' coefficient of x
 * @param b x' coefficient of y
 * @param c x' offset in pixels
 * @param d y' coefficient of x
 * @param e y' coefficient of y
 * @param f y' offset in pixels
 */
public record Affine2D(double a, double b, double c, double d, double e, double f) {

    public Affine2D {
        Points.requireFinite(a, "a");
        Points.requireFinite(b, "b");
        Points.requireFinite(c, "c");
        Points.requireFinite(d, "d");
        Points.requireFinite(e, "e");
        Points.requireFinite(f, "f");
    }

    /** The identity transform. */
    public static Affine2D identity() {
        return new Affine2D(1, 0, 0, 0, 1, 0);
    }

    /** A pure translation by {@code (tx, ty)} pixels. */
    public static Affine2D translation(double tx, double ty) {
        return new Affine2D(1, 0, tx, 0, 1, ty);
    }

    /** The transformed x coordinate of point {@code (x, y)}. */
    public double applyX(double x, double y) {
        return a * x + b * y + c;
    }

    /** The transformed y coordinate of point {@code (x, y)}. */
    public double applyY(double x, double y) {
        return d * x + e * y + f;
    }

    /**
     * Transforms a flat array of points {@code x0,y0,x1,y1,...}.
     *
     * @return a new array of the same length holding the transformed points
     */
    public double[] apply(double[] xy) {
        int n = Points.count(xy, 2, "xy");
        double[] out = new double[xy.length];
        for (int i = 0; i < n; i++) {
            double x = xy[2 * i];
            double y = xy[2 * i + 1];
            out[2 * i] = applyX(x, y);
            out[2 * i + 1] = applyY(x, y);
        }
        return out;
    }

    /** Determinant {@code a·e − b·d} of the linear part; negative for a reflection. */
    public double determinant() {
        return a * e - b * d;
    }

    /**
     * The inverse transform, so that {@code inverse().applyX(applyX(p), applyY(p)) == p.x} up to rounding.
     *
     * @throws ArithmeticException if the linear part is singular (relative to its magnitude)
     */
    public Affine2D inverse() {
        double det = determinant();
        double scale = Math.max(Math.max(Math.abs(a), Math.abs(b)), Math.max(Math.abs(d), Math.abs(e)));
        if (scale == 0 || Math.abs(det) <= 1e-12 * scale * scale) {
            throw new ArithmeticException("affine transform is singular: " + this);
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new Affine2D(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /**
     * Composition applying this transform first and then {@code after}: the result maps p to
     * {@code after(this(p))}.
     */
    public Affine2D andThen(Affine2D after) {
        return new Affine2D(
                after.a * a + after.b * d,
                after.a * b + after.b * e,
                after.a * c + after.b * f + after.c,
                after.d * a + after.e * d,
                after.d * b + after.e * e,
                after.d * c + after.e * f + after.f);
    }
}
