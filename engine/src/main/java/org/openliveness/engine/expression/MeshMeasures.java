package org.openliveness.engine.expression;


/**
 * Eye and mouth openness from the 468-point mesh (MediaPipe FaceMesh indices), as aspect
 * ratios: mean gap between facing lid (or lip) points over the distance between the corners.
 * Ratios are in the image plane, so they are independent of face size.
 *
 * <p>The mapping from ratio to a 0..1 openness is a linear rescale between the ratio of a
 * closed and a fully open eye (or mouth); the end points are set from the measurements in
 * {@code docs/ACCURACY.md} and are not probabilities.
 */
public final class MeshMeasures {

    /** Subject's right eye (image left): corners 33, 133; lid pairs. */
    private static final int[][] RIGHT_EYE_LIDS = {{160, 144}, {159, 145}, {158, 153}};
    private static final int[] RIGHT_EYE_CORNERS = {33, 133};
    /** Subject's left eye (image right): corners 362, 263; lid pairs. */
    private static final int[][] LEFT_EYE_LIDS = {{385, 380}, {386, 374}, {387, 373}};
    private static final int[] LEFT_EYE_CORNERS = {362, 263};
    /** Inner lips: gaps 13–14, 82–87, 312–317 over corners 78–308. */
    private static final int[][] INNER_LIPS = {{13, 14}, {82, 87}, {312, 317}};
    private static final int[] MOUTH_CORNERS = {78, 308};

    /** Eye aspect ratio of a closed eye and of a wide-open eye. */
    static final double EYE_CLOSED = 0.12;
    static final double EYE_OPEN = 0.32;
    /** Inner-lip aspect ratio of a closed mouth and of a wide-open one. */
    static final double MOUTH_CLOSED = 0.05;
    static final double MOUTH_OPEN = 0.70;

    private MeshMeasures() {}

    public static EyeOpenness eyes(double[] mesh) {
        double right = ratio(mesh, RIGHT_EYE_LIDS, RIGHT_EYE_CORNERS);
        double left = ratio(mesh, LEFT_EYE_LIDS, LEFT_EYE_CORNERS);
        return new EyeOpenness(rescale(left, EYE_CLOSED, EYE_OPEN), rescale(right, EYE_CLOSED, EYE_OPEN), left, right);
    }

    /** The inner-lip aspect ratio. */
    public static double mouthRatio(double[] mesh) {
        return ratio(mesh, INNER_LIPS, MOUTH_CORNERS);
    }

    /** Mouth openness, 0..1, from {@link #mouthRatio}. */
    public static double mouthOpenness(double ratio) {
        return rescale(ratio, MOUTH_CLOSED, MOUTH_OPEN);
    }

    static double ratio(double[] mesh, int[][] gaps, int[] corners) {
        double sum = 0;
        for (int[] gap : gaps) {
            sum += distance(mesh, gap[0], gap[1]);
        }
        double width = distance(mesh, corners[0], corners[1]);
        return width <= 0 ? 0 : sum / gaps.length / width;
    }

    static double distance(double[] mesh, int i, int j) {
        return Math.hypot(mesh[3 * i] - mesh[3 * j], mesh[3 * i + 1] - mesh[3 * j + 1]);
    }

    static double rescale(double value, double lo, double hi) {
        return Math.max(0, Math.min(1, (value - lo) / (hi - lo)));
    }
}
