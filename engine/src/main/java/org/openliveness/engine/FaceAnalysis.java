package org.openliveness.engine;

import java.util.Objects;
import org.openliveness.engine.antispoof.AntiSpoofScores;
import org.openliveness.engine.antispoof.LiveScore;
import org.openliveness.engine.embedding.Embedding;
import org.openliveness.engine.expression.EyeOpenness;
import org.openliveness.engine.geometry.Affine2D;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.HeadPose;
import org.openliveness.engine.quality.Quality;

/**
 * Everything the engine measured about one face. Coordinates are image pixels of the photo
 * as analysed (after EXIF orientation): origin top-left, x right, y down.
 *
 * @param box           the face's bounding box, from the mesh's extent
 * @param score         detector confidence, 0..1
 * @param meshScore     the mesh model's face confidence, 0..1
 * @param landmarks     the 468 mesh points as x, y, z triples ({@code landmarks[3 * i + k]}),
 *                      in MediaPipe FaceMesh order; z is relative depth in the same pixel
 *                      scale, smaller = closer to the camera
 * @param pose          head pose in degrees
 * @param eyes          per-eye openness
 * @param mouthOpenness mouth openness, 0 (closed) to 1 (wide open)
 * @param mouthRatio    inner-lip aspect ratio behind {@code mouthOpenness}
 * @param smile         smile score, 0..1 (the expression model's probability of "happy"), or NaN when the
 *                      caller left the expression model out ({@link FaceEngine#analyzeBurstFrame})
 * @param quality       quality measures of the face region
 * @param antiSpoof     the passive presentation-attack model's live probability, or {@code null} when the
 *                      engine runs no such model ({@link EngineConfig#padModel()}) or the caller left it out
 *                      ({@link FaceEngine#analyzeBurstFrame})
 * @param legacyAntiSpoof the chance-level {@code antispoof}/{@code liveness} scores (never evidence), or
 *                      {@code null} unless {@link EngineConfig#legacyAntiSpoof()} asks for them
 * @param embedding     L2-normalised face embedding
 * @param detectionBox  the detector's box the mesh was fitted from (the presentation-attack model's input)
 * @param meshCrop      the mesh model's crop of the face (crop pixels to image pixels): where the expression
 *                      and embedding models read it
 */
public record FaceAnalysis(Box box, double score, double meshScore, double[] landmarks, HeadPose pose,
                           EyeOpenness eyes, double mouthOpenness, double mouthRatio, double smile,
                           Quality quality, LiveScore antiSpoof, AntiSpoofScores legacyAntiSpoof, Embedding embedding,
                           Box detectionBox, Affine2D meshCrop) {

    /** Number of mesh points. */
    public static final int MESH_POINTS = 468;

    public FaceAnalysis {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(detectionBox, "detectionBox");
        Objects.requireNonNull(meshCrop, "meshCrop");
        if (landmarks.length != MESH_POINTS * 3) {
            throw new IllegalArgumentException("expected " + MESH_POINTS * 3 + " landmark values, got " + landmarks.length);
        }
    }

    /** This face with the presentation-attack model's score (for a face analysed without it). */
    public FaceAnalysis withAntiSpoof(LiveScore score) {
        return new FaceAnalysis(box, this.score, meshScore, landmarks, pose, eyes, mouthOpenness, mouthRatio, smile, quality,
                score, legacyAntiSpoof, embedding, detectionBox, meshCrop);
    }

    /** This face with the expression model's smile score (for a face analysed without it). */
    public FaceAnalysis withSmile(double smile) {
        return new FaceAnalysis(box, score, meshScore, landmarks, pose, eyes, mouthOpenness, mouthRatio, smile, quality,
                antiSpoof, legacyAntiSpoof, embedding, detectionBox, meshCrop);
    }

    /** x of mesh point {@code i}. */
    public double x(int i) {
        return landmarks[3 * i];
    }

    /** y of mesh point {@code i}. */
    public double y(int i) {
        return landmarks[3 * i + 1];
    }
}
