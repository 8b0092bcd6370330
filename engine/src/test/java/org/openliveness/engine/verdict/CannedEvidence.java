package org.openliveness.engine.verdict;

import java.util.Arrays;
import java.util.Random;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.embedding.Embedding;
import org.openliveness.engine.geometry.HeadPose;
import org.openliveness.engine.geometry.Rotation3;

/**
 * Canned evidence for tests of the verdict and of the session core (shared through the engine's
 * test jar): photos described by their measures, with meshes of one fixed 3-D point cloud shaped
 * like a face. A photo at yaw θ sees the cloud rotated in depth by θ and projected
 * orthographically, so two photos whose yaw differs are related by no homography; a flat picture
 * is simulated by a 2-D homography of the frontal projection ({@link #tiltedPrint}).
 */
public final class CannedEvidence {

    private static final int DIMS = 8;
    private static final String MODEL = "test-net";
    /** The session's person. */
    public static final Embedding PERSON = embedding(1.0);

    /** A face-sized 3-D point cloud, face-centred coordinates in pixels (x right, y down, z away from the camera). */
    private static final double[] HEAD = head(new Random(7));
    /** Source of image hashes: every photo gets fresh random ones, so no two photos look like one picture. */
    private static final Random HASHES = new Random(11);

    private CannedEvidence() {
    }

    /** A neutral photo of {@link #PERSON}: frontal, eyes open, mouth closed, not smiling. */
    public static Shot shot() {
        return new Shot();
    }

    /** A photo's measurements, neutral unless set: frontal, eyes open, mouth closed, not smiling. */
    public static final class Shot {
        double yaw;
        double pitch;
        double eyes = 0.9;
        double mouth = 0.02;
        double smile = 0.1;
        double[] landmarks;
        Embedding embedding = PERSON;
        ColourSample colour;
        double live = Double.NaN;

        public Shot yaw(double v) {
            yaw = v;
            return this;
        }

        public Shot pitch(double v) {
            pitch = v;
            return this;
        }

        public Shot eyes(double v) {
            eyes = v;
            return this;
        }

        public Shot mouth(double v) {
            mouth = v;
            return this;
        }

        public Shot smile(double v) {
            smile = v;
            return this;
        }

        public Shot landmarks(double[] v) {
            landmarks = v;
            return this;
        }

        public Shot colour(ColourSample v) {
            colour = v;
            return this;
        }

        public Shot embedding(Embedding v) {
            embedding = v;
            return this;
        }

        /** The presentation-attack model's live probability; not measured (NaN) unless set. */
        public Shot live(double v) {
            live = v;
            return this;
        }

        /** The mesh: the head seen at this yaw and pitch unless set. */
        public double[] landmarks() {
            if (landmarks == null) {
                landmarks = view(yaw, pitch);
            }
            return landmarks;
        }

        public PhotoEvidence evidence() {
            landmarks();
            Fingerprint fp = new Fingerprint(nextHash(), nextHash(), yaw, pitch, eyes, mouth, smile);
            return new PhotoEvidence(fp, landmarks, embedding, eyes, eyes, colour, live);
        }
    }

    private static synchronized long nextHash() {
        return HASHES.nextLong();
    }

    /** A unit vector whose similarity to {@link #PERSON} is {@code similarity}. */
    public static Embedding embedding(double similarity) {
        float[] v = new float[DIMS];
        v[0] = (float) similarity;
        v[1] = (float) Math.sqrt(1 - similarity * similarity);
        return new Embedding(MODEL, v);
    }

    /**
     * A face-like surface: points over a 160 × 200 px region whose depth has a nose bump 45 px towards
     * the camera and cheeks curving away. Point 1 is the nose tip; 33 and 263 the outer eye corners.
     */
    private static double[] head(Random random) {
        double[] p = new double[3 * FaceAnalysis.MESH_POINTS];
        for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
            double x = random.nextDouble() * 160 - 80;
            double y = random.nextDouble() * 200 - 100;
            p[3 * i] = x;
            p[3 * i + 1] = y;
            p[3 * i + 2] = depth(x, y);
        }
        setPoint(p, 1, 0, 10);
        setPoint(p, StableLandmarks.RIGHT_EYE_CORNER, -45, -30);
        setPoint(p, StableLandmarks.LEFT_EYE_CORNER, 45, -30);
        return p;
    }

    private static void setPoint(double[] p, int i, double x, double y) {
        p[3 * i] = x;
        p[3 * i + 1] = y;
        p[3 * i + 2] = depth(x, y);
    }

    private static double depth(double x, double y) {
        return -45 * Math.exp(-(x * x + (y - 10) * (y - 10)) / (2 * 18 * 18)) + 40 * (x * x / 6400 + y * y / 10000);
    }

    /**
     * The head at {@code yaw} and {@code pitch} (degrees, signs of {@link HeadPose}), projected
     * orthographically around image point (320, 240): 468 × (x, y, z) in pixels.
     */
    public static double[] view(double yaw, double pitch) {
        Rotation3 r = Rotation3.aboutX(-Math.toRadians(pitch)).multiply(Rotation3.aboutY(-Math.toRadians(yaw)));
        double[] p = r.apply(HEAD);
        for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
            p[3 * i] += 320;
            p[3 * i + 1] += 240;
        }
        return p;
    }

    /**
     * The mesh {@code mesh} as seen on a flat sheet turned by {@code degrees} about the vertical line
     * through (320, 240), for a camera with a focal length of 640 px: a homography of x and y.
     */
    public static double[] tiltedPrint(double[] mesh, double degrees) {
        double t = Math.toRadians(degrees);
        double f = 640;
        double[] out = Arrays.copyOf(mesh, mesh.length);
        for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
            double x = mesh[3 * i] - 320;
            double y = mesh[3 * i + 1] - 240;
            double w = f + x * Math.sin(t);
            out[3 * i] = 320 + f * x * Math.cos(t) / w;
            out[3 * i + 1] = 240 + f * y / w;
        }
        return out;
    }
}
