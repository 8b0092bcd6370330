package org.openliveness.devkit.synth;

import java.util.Arrays;
import java.util.Objects;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.geometry.Homography;
import org.openliveness.engine.geometry.Matrix3;
import org.openliveness.engine.image.RgbImage;

/**
 * A photo seen as a flat print or screen held in front of a camera: the whole picture moves as one
 * rigid sheet, so its face keeps its photographed 3-D shape whatever the sheet does.
 *
 * <p><b>Camera model.</b> A pinhole camera with focal length {@link #focalLength()} (the photo's
 * width, in pixels) whose optical axis passes through the pivot {@code (centreX, centreY)}, usually
 * the face's centre. The sheet starts facing the camera at distance {@code f}, so it first appears
 * exactly as the photo; the pivot stays in place in every rendering.
 *
 * <p><b>Coordinates and signs.</b> Image pixels, origin top-left, x right, y down. {@link #tilt} with
 * a positive angle turns the sheet about the vertical line through the pivot so that its right-hand
 * side (larger x) moves away from the camera, like a head with positive yaw (see
 * {@link org.openliveness.engine.geometry.HeadPose}) turns its image-right cheek away.
 * {@link #rotate} with a positive angle turns the picture clockwise on screen, the sign of a positive
 * roll. Output pixels that see no part of the sheet get the background colour.
 *
 * <p>Instances are immutable and thread-safe; results are deterministic.
 */
public final class FlatAttack {

    /** Background of output pixels outside the sheet: mid grey. */
    public static final int DEFAULT_BACKGROUND = 0x808080;
    /** Largest accepted |angle| for {@link #tilt} and {@link #bend}, in degrees. */
    public static final double MAX_TILT = 80;

    private final RgbImage photo;
    private final double centreX;
    private final double centreY;
    private final int background;

    /**
     * @param photo      the picture on the sheet
     * @param centreX    pivot x in photo pixels (must lie within the photo)
     * @param centreY    pivot y in photo pixels (must lie within the photo)
     * @param background colour {@code 0xRRGGBB} around the sheet
     * @throws IllegalArgumentException if the pivot is outside the photo or the colour has bits above 24
     */
    public FlatAttack(RgbImage photo, double centreX, double centreY, int background) {
        this.photo = Objects.requireNonNull(photo, "photo");
        if (!(centreX >= 0 && centreX <= photo.width() - 1 && centreY >= 0 && centreY <= photo.height() - 1)) {
            throw new IllegalArgumentException("pivot (" + centreX + ", " + centreY + ") is outside the "
                    + photo.width() + "x" + photo.height() + " photo");
        }
        if ((background & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("background must be 0xRRGGBB, got 0x" + Integer.toHexString(background));
        }
        this.centreX = centreX;
        this.centreY = centreY;
        this.background = background;
    }

    /** A sheet pivoting about the centre of {@code face}'s box, on a {@link #DEFAULT_BACKGROUND} background. */
    public static FlatAttack around(RgbImage photo, FaceAnalysis face) {
        Objects.requireNonNull(face, "face");
        return new FlatAttack(photo, face.box().centerX(), face.box().centerY(), DEFAULT_BACKGROUND);
    }

    /** The camera's focal length in pixels: the photo's width. */
    public double focalLength() {
        return photo.width();
    }

    /**
     * The homography taking photo pixels to output pixels for a sheet turned by {@code degrees} about
     * the vertical axis through the pivot: with {@code X = x − centreX}, {@code Y = y − centreY} and
     * {@code f} the focal length, {@code x' = centreX + f·X·cos θ / (f + X·sin θ)} and
     * {@code y' = centreY + f·Y / (f + X·sin θ)}.
     *
     * @throws IllegalArgumentException unless {@code |degrees| ≤} {@value #MAX_TILT}
     */
    public Homography tiltHomography(double degrees) {
        checkTilt(degrees);
        double t = Math.toRadians(degrees);
        double f = focalLength();
        double[] centred = {Math.cos(t), 0, 0, 0, 1, 0, Math.sin(t) / f, 0, 1};
        return Homography.of(aboutPivot(centred));
    }

    /**
     * The homography of an in-plane rotation by {@code degrees} about the pivot, clockwise on screen
     * for positive angles.
     *
     * @throws IllegalArgumentException if {@code degrees} is not finite
     */
    public Homography rotationHomography(double degrees) {
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("degrees must be finite, got " + degrees);
        }
        double t = Math.toRadians(degrees);
        double c = Math.cos(t), s = Math.sin(t);
        return Homography.of(aboutPivot(new double[] {c, -s, 0, s, c, 0, 0, 0, 1}));
    }

    /** The sheet turned by {@code degrees} about the vertical axis through the pivot (see {@link #tiltHomography}). */
    public RgbImage tilt(double degrees) {
        return warp(tiltHomography(degrees));
    }

    /** The picture rotated in its plane by {@code degrees}, clockwise on screen for positive angles. */
    public RgbImage rotate(double degrees) {
        return warp(rotationHomography(degrees));
    }

    /** {@link #bend(double, double)} with a bend radius equal to the photo's width. */
    public RgbImage bend(double degrees) {
        return bend(degrees, photo.width());
    }

    /**
     * The sheet bent around a vertical cylinder of radius {@code radius} pixels, bulging towards the
     * camera at the pivot's column, and then turned by {@code degrees} about the vertical axis through
     * the pivot (same sign as {@link #tilt}). A photo column at horizontal distance {@code s} from the
     * pivot lies at angle {@code φ = s / radius} around the cylinder, at {@code X = r·sin φ} and depth
     * {@code r·(1 − cos φ)} behind the pivot before the turn. Parts of the sheet facing away from the
     * camera are not drawn; where the sheet overlaps itself the nearer part is shown.
     *
     * @throws IllegalArgumentException unless {@code |degrees| ≤} {@value #MAX_TILT} and the radius is
     *                                  positive and finite
     */
    public RgbImage bend(double degrees, double radius) {
        checkTilt(degrees);
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be positive and finite, got " + radius);
        }
        int w = photo.width(), h = photo.height();
        double t = Math.toRadians(degrees);
        double cos = Math.cos(t), sin = Math.sin(t);
        double f = focalLength();
        // For every output column: the photo column seen there and its distance from the camera.
        double[] column = new double[w];
        double[] depth = new double[w];
        Arrays.fill(depth, Double.POSITIVE_INFINITY);
        int steps = 4 * w;
        double prevX = 0, prevDepth = 0, prevS = 0;
        boolean prevVisible = false;
        for (int k = 0; k <= steps; k++) {
            double s = -0.5 + (double) w * k / steps;
            double phi = (s - centreX) / radius;
            double bx = radius * Math.sin(phi), bz = radius * (1 - Math.cos(phi));
            double px = bx * cos - bz * sin;
            double pz = f + bx * sin + bz * cos;
            // Outward normal (towards the camera before the turn) is (sin φ, −cos φ), turned likewise.
            double nx = Math.sin(phi + t), nz = -Math.cos(phi + t);
            boolean visible = pz > 1e-6 * f && px * nx + pz * nz < 0;
            double ox = visible ? centreX + f * px / pz : 0;
            if (visible && prevVisible) {
                int lo = (int) Math.ceil(Math.min(prevX, ox)), hi = (int) Math.floor(Math.max(prevX, ox));
                for (int i = Math.max(0, lo); i <= Math.min(w - 1, hi); i++) {
                    double a = ox == prevX ? 0 : (i - prevX) / (ox - prevX);
                    double d = prevDepth + a * (pz - prevDepth);
                    if (d < depth[i]) {
                        depth[i] = d;
                        column[i] = prevS + a * (s - prevS);
                    }
                }
            }
            prevVisible = visible;
            prevX = ox;
            prevDepth = pz;
            prevS = s;
        }
        Raster out = Raster.filled(w, h, background);
        for (int i = 0; i < w; i++) {
            if (depth[i] == Double.POSITIVE_INFINITY) {
                continue;
            }
            double scale = depth[i] / f;
            for (int j = 0; j < h; j++) {
                double sy = centreY + (j - centreY) * scale;
                if (sy >= -0.5 && sy <= h - 0.5) {
                    out.copySample(photo, column[i], sy, j * w + i);
                }
            }
        }
        return out.toImage();
    }

    /**
     * The photo mapped by {@code photoToOutput} into an output of the photo's size: each output pixel
     * samples the photo bilinearly at the inverse-mapped point; pixels mapping outside the photo (by
     * more than half a pixel) or from behind the camera get the background.
     *
     * @throws IllegalArgumentException if the homography is singular
     */
    public RgbImage warp(Homography photoToOutput) {
        Objects.requireNonNull(photoToOutput, "photoToOutput");
        double[] m = photoToOutput.toArray();
        double[] inv = Matrix3.invert(m);
        int w = photo.width(), h = photo.height();
        Raster out = Raster.filled(w, h, background);
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double sw = inv[6] * i + inv[7] * j + inv[8];
                double sx = (inv[0] * i + inv[1] * j + inv[2]) / sw;
                double sy = (inv[3] * i + inv[4] * j + inv[5]) / sw;
                if (!(sx >= -0.5 && sx <= w - 0.5 && sy >= -0.5 && sy <= h - 0.5)) {
                    continue;
                }
                // The photo point must be in front of the camera: positive w in the forward map.
                if (!(m[6] * sx + m[7] * sy + m[8] > 0)) {
                    continue;
                }
                out.copySample(photo, sx, sy, j * w + i);
            }
        }
        return out.toImage();
    }

    /** {@code T(c)·H·T(−c)}: a transform given about the pivot, expressed in pixel coordinates. */
    private double[] aboutPivot(double[] centred) {
        double[] toCentre = {1, 0, -centreX, 0, 1, -centreY, 0, 0, 1};
        double[] back = {1, 0, centreX, 0, 1, centreY, 0, 0, 1};
        return Matrix3.multiply(back, Matrix3.multiply(centred, toCentre));
    }

    private static void checkTilt(double degrees) {
        if (!(Math.abs(degrees) <= MAX_TILT)) {
            throw new IllegalArgumentException("angle must be within ±" + MAX_TILT + "°, got " + degrees);
        }
    }
}
