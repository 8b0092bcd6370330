package org.openliveness.engine.geometry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Best-fit rotation between two 3-D point sets (Kabsch algorithm with reflection correction).
 *
 * <p>Points are flat arrays {@code x0,y0,z0,x1,...} in the engine's frame (x right, y down, z away
 * from the camera). Units are arbitrary but must match between the two sets.
 */
public final class Kabsch {

    private Kabsch() {
    }

    /**
     * The proper rotation {@code R} (determinant +1) minimising {@code Σ ||R·from_i − to_i||²}.
     *
     * <p>The point sets are used as given: centre them first (for example with
     * {@link #centreAndScale}) when translation must be ignored. If the best orthogonal fit would be
     * a reflection (for example for mirrored inputs), the closest proper rotation is returned.
     *
     * @throws IllegalArgumentException for mismatched or non-finite arrays, fewer than 3 points, or an
     *                                  all-zero cross-covariance (no information about the rotation)
     */
    public static Rotation3 fit(double[] fromXyz, double[] toXyz) {
        int n = Points.pairedCount(fromXyz, toXyz, 3, 3);
        DMatrixRMaj cov = new DMatrixRMaj(3, 3);
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    cov.data[3 * j + k] += fromXyz[3 * i + j] * toXyz[3 * i + k];
                }
            }
        }
        for (double v : cov.data) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        if (maxAbs == 0) {
            throw new IllegalArgumentException("cross-covariance is zero; the rotation is undetermined");
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(3, 3, true, true, false);
        if (!svd.decompose(cov)) {
            throw new IllegalArgumentException("SVD failed for the given points");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        DMatrixRMaj r = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(v, u, r);
        if (CommonOps_DDRM.det(r) < 0) {
            for (int row = 0; row < 3; row++) {
                v.set(row, 2, -v.get(row, 2));
            }
            CommonOps_DDRM.multTransB(v, u, r);
        }
        return Rotation3.of(r.data);
    }

    /**
     * A copy of the points translated so their centroid is the origin and scaled so the
     * root-mean-square distance from the origin is 1.
     *
     * @throws IllegalArgumentException for a non-finite or empty array, or points that all coincide
     */
    public static double[] centreAndScale(double[] xyz) {
        int n = Points.count(xyz, 3, "xyz");
        if (n == 0) {
            throw new IllegalArgumentException("xyz is empty");
        }
        double[] centroid = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                centroid[k] += xyz[3 * i + k];
            }
        }
        for (int k = 0; k < 3; k++) {
            centroid[k] /= n;
        }
        double[] out = new double[xyz.length];
        double sumSq = 0;
        for (int i = 0; i < xyz.length; i++) {
            out[i] = xyz[i] - centroid[i % 3];
            sumSq += out[i] * out[i];
        }
        double rms = Math.sqrt(sumSq / n);
        if (!(rms > 0)) {
            throw new IllegalArgumentException("points all coincide");
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= rms;
        }
        return out;
    }
}
