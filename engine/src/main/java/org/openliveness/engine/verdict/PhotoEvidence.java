package org.openliveness.engine.verdict;

import java.util.Objects;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.embedding.Embedding;
import org.openliveness.engine.image.RgbImage;

/**
 * What the verdict needs from one photo with one usable face. {@code landmarks} and
 * {@code embedding} are biometric data: store them encrypted, drop them when the session ends.
 *
 * @param fingerprint hashes and measurements for the replay check
 * @param landmarks   the 468 mesh points, x, y, z in photo pixels (as {@link FaceAnalysis#landmarks()})
 * @param embedding   the face template
 * @param leftEye     openness 0..1 of the subject's left eye
 * @param rightEye    openness 0..1 of the subject's right eye
 * @param colour      the face's and its surround's mean colour, for the screen-light check; null when
 *                    not measured (evidence sealed before it was)
 * @param live        the presentation-attack model's live probability 0..1, or NaN when it was not
 *                    measured (the engine runs no such model, or the evidence was stored before it did)
 */
public record PhotoEvidence(Fingerprint fingerprint, double[] landmarks, Embedding embedding, double leftEye, double rightEye,
                            ColourSample colour, double live) {

    public PhotoEvidence {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(embedding, "embedding");
        if (landmarks.length != 3 * FaceAnalysis.MESH_POINTS) {
            throw new IllegalArgumentException("expected " + 3 * FaceAnalysis.MESH_POINTS + " landmark values, got " + landmarks.length);
        }
        if (!Double.isNaN(live) && !(live >= 0 && live <= 1)) {
            throw new IllegalArgumentException("expected a live probability in 0..1 or NaN (not measured), got " + live);
        }
    }

    /** Evidence without a colour sample or a live probability (neither measured). */
    public PhotoEvidence(Fingerprint fingerprint, double[] landmarks, Embedding embedding, double leftEye, double rightEye) {
        this(fingerprint, landmarks, embedding, leftEye, rightEye, null, Double.NaN);
    }

    /** Evidence with a live probability but no colour sample. */
    public PhotoEvidence(Fingerprint fingerprint, double[] landmarks, Embedding embedding, double leftEye, double rightEye,
                         double live) {
        this(fingerprint, landmarks, embedding, leftEye, rightEye, null, live);
    }

    /** Evidence with a colour sample but no live probability. */
    public PhotoEvidence(Fingerprint fingerprint, double[] landmarks, Embedding embedding, double leftEye, double rightEye,
                         ColourSample colour) {
        this(fingerprint, landmarks, embedding, leftEye, rightEye, colour, Double.NaN);
    }

    /** The evidence of the face {@code face} found in {@code image}. */
    public static PhotoEvidence of(RgbImage image, FaceAnalysis face) {
        double eyes = (face.eyes().left() + face.eyes().right()) / 2;
        Fingerprint fp = new Fingerprint(ImageHash.of(image), ImageHash.of(image, face.box()),
                face.pose().yawDegrees(), face.pose().pitchDegrees(), eyes, face.mouthOpenness(), face.smile());
        return new PhotoEvidence(fp, face.landmarks().clone(), face.embedding(), face.eyes().left(), face.eyes().right(),
                ColourSample.of(image, face.box()), face.antiSpoof() == null ? Double.NaN : face.antiSpoof().live());
    }

    /** Whether a presentation-attack model measured this photo. */
    public boolean liveMeasured() {
        return !Double.isNaN(live);
    }

    public double yaw() {
        return fingerprint.yaw();
    }

    public double pitch() {
        return fingerprint.pitch();
    }

    /** Mean openness of both eyes. */
    public double eyes() {
        return fingerprint.eyes();
    }

    /** Openness of the more open eye: low only when both eyes are closed. */
    public double openerEye() {
        return Math.max(leftEye, rightEye);
    }

    public double mouth() {
        return fingerprint.mouth();
    }

    public double smile() {
        return fingerprint.smile();
    }
}
