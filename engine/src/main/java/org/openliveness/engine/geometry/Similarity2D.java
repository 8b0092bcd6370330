package org.openliveness.engine.geometry;

/**
 * Least-squares 2-D similarity fitting (rotation, uniform scale and translation; never a reflection).
 */
public final class Similarity2D {

    private Similarity2D() {
    }

    /**
     * Fits the similarity {@code T} minimising {@code Σ ||T(src_i) − dst_i||²} (Umeyama's closed form
     * restricted to proper rotations). The result has the form {@code x' = a·x − b·y + tx},
     * {@code y' = b·x + a·y + ty}, so its determinant {@code a² + b²} is never negative; when the best
     * unconstrained fit would be a mirror image the returned scale shrinks instead (to 0 for perfectly
     * mirror-symmetric inputs).
     *
     * @param src source points as {@code x0,y0,x1,y1,...} in pixels
     * @param dst destination points, same count and order as {@code src}
     * @return the fitted transform mapping src onto dst
     * @throws IllegalArgumentException for mismatched or non-finite arrays, fewer than 2 points, or
     *                                  source points that all coincide
     */
    public static Affine2D fit(double[] src, double[] dst) {
        int n = Points.pairedCount(src, dst, 2, 2);
        double spx = 0, spy = 0, sqx = 0, sqy = 0;
        for (int i = 0; i < n; i++) {
            spx += src[2 * i];
            spy += src[2 * i + 1];
            sqx += dst[2 * i];
            sqy += dst[2 * i + 1];
        }
        double mpx = spx / n, mpy = spy / n, mqx = sqx / n, mqy = sqy / n;
        double norm = 0, dot = 0, cross = 0;
        for (int i = 0; i < n; i++) {
            double px = src[2 * i] - mpx;
            double py = src[2 * i + 1] - mpy;
            double qx = dst[2 * i] - mqx;
            double qy = dst[2 * i + 1] - mqy;
            norm += px * px + py * py;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("source points all coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new Affine2D(a, -b, mqx - (a * mpx - b * mpy), b, a, mqy - (b * mpx + a * mpy));
    }
}
