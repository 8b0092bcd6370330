package org.openliveness.engine.geometry;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * A planar projective transform (3×3 matrix {@code H}, row-major) acting on pixel coordinates:
 * {@code (x', y') = ((h0·x + h1·y + h2) / w, (h3·x + h4·y + h5) / w)} with {@code w = h6·x + h7·y + h8}.
 *
 * <p>Coordinates are pixels, origin top-left, x right, y down. Instances are immutable; the matrix
 * is scaled so that {@code h8 = 1} whenever {@code h8} is not negligible, otherwise to unit Frobenius norm.
 */
public final class Homography {

    private final double[] h;

    private Homography(double[] h) {
        this.h = h;
    }

    /**
     * Wraps a row-major 3×3 matrix (copied and rescaled as described in the class comment).
     *
     * @throws IllegalArgumentException if the array is not 9 finite values or is all zero
     */
    public static Homography of(double[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rowMajor.length != 9) {
            throw new IllegalArgumentException("expected 9 values, got " + rowMajor.length);
        }
        Points.count(rowMajor, 1, "rowMajor");
        return new Homography(rescale(rowMajor.clone()));
    }

    /**
     * Least-squares homography mapping {@code src} onto {@code dst} by the normalised direct linear
     * transform: both point sets are translated to their centroid and scaled to mean distance √2
     * (Hartley), the algebraic error is minimised by SVD, and the result is denormalised.
     *
     * @param src source points {@code x0,y0,x1,y1,...} in pixels
     * @param dst destination points, same count and order
     * @throws IllegalArgumentException for mismatched or non-finite arrays, fewer than 4 points, or a
     *                                  degenerate configuration (coincident or collinear points)
     */
    public static Homography fit(double[] src, double[] dst) {
        int n = Points.pairedCount(src, dst, 2, 4);
        double[] ts = hartley(src, n, "src");
        double[] td = hartley(dst, n, "dst");
        DMatrixRMaj a = new DMatrixRMaj(2 * n, 9);
        for (int i = 0; i < n; i++) {
            double x = (src[2 * i] - ts[0]) * ts[2];
            double y = (src[2 * i + 1] - ts[1]) * ts[2];
            double u = (dst[2 * i] - td[0]) * td[2];
            double v = (dst[2 * i + 1] - td[1]) * td[2];
            double[] r = a.data;
            int o = 18 * i;
            r[o] = -x;
            r[o + 1] = -y;
            r[o + 2] = -1;
            r[o + 6] = u * x;
            r[o + 7] = u * y;
            r[o + 8] = u;
            r[o + 12] = -x;
            r[o + 13] = -y;
            r[o + 14] = -1;
            r[o + 15] = v * x;
            r[o + 16] = v * y;
            r[o + 17] = v;
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(2 * n, 9, false, true, false);
        if (!svd.decompose(a)) {
            throw new IllegalArgumentException("SVD failed for the given points");
        }
        double[] sv = svd.getSingularValues().clone();
        Arrays.sort(sv);
        double largest = sv[sv.length - 1];
        double secondSmallest = sv[sv.length - 8];
        if (!(secondSmallest > 1e-10 * largest)) {
            throw new IllegalArgumentException("degenerate point configuration (coincident or collinear points)");
        }
        double[] hn = SingularOps_DDRM.nullVector(svd, true, null).data;
        return new Homography(rescale(denormalise(hn, ts, td)));
    }

    /** Centroid x, centroid y and the scale making the mean distance to the centroid √2. */
    private static double[] hartley(double[] xy, int n, String name) {
        double cx = 0, cy = 0;
        for (int i = 0; i < n; i++) {
            cx += xy[2 * i];
            cy += xy[2 * i + 1];
        }
        cx /= n;
        cy /= n;
        double meanDist = 0;
        for (int i = 0; i < n; i++) {
            meanDist += Math.hypot(xy[2 * i] - cx, xy[2 * i + 1] - cy);
        }
        meanDist /= n;
        if (!(meanDist > 0)) {
            throw new IllegalArgumentException(name + " points all coincide");
        }
        return new double[] {cx, cy, Math.sqrt(2) / meanDist};
    }

    /** Returns {@code Tdst⁻¹ · Hn · Tsrc} for the normalising similarities {@code T = [[s,0,−s·cx],[0,s,−s·cy],[0,0,1]]}. */
    private static double[] denormalise(double[] hn, double[] ts, double[] td) {
        double s = ts[2];
        double[] tsrc = {s, 0, -s * ts[0], 0, s, -s * ts[1], 0, 0, 1};
        double[] tdstInv = {1 / td[2], 0, td[0], 0, 1 / td[2], td[1], 0, 0, 1};
        return Matrix3.multiply(tdstInv, Matrix3.multiply(hn, tsrc));
    }


    private static double[] rescale(double[] m) {
        double frob = 0;
        for (double v : m) {
            frob += v * v;
        }
        frob = Math.sqrt(frob);
        if (frob == 0 || !Double.isFinite(frob)) {
            throw new IllegalArgumentException("homography matrix must be finite and non-zero");
        }
        double divisor = Math.abs(m[8]) > 1e-12 * frob ? m[8] : frob;
        for (int i = 0; i < 9; i++) {
            m[i] /= divisor;
        }
        return m;
    }

    /** Element {@code (row, col)} of the 3×3 matrix, both indices in {@code 0..2}. */
    public double get(int row, int col) {
        if (row < 0 || row > 2 || col < 0 || col > 2) {
            throw new IndexOutOfBoundsException("row/col must be in 0..2, got " + row + "," + col);
        }
        return h[3 * row + col];
    }

    /** A copy of the row-major 3×3 matrix. */
    public double[] toArray() {
        return h.clone();
    }

    /**
     * Maps a flat array of points {@code x0,y0,...}. A point on the line at infinity
     * ({@code w = 0}) maps to infinite or NaN coordinates.
     *
     * @return a new array of the mapped points
     */
    public double[] apply(double[] xy) {
        int n = Points.count(xy, 2, "xy");
        double[] out = new double[xy.length];
        for (int i = 0; i < n; i++) {
            double x = xy[2 * i];
            double y = xy[2 * i + 1];
            double w = h[6] * x + h[7] * y + h[8];
            out[2 * i] = (h[0] * x + h[1] * y + h[2]) / w;
            out[2 * i + 1] = (h[3] * x + h[4] * y + h[5]) / w;
        }
        return out;
    }

    /**
     * Root-mean-square reprojection error in destination pixels:
     * {@code sqrt(mean_i ||H(src_i) − dst_i||²)}.
     *
     * @throws IllegalArgumentException for mismatched, empty or non-finite arrays
     */
    public double rmsResidual(double[] src, double[] dst) {
        int n = Points.pairedCount(src, dst, 2, 1);
        double[] mapped = apply(src);
        double sum = 0;
        for (int i = 0; i < 2 * n; i++) {
            double diff = mapped[i] - dst[i];
            sum += diff * diff;
        }
        return Math.sqrt(sum / n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Homography other && Arrays.equals(h, other.h);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(h);
    }

    @Override
    public String toString() {
        return "Homography" + Arrays.toString(h);
    }
}
