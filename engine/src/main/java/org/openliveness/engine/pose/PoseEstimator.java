package org.openliveness.engine.pose;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.openliveness.engine.geometry.HeadPose;
import org.openliveness.engine.geometry.Kabsch;
import org.openliveness.engine.geometry.Rotation3;

/**
 * Head pose from the 468-point mesh: both the observed mesh and a canonical frontal mesh
 * are centred and scaled to unit RMS, the rotation taking the canonical mesh onto the
 * observed one is fitted (Kabsch), and yaw, pitch and roll are read off it
 * ({@link HeadPose#fromRotation}). The canonical mesh ({@code canonical-face.txt}) is the
 * Procrustes mean of frontal faces, levelled by its left–right symmetry; the development kit's
 * {@code org.openliveness.devkit.pose.CanonicalFace} builds it. Thread-safe.
 */
public final class PoseEstimator {

    static final String RESOURCE = "canonical-face.txt";

    private final double[] canonical;

    private PoseEstimator(double[] canonical) {
        this.canonical = Kabsch.centreAndScale(canonical);
    }

    /** The estimator with the bundled canonical mesh. */
    public static PoseEstimator bundled() {
        try (InputStream in = PoseEstimator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("canonical face mesh " + RESOURCE + " is missing from the class path");
            }
            return new PoseEstimator(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An estimator measuring pose relative to the given canonical mesh (468 × x, y, z). */
    public static PoseEstimator of(double[] canonical) {
        return new PoseEstimator(canonical.clone());
    }

    /** The pose of an observed mesh (468 × x, y, z in image pixels). */
    public HeadPose estimate(double[] mesh) {
        return HeadPose.fromRotation(rotation(mesh));
    }

    /** The rotation taking the canonical mesh onto the observed one. */
    public Rotation3 rotation(double[] mesh) {
        return Kabsch.fit(canonical, Kabsch.centreAndScale(mesh));
    }

    static double[] read(InputStream in) throws IOException {
        double[] xyz = new double[468 * 3];
        int i = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String part : line.split("\\s+")) {
                if (i >= xyz.length) {
                    throw new IOException("canonical mesh has more than 468 points");
                }
                xyz[i++] = Double.parseDouble(part);
            }
        }
        if (i != xyz.length) {
            throw new IOException("canonical mesh has " + i / 3 + " points, expected 468");
        }
        return xyz;
    }
}
