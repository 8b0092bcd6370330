package org.openliveness.devkit.synth;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.geometry.Rotation3;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.pose.PoseEstimator;

/**
 * Re-renders one photographed face with a different head pose or expression by moving its 468-point
 * mesh and warping the photo piecewise-affinely along with it.
 *
 * <p><b>Model.</b> The source face's mesh ({@link FaceAnalysis#landmarks()}, MediaPipe FaceMesh
 * order) is triangulated once together with fixed anchors: a ring of {@value #RING_POINTS} points on
 * an ellipse {@value #RING_SCALE} times the size of the mesh's extent (the face box), and the four
 * image corners. The triangulation is the Delaunay triangulation of the mesh turned to face the
 * camera, so its triangles follow the face's surface even on a turned-away cheek. A rendering moves
 * the mesh points (expressions move them in the image plane, turns rotate them in 3-D and project
 * them orthographically), keeps the anchors where they are, and draws every triangle of the source
 * into its moved position with bilinear sampling. The background, hair and neck between the face and
 * the ring stretch to stay continuous; everything outside the ring is unchanged. Triangles are drawn
 * far-to-near (painter's algorithm): first those touching an anchor, then the face's triangles in
 * order of decreasing mean depth, so after a turn the near side of the face covers the far side.
 * Nothing occluded in the source (the far side of the nose, the ear, a cheek turned away) can be
 * revealed: turning the face towards such a part stretches the visible skin at its edge, which looks
 * smeared beyond about 20°.
 *
 * <p><b>Coordinates.</b> Image pixels, origin top-left, x right, y down; mesh z is the engine's
 * relative depth in the same pixel scale, smaller = closer to the camera. Outputs have the source's
 * size.
 *
 * <p><b>Angles.</b> As in {@link org.openliveness.engine.geometry.HeadPose}: a positive yaw turns the
 * subject to their own left (the nose moves towards the image's right); a positive pitch makes them
 * look up (the nose moves up the image). The head is rotated about the centre of its mesh's 3-D
 * bounding box by {@code R = aboutY(−yaw)·aboutX(−pitch)} in the engine's frame (x right, y down,
 * z away from the camera; see {@link Rotation3}): pitch about the image's horizontal axis first,
 * then yaw about its vertical axis. The rotated mesh ({@link #landmarks}) therefore has the source's
 * {@link PoseEstimator} yaw changed by exactly {@code yaw} when pitch is 0, and its pitch changed by
 * about {@code pitch} (within 1° on the test portrait). The engine measuring the rendered photo
 * reads somewhat less where the final pose is large: on the test portrait (measured yaw +15°, pitch
 * −15°) {@code turn(+30, 0)} and {@code turn(−30, 0)} changed the measured yaw by +26° and −30°, and
 * {@code turn(0, ±20)} the measured pitch by +17° and −18°. Angles are limited to
 * ±{@value #MAX_ANGLE}°.
 *
 * <p><b>Expressions</b> ({@link Expression}) as the engine measured them on the test portrait at
 * amount 1: mouth openness 0.01 → 0.67, smile (the emotion model's P(happy)) 0.16 → 0.65, eye
 * openness 1.00 / 0.86 → 0.44 / 0.31. The face mesh never reads a synthetic closed eye as fully
 * closed.
 *
 * <p>Instances are immutable and thread-safe; rendering is deterministic (identical inputs give
 * identical bytes). Rendering a 600 × 630 photo takes about 25 ms.
 */
public final class FaceRenderer {

    /** Lip gap at {@link Expression#MOUTH_OPEN} amount 1, as a fraction of the mouth's corner-to-corner width. */
    public static final double MOUTH_GAP = 0.5;
    /** Largest accepted |yaw| and |pitch|, in degrees. */
    public static final double MAX_ANGLE = 60;

    /** Number of anchor points on the ring around the face. */
    static final int RING_POINTS = 15;
    /** Size of the anchor ellipse relative to the face box. */
    static final double RING_SCALE = 1.8;
    /** Mouth open: share of the gap by which the corners drop; lateral narrowing of the lips at amount 1. */
    static final double CORNER_DROP = 0.3;
    static final double MOUTH_NARROWING = 0.1;
    /** Smile: corner lift and outward pull as fractions of half the mouth width; spread of the pull. */
    static final double SMILE_UP = 0.55;
    static final double SMILE_OUT = 0.3;
    static final double SMILE_SPREAD = 0.7;

    /** Dark fill of an opened mouth and of the lash line of a closed eye. */
    static final int MOUTH_COLOUR = 0x2A1214;
    /** Width of the soft edge around a closed eye's skin fill, as a fraction of the eye's width. */
    static final double LID_BLEND = 0.4;
    /** Opacity at amount 1 and width (fraction of the eye's width) of a closed eye's lash line. */
    static final double LASH_OPACITY = 0.75;
    static final double LASH_WIDTH = 0.05;
    static final int LASH_COLOUR = 0x2B2120;

    static final int MOUTH_LEFT = 61;
    static final int MOUTH_RIGHT = 291;
    static final int LOWER_LIP_BOTTOM = 17;
    /** Outer and inner lip contours. */
    static final int[] LIPS = {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185,
        78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191};
    static final int[] LOWER_LIP = {146, 91, 181, 84, 17, 314, 405, 321, 375, 95, 88, 178, 87, 14, 317, 402, 318, 324};
    /** Inner lip contour, a closed polygon: upper lip from corner 78 to corner 308, lower lip back. */
    static final int[] INNER_LIPS = {78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95};

    /** Subject's right eye (image left): outer corner, upper lid outer→inner, inner corner, matching lower lid. */
    static final Eye RIGHT_EYE = new Eye(33, 133,
            new int[] {246, 161, 160, 159, 158, 157, 173},
            new int[] {7, 163, 144, 145, 153, 154, 155});
    /** Subject's left eye (image right). */
    static final Eye LEFT_EYE = new Eye(263, 362,
            new int[] {466, 388, 387, 386, 385, 384, 398},
            new int[] {249, 390, 373, 374, 380, 381, 382});

    private static final int MESH = FaceAnalysis.MESH_POINTS;

    private final RgbImage source;
    private final double[] mesh;
    /** Source 2-D positions: the mesh points, then the anchors. */
    private final double[] vertices;
    private final int[] triangles;
    /** Where each triangle corner samples the source: x, y per corner, six values per triangle. */
    private final double[] texture;
    private final double centreX, centreY, centreZ;
    /** Unit vector along the eye line (image left to right) and the face's "down" perpendicular to it. */
    private final double ux, uy, dx, dy;
    private final int skinRight, skinLeft;

    /**
     * Prepares a renderer for the face {@code face} measured in {@code source}.
     *
     * @param source the photo the face was measured in (same pixels, same orientation)
     * @param face   the face's analysis; only its landmarks and box are used
     * @throws IllegalArgumentException if landmarks are not finite or the face box's centre lies
     *                                  outside the image
     */
    public FaceRenderer(RgbImage source, FaceAnalysis face) {
        this.source = Objects.requireNonNull(source, "source");
        Objects.requireNonNull(face, "face");
        this.mesh = face.landmarks().clone();
        for (double v : mesh) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("face landmarks must be finite");
            }
        }
        double bx = face.box().centerX(), by = face.box().centerY();
        if (!(bx >= 0 && bx <= source.width() - 1 && by >= 0 && by <= source.height() - 1)) {
            throw new IllegalArgumentException("face box " + face.box() + " is not centred inside the "
                    + source.width() + "x" + source.height() + " image");
        }
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < MESH; i++) {
            for (int k = 0; k < 3; k++) {
                lo[k] = Math.min(lo[k], mesh[3 * i + k]);
                hi[k] = Math.max(hi[k], mesh[3 * i + k]);
            }
        }
        centreX = (lo[0] + hi[0]) / 2;
        centreY = (lo[1] + hi[1]) / 2;
        centreZ = (lo[2] + hi[2]) / 2;
        double ex = x(LEFT_EYE.outer) - x(RIGHT_EYE.outer), ey = y(LEFT_EYE.outer) - y(RIGHT_EYE.outer);
        double len = Math.hypot(ex, ey);
        if (!(len > 0)) {
            throw new IllegalArgumentException("the eye corners coincide");
        }
        ux = ex / len;
        uy = ey / len;
        dx = -uy;
        dy = ux;
        double[] anchors = anchors(source, hi[0] - lo[0], hi[1] - lo[1]);
        vertices = vertices(mesh, anchors);
        double[] frontal = vertices(frontal(), anchors);
        triangles = Delaunay.triangulate(frontal);
        texture = texture(frontal);
        skinRight = skinColour(RIGHT_EYE);
        skinLeft = skinColour(LEFT_EYE);
    }

    /** The photo this renderer warps. */
    public RgbImage source() {
        return source;
    }

    /**
     * The head turned by {@code yawDegrees} and {@code pitchDegrees} (see the class comment for the
     * sign conventions), expression unchanged.
     *
     * @throws IllegalArgumentException for angles that are not finite or exceed ±{@value #MAX_ANGLE}°
     */
    public RgbImage turn(double yawDegrees, double pitchDegrees) {
        return render(yawDegrees, pitchDegrees, Map.of());
    }

    /**
     * The face with {@code expression} applied at {@code amount} (0 = as photographed, 1 = full),
     * pose unchanged.
     *
     * @throws IllegalArgumentException if {@code amount} is outside {@code [0, 1]}
     */
    public RgbImage expression(Expression expression, double amount) {
        Objects.requireNonNull(expression, "expression");
        return render(0, 0, Map.of(expression, amount));
    }

    /**
     * The face with the given expressions applied (their mesh displacements add up) and then turned
     * by yaw and pitch.
     *
     * @param amounts expression → amount in {@code [0, 1]}; may be empty
     * @throws IllegalArgumentException for angles that are not finite or exceed ±{@value #MAX_ANGLE}°,
     *                                  or amounts outside {@code [0, 1]}
     */
    public RgbImage render(double yawDegrees, double pitchDegrees, Map<Expression, Double> amounts) {
        Map<Expression, Double> checked = check(yawDegrees, pitchDegrees, amounts);
        Rotation3 r = rotation(yawDegrees, pitchDegrees);
        double[] moved = rotate(expressed(checked), r);
        double[] turnedSource = rotate(mesh, r);

        double[] target = vertices.clone();
        for (int i = 0; i < MESH; i++) {
            target[2 * i] = moved[3 * i];
            target[2 * i + 1] = moved[3 * i + 1];
        }
        Raster out = Raster.copyOf(source);
        double[] s = new double[6];
        double[] d = new double[6];
        for (int t : drawingOrder(moved)) {
            for (int k = 0; k < 3; k++) {
                int v = triangles[3 * t + k];
                s[2 * k] = texture[6 * t + 2 * k];
                s[2 * k + 1] = texture[6 * t + 2 * k + 1];
                d[2 * k] = target[2 * v];
                d[2 * k + 1] = target[2 * v + 1];
            }
            out.drawTriangle(source, s, d);
        }
        double mouth = checked.getOrDefault(Expression.MOUTH_OPEN, 0.0);
        if (mouth > 0) {
            out.fillPolygon(polygon(moved, INNER_LIPS), MOUTH_COLOUR, 1, 1);
        }
        double eyes = checked.getOrDefault(Expression.EYES_CLOSED, 0.0);
        if (eyes > 0) {
            closeEye(out, RIGHT_EYE, turnedSource, moved, skinRight, eyes);
            closeEye(out, LEFT_EYE, turnedSource, moved, skinLeft, eyes);
        }
        return out.toImage();
    }

    /**
     * Where {@link #render} draws the mesh: 468 × (x, y, z) in output pixels, z in the source's
     * depth scale. The engine's landmarks on the rendered photo approximate these points.
     *
     * @throws IllegalArgumentException under the same conditions as {@link #render}
     */
    public double[] landmarks(double yawDegrees, double pitchDegrees, Map<Expression, Double> amounts) {
        Map<Expression, Double> checked = check(yawDegrees, pitchDegrees, amounts);
        return rotate(expressed(checked), rotation(yawDegrees, pitchDegrees));
    }

    private static Map<Expression, Double> check(double yaw, double pitch, Map<Expression, Double> amounts) {
        Objects.requireNonNull(amounts, "amounts");
        if (!(Math.abs(yaw) <= MAX_ANGLE) || !(Math.abs(pitch) <= MAX_ANGLE)) {
            throw new IllegalArgumentException("yaw and pitch must be finite and within ±" + MAX_ANGLE
                    + "°, got " + yaw + ", " + pitch);
        }
        Map<Expression, Double> copy = new EnumMap<>(Expression.class);
        for (Map.Entry<Expression, Double> e : amounts.entrySet()) {
            double a = Objects.requireNonNull(e.getValue(), "amount");
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("amount of " + e.getKey() + " must be in [0, 1], got " + a);
            }
            copy.put(Objects.requireNonNull(e.getKey(), "expression"), a);
        }
        return copy;
    }

    /** The rotation of the head for a change of yaw and pitch, in the engine's frame (see HeadPose). */
    static Rotation3 rotation(double yawDegrees, double pitchDegrees) {
        return Rotation3.aboutY(Math.toRadians(-yawDegrees)).multiply(Rotation3.aboutX(Math.toRadians(-pitchDegrees)));
    }

    private double[] rotate(double[] points, Rotation3 r) {
        double[] centred = new double[points.length];
        for (int i = 0; i < MESH; i++) {
            centred[3 * i] = points[3 * i] - centreX;
            centred[3 * i + 1] = points[3 * i + 1] - centreY;
            centred[3 * i + 2] = points[3 * i + 2] - centreZ;
        }
        double[] out = r.apply(centred);
        for (int i = 0; i < MESH; i++) {
            out[3 * i] += centreX;
            out[3 * i + 1] += centreY;
            out[3 * i + 2] += centreZ;
        }
        return out;
    }

    /** The source mesh with the expressions' in-plane displacements added (z unchanged). */
    private double[] expressed(Map<Expression, Double> amounts) {
        double[] out = mesh.clone();
        for (Map.Entry<Expression, Double> e : amounts.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            switch (e.getKey()) {
                case MOUTH_OPEN -> openMouth(out, e.getValue());
                case SMILE -> smile(out, e.getValue());
                case EYES_CLOSED -> {
                    closeLids(out, RIGHT_EYE, e.getValue());
                    closeLids(out, LEFT_EYE, e.getValue());
                }
            }
        }
        return out;
    }

    /**
     * Lower lip, chin and jaw move down the face by up to {@code gap = amount·MOUTH_GAP·mouth width}.
     * With {@code a} the offset along the eye line from the mouth centre and {@code hw} half the
     * mouth width: lower-lip points move by {@code gap·(c + (1 − c)·√(1 − (a/hw)²))} with
     * {@code c = }{@value #CORNER_DROP}, so the opening is rounded; the corners drop by {@code c·gap};
     * skin below the mouth moves by the gap times a ramp that reaches 1 at the lower lip's bottom and
     * fades out towards the jaw's sides. All lip points are also drawn towards the mouth's centre line
     * by {@value #MOUTH_NARROWING} of their offset times the amount, as a dropping jaw narrows the mouth.
     */
    private void openMouth(double[] out, double amount) {
        double mx = (x(MOUTH_LEFT) + x(MOUTH_RIGHT)) / 2, my = (y(MOUTH_LEFT) + y(MOUTH_RIGHT)) / 2;
        double hw = Math.hypot(x(MOUTH_RIGHT) - x(MOUTH_LEFT), y(MOUTH_RIGHT) - y(MOUTH_LEFT)) / 2;
        double gap = amount * MOUTH_GAP * 2 * hw;
        double lipDepth = Math.max(1, (x(LOWER_LIP_BOTTOM) - mx) * dx + (y(LOWER_LIP_BOTTOM) - my) * dy);
        double faceHalf = hw;
        for (int i = 0; i < MESH; i++) {
            faceHalf = Math.max(faceHalf, Math.abs((x(i) - mx) * ux + (y(i) - my) * uy));
        }
        boolean[] lowerLip = new boolean[MESH];
        for (int i : LOWER_LIP) {
            lowerLip[i] = true;
        }
        boolean[] lips = new boolean[MESH];
        for (int i : LIPS) {
            lips[i] = true;
        }
        for (int i = 0; i < MESH; i++) {
            double a = (x(i) - mx) * ux + (y(i) - my) * uy;
            double b = (x(i) - mx) * dx + (y(i) - my) * dy;
            double w;
            if (lowerLip[i]) {
                w = CORNER_DROP + (1 - CORNER_DROP) * Math.sqrt(Math.max(0, 1 - (a / hw) * (a / hw)));
            } else if (lips[i]) {
                w = i == MOUTH_LEFT || i == MOUTH_RIGHT || i == INNER_LIPS[0] || i == INNER_LIPS[10] ? CORNER_DROP : 0;
            } else if (b > 0) {
                double side = Math.abs(a) <= hw ? 0 : (Math.abs(a) - hw) / (faceHalf - hw + 1e-9);
                w = (1 - smoothstep(side)) * Math.min(1, b / lipDepth);
            } else {
                w = 0;
            }
            double inward = lips[i] ? -MOUTH_NARROWING * amount * a : 0;
            out[3 * i] += w * gap * dx + inward * ux;
            out[3 * i + 1] += w * gap * dy + inward * uy;
        }
    }

    /**
     * Each mouth corner pulls the points around it up the face and outwards along the eye line, with
     * a Gaussian weight of spread {@value #SMILE_SPREAD} half mouth widths.
     */
    private void smile(double[] out, double amount) {
        double hw = Math.hypot(x(MOUTH_RIGHT) - x(MOUTH_LEFT), y(MOUTH_RIGHT) - y(MOUTH_LEFT)) / 2;
        double sigma2 = 2 * (SMILE_SPREAD * hw) * (SMILE_SPREAD * hw);
        int[] corners = {MOUTH_LEFT, MOUTH_RIGHT};
        for (int c = 0; c < 2; c++) {
            int corner = corners[c];
            double outward = c == 0 ? -1 : 1;
            double mvx = amount * hw * (SMILE_OUT * outward * ux - SMILE_UP * dx);
            double mvy = amount * hw * (SMILE_OUT * outward * uy - SMILE_UP * dy);
            for (int i = 0; i < MESH; i++) {
                double r2 = sq(x(i) - x(corner)) + sq(y(i) - y(corner));
                double w = Math.exp(-r2 / sigma2);
                out[3 * i] += w * mvx;
                out[3 * i + 1] += w * mvy;
            }
        }
    }

    /** Each upper-lid point moves towards its lower-lid partner by {@code amount}. */
    private void closeLids(double[] out, Eye eye, double amount) {
        for (int k = 0; k < eye.upper.length; k++) {
            int u = eye.upper[k], l = eye.lower[k];
            out[3 * u] += amount * (x(l) - x(u));
            out[3 * u + 1] += amount * (y(l) - y(u));
        }
    }

    /**
     * Paints the part of the eye opening the lowered lid now covers (between the source's upper lid,
     * turned like the head, and the moved lid) with lid skin, and draws a lash line along the moved lid.
     */
    private static void closeEye(Raster out, Eye eye, double[] turnedSource, double[] moved, int skin, double amount) {
        int n = eye.upper.length;
        double[] covered = new double[2 * (2 * n + 2)];
        int o = 0;
        o = put(covered, o, moved, eye.outer);
        for (int k = 0; k < n; k++) {
            o = put(covered, o, turnedSource, eye.upper[k]);
        }
        o = put(covered, o, moved, eye.inner);
        for (int k = n - 1; k >= 0; k--) {
            o = put(covered, o, moved, eye.upper[k]);
        }
        double[] lid = new double[2 * (n + 2)];
        o = put(lid, 0, moved, eye.outer);
        for (int k = 0; k < n; k++) {
            o = put(lid, o, moved, eye.upper[k]);
        }
        put(lid, o, moved, eye.inner);
        double width = Math.hypot(moved[3 * eye.outer] - moved[3 * eye.inner], moved[3 * eye.outer + 1] - moved[3 * eye.inner + 1]);
        out.fillPolygon(covered, skin, 1, Math.max(1, LID_BLEND * width));
        out.strokePolyline(lid, LASH_COLOUR, LASH_OPACITY * amount, Math.max(1, LASH_WIDTH * width));
    }

    private static int put(double[] poly, int o, double[] points, int i) {
        poly[o] = points[3 * i];
        poly[o + 1] = points[3 * i + 1];
        return o + 2;
    }

    private static double[] polygon(double[] points, int[] indices) {
        double[] poly = new double[2 * indices.length];
        for (int k = 0; k < indices.length; k++) {
            put(poly, 2 * k, points, indices[k]);
        }
        return poly;
    }

    /**
     * Triangles touching an anchor first (in triangulation order), then the face's triangles from the
     * largest mean depth (farthest) to the smallest; ties keep triangulation order.
     */
    private int[] drawingOrder(double[] moved) {
        int count = triangles.length / 3;
        Integer[] order = new Integer[count];
        double[] depth = new double[count];
        for (int t = 0; t < count; t++) {
            order[t] = t;
            int a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
            depth[t] = a >= MESH || b >= MESH || c >= MESH
                    ? Double.POSITIVE_INFINITY
                    : (moved[3 * a + 2] + moved[3 * b + 2] + moved[3 * c + 2]) / 3;
        }
        Arrays.sort(order, (p, q) -> Double.compare(depth[q], depth[p]));
        int[] out = new int[count];
        for (int t = 0; t < count; t++) {
            out[t] = order[t];
        }
        return out;
    }

    /**
     * The anchors: {@value #RING_POINTS} points on an ellipse around the mesh's centre with semi-axes
     * {@value #RING_SCALE}/2 times the mesh's width and height (starting off-axis so that no four are
     * concyclic), keeping those at least 1 px inside the image, then the four image corners.
     */
    private double[] anchors(RgbImage image, double meshWidth, double meshHeight) {
        int w = image.width(), h = image.height();
        double[] pts = new double[2 * (RING_POINTS + 4)];
        int n = 0;
        for (int k = 0; k < RING_POINTS; k++) {
            double angle = 2 * Math.PI * k / RING_POINTS + 0.1;
            double x = centreX + RING_SCALE / 2 * meshWidth * Math.cos(angle);
            double y = centreY + RING_SCALE / 2 * meshHeight * Math.sin(angle);
            if (x >= 1 && x <= w - 2 && y >= 1 && y <= h - 2) {
                pts[2 * n] = x;
                pts[2 * n + 1] = y;
                n++;
            }
        }
        double[][] corners = {{0, 0}, {w - 1, 0}, {w - 1, h - 1}, {0, h - 1}};
        for (double[] c : corners) {
            pts[2 * n] = c[0];
            pts[2 * n + 1] = c[1];
            n++;
        }
        return Arrays.copyOf(pts, 2 * n);
    }

    /**
     * The mesh turned to face the camera (the inverse of its measured head rotation, about the mesh's
     * centre), so that its 2-D layout follows the face's surface even where the photographed face
     * folds over itself at a turned-away cheek.
     */
    private double[] frontal() {
        Rotation3 pose = PoseEstimator.bundled().rotation(mesh);
        return rotate(mesh, pose.transpose());
    }

    /**
     * Texture coordinates per triangle corner. Normally a corner samples the source at its vertex.
     * Where the photographed face folds over itself (a cheek turned away from the camera), face
     * triangles are mirrored in the source relative to the frontal layout and their pixels are
     * hidden. A mesh vertex all of whose face triangles are mirrored is hidden too; every corner at
     * such a vertex samples instead at the nearest (in the frontal layout) visible mesh vertex, which
     * lies on the face's visible edge. A turn that reveals the fold then stretches the skin at that
     * edge, and the hair beside it, rather than slivers of the fold. An unturned rendering reproduces
     * the source except for hair squeezed by a few pixels where it meets such a fold.
     */
    private double[] texture(double[] frontal) {
        int count = triangles.length / 3;
        boolean[] mirrored = new boolean[count];
        boolean[] visible = new boolean[MESH];
        for (int t = 0; t < count; t++) {
            int a = triangles[3 * t], b = triangles[3 * t + 1], c = triangles[3 * t + 2];
            if (a >= MESH || b >= MESH || c >= MESH) {
                continue;
            }
            double cross = (vertices[2 * b] - vertices[2 * a]) * (vertices[2 * c + 1] - vertices[2 * a + 1])
                    - (vertices[2 * b + 1] - vertices[2 * a + 1]) * (vertices[2 * c] - vertices[2 * a]);
            mirrored[t] = cross < 0;
            if (!mirrored[t]) {
                visible[a] = true;
                visible[b] = true;
                visible[c] = true;
            }
        }
        double[] tex = new double[6 * count];
        for (int t = 0; t < count; t++) {
            for (int k = 0; k < 3; k++) {
                int v = triangles[3 * t + k];
                int from = v >= MESH || visible[v] ? v : nearestVisible(frontal, visible, v);
                tex[6 * t + 2 * k] = vertices[2 * from];
                tex[6 * t + 2 * k + 1] = vertices[2 * from + 1];
            }
        }
        return tex;
    }

    private static int nearestVisible(double[] frontal, boolean[] visible, int v) {
        int best = v;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MESH; i++) {
            double d = sq(frontal[2 * i] - frontal[2 * v]) + sq(frontal[2 * i + 1] - frontal[2 * v + 1]);
            if (visible[i] && d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static double[] vertices(double[] mesh, double[] anchors) {
        double[] v = new double[2 * MESH + anchors.length];
        for (int i = 0; i < MESH; i++) {
            v[2 * i] = mesh[3 * i];
            v[2 * i + 1] = mesh[3 * i + 1];
        }
        System.arraycopy(anchors, 0, v, 2 * MESH, anchors.length);
        return v;
    }

    /**
     * Median colour of the skin just above the upper lid and just below the lower lid (a quarter of
     * the eye's width away from the lid, at the five middle lid points of each).
     */
    private int skinColour(Eye eye) {
        double width = Math.hypot(x(eye.outer) - x(eye.inner), y(eye.outer) - y(eye.inner));
        double off = 0.25 * width;
        int[][] channels = new int[3][10];
        int n = 0;
        for (int k = 1; k < eye.upper.length - 1; k++) {
            for (int side = 0; side < 2; side++) {
                int p = side == 0 ? eye.upper[k] : eye.lower[k];
                double sign = side == 0 ? -1 : 1;
                int px = clamp((int) Math.round(x(p) + sign * off * dx), source.width());
                int py = clamp((int) Math.round(y(p) + sign * off * dy), source.height());
                int rgb = source.rgbAt(px, py);
                channels[0][n] = (rgb >> 16) & 0xFF;
                channels[1][n] = (rgb >> 8) & 0xFF;
                channels[2][n] = rgb & 0xFF;
                n++;
            }
        }
        int colour = 0;
        for (int c = 0; c < 3; c++) {
            int[] v = Arrays.copyOf(channels[c], n);
            Arrays.sort(v);
            colour = (colour << 8) | ((v[(n - 1) / 2] + v[n / 2]) / 2);
        }
        return colour;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    private static double smoothstep(double t) {
        double c = Math.max(0, Math.min(1, t));
        return c * c * (3 - 2 * c);
    }

    private static double sq(double v) {
        return v * v;
    }

    private double x(int i) {
        return mesh[3 * i];
    }

    private double y(int i) {
        return mesh[3 * i + 1];
    }

    /** Mesh indices of one eye: corners, and upper-lid points (outer to inner) with their lower-lid partners. */
    record Eye(int outer, int inner, int[] upper, int[] lower) {}
}
