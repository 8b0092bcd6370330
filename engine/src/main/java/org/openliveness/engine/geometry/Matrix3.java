package org.openliveness.engine.geometry;

/** 3×3 matrices as row-major {@code double[9]}: the products and inverses homographies need. */
public final class Matrix3 {

    private Matrix3() {}

    /** {@code p · q}. */
    public static double[] multiply(double[] p, double[] q) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = p[3 * i] * q[j] + p[3 * i + 1] * q[3 + j] + p[3 * i + 2] * q[6 + j];
            }
        }
        return r;
    }

    /**
     * The inverse by the adjugate.
     *
     * @throws IllegalArgumentException when the matrix is singular relative to its largest entry
     */
    public static double[] invert(double[] m) {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        double norm = 0;
        for (double v : m) {
            norm = Math.max(norm, Math.abs(v));
        }
        if (!(Math.abs(det) > 1e-12 * norm * norm * norm)) {
            throw new IllegalArgumentException("the 3×3 transform is singular");
        }
        return new double[] {
            c00 / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            c01 / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            c02 / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
    }
}
