package org.openliveness.engine.verdict;

import java.util.List;
import java.util.Objects;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.geometry.Homography;

/**
 * Mesh points that the face mesh places reliably (eyes, brows, nose, lips; no jaw or cheek outline)
 * and a planarity measure over them that tells a rigid flat picture from a turning head.
 *
 * <p>Between two photos of the same flat print or screen, whatever its pose, the face's points are
 * related by a single homography; between two photos of a real head that turned, the nose and
 * brows move differently from the eyes and lips, and no homography fits them well.
 */
public final class StableLandmarks {

    /** MediaPipe FaceMesh indices: both eyes' contours, brows, nose ridge and wings, outer and inner lips. */
    public static final List<Integer> INDICES = List.of(
            // eyes
            33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7,
            263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249,
            // brows
            70, 63, 105, 66, 107, 46, 53, 52, 65, 55, 300, 293, 334, 296, 336, 276, 283, 282, 295, 285,
            // nose
            168, 6, 197, 195, 5, 4, 1, 19, 94, 2, 98, 327, 97, 326, 64, 294,
            // lips
            61, 291, 0, 37, 39, 40, 185, 267, 269, 270, 409, 17, 84, 181, 91, 146, 314, 405, 321, 375,
            78, 308, 13, 14, 82, 312, 87, 317);

    /** Outer corner of the subject's right eye (image left); with {@link #LEFT_EYE_CORNER} it normalises {@link #planarResidual}. */
    public static final int RIGHT_EYE_CORNER = 33;
    /** Outer corner of the subject's left eye (image right). */
    public static final int LEFT_EYE_CORNER = 263;

    private StableLandmarks() {}

    /**
     * How far the face in {@code b} is from a planar (homography) image of the face in {@code a}: the
     * RMS residual, in pixels of {@code b}, of the least-squares homography taking the {@link #INDICES}
     * points of {@code a} onto those of {@code b} ({@link Homography#fit}, {@link Homography#rmsResidual}),
     * divided by the distance between points 33 and 263 in {@code b}. Dimensionless; about 0 for two
     * views of one flat picture up to landmark noise.
     *
     * @param a first mesh, 468 × (x, y, z) image pixels (z ignored)
     * @param b second mesh, same layout
     * @throws IllegalArgumentException for meshes of the wrong length, non-finite or degenerate points
     */
    public static double planarResidual(double[] a, double[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int expected = 3 * FaceAnalysis.MESH_POINTS;
        if (a.length != expected || b.length != expected) {
            throw new IllegalArgumentException("meshes must hold " + expected + " values, got " + a.length + " and " + b.length);
        }
        double[] pa = select(a);
        double[] pb = select(b);
        double eyes = Math.hypot(b[3 * LEFT_EYE_CORNER] - b[3 * RIGHT_EYE_CORNER],
                b[3 * LEFT_EYE_CORNER + 1] - b[3 * RIGHT_EYE_CORNER + 1]);
        if (!(eyes > 0)) {
            throw new IllegalArgumentException("the eye corners of the second mesh coincide");
        }
        return Homography.fit(pa, pb).rmsResidual(pa, pb) / eyes;
    }

    /** The x, y of the {@link #INDICES} points of a mesh, in that order. */
    static double[] select(double[] mesh) {
        double[] xy = new double[2 * INDICES.size()];
        for (int k = 0; k < INDICES.size(); k++) {
            int i = INDICES.get(k);
            xy[2 * k] = mesh[3 * i];
            xy[2 * k + 1] = mesh[3 * i + 1];
        }
        return xy;
    }
}
