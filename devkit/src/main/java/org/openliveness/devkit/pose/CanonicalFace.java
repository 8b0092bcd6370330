package org.openliveness.devkit.pose;

import java.util.List;
import java.util.Locale;
import org.openliveness.engine.geometry.Kabsch;
import org.openliveness.engine.geometry.Rotation3;
import org.openliveness.engine.pose.PoseEstimator;

/**
 * Builds the canonical frontal mesh that {@link PoseEstimator} measures against: the
 * Procrustes mean of many near-frontal meshes (align each to the current mean, average,
 * repeat), then turned by the smallest rotation that makes its left–right axis, the mean of
 * vectors between mirror-image landmark pairs, point along +x. That fixes yaw and roll at
 * the face's symmetry; pitch zero is the average pitch of the faces used.
 */
public final class CanonicalFace {

    /** Mirror-image landmark pairs: subject's right side first, then left (image left, then right). */
    static final int[][] MIRROR_PAIRS = {
        {33, 263}, {133, 362}, {160, 385}, {159, 386}, {158, 387}, {144, 380}, {145, 374}, {153, 373},
        {61, 291}, {78, 308}, {82, 312}, {87, 317}, {70, 300}, {63, 293}, {105, 334}, {66, 296}, {107, 336},
        {98, 327}, {97, 326}, {64, 294}};

    private CanonicalFace() {}

    /** The levelled Procrustes mean of {@code meshes} (each 468 × x, y, z). */
    public static double[] build(List<double[]> meshes) {
        if (meshes.size() < 2) {
            throw new IllegalArgumentException("need at least 2 meshes, got " + meshes.size());
        }
        List<double[]> normalised = meshes.stream().map(Kabsch::centreAndScale).toList();
        double[] mean = normalised.get(0).clone();
        for (int iteration = 0; iteration < 10; iteration++) {
            double[] sum = new double[mean.length];
            for (double[] mesh : normalised) {
                Rotation3 r = Kabsch.fit(mesh, mean);
                double[] aligned = r.apply(mesh);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += aligned[k];
                }
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] /= normalised.size();
            }
            mean = Kabsch.centreAndScale(sum);
        }
        return level(mean);
    }

    /** Rotates the mesh so its symmetry axis is +x, by the smallest such rotation. */
    static double[] level(double[] mesh) {
        double[] axis = new double[3];
        for (int[] pair : MIRROR_PAIRS) {
            for (int k = 0; k < 3; k++) {
                axis[k] += mesh[3 * pair[1] + k] - mesh[3 * pair[0] + k];
            }
        }
        double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double[] u = {axis[0] / norm, axis[1] / norm, axis[2] / norm};
        // Rotation about k = u × e_x by the angle between u and e_x (Rodrigues).
        double[] k = {0, u[2], -u[1]};
        double sin = Math.sqrt(k[1] * k[1] + k[2] * k[2]);
        double cos = u[0];
        if (sin < 1e-12) {
            return mesh.clone();
        }
        k[1] /= sin;
        k[2] /= sin;
        double[][] kx = {{0, -k[2], k[1]}, {k[2], 0, -k[0]}, {-k[1], k[0], 0}};
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double kk = 0;
                for (int l = 0; l < 3; l++) {
                    kk += kx[i][l] * kx[l][j];
                }
                m[3 * i + j] = (i == j ? 1 : 0) + sin * kx[i][j] + (1 - cos) * kk;
            }
        }
        return Rotation3.of(m).apply(mesh);
    }

    /** The mesh as text, one point per line ({@code x y z}), as {@link PoseEstimator} reads it. */
    public static String format(double[] mesh, String comment) {
        StringBuilder out = new StringBuilder();
        for (String line : comment.split("\n")) {
            out.append("# ").append(line).append('\n');
        }
        for (int i = 0; i < mesh.length; i += 3) {
            out.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", mesh[i], mesh[i + 1], mesh[i + 2]));
        }
        return out.toString();
    }
}
