package org.openliveness.server.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import org.openliveness.engine.embedding.Embedding;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.engine.verdict.PhotoEvidence;
import org.openliveness.server.storage.PhotoStore;

/**
 * Stores a photo's biometric evidence (468 landmarks, face template, eye openness, the
 * presentation-attack model's live probability) in the session state encrypted with the photo key,
 * bound to the session id, as Base64 text.
 */
final class SealedEvidence {

    /**
     * The serialised form (fingerprint kept apart, in clear, for the replay check). {@code live} is
     * null when no presentation-attack model measured the photo — and in bodies sealed before the
     * field existed, which therefore read as "not measured", never as a pass.
     */
    record Body(float[] landmarks, String model, float[] embedding, double leftEye, double rightEye, Double live) {
    }

    private final PhotoStore store;
    private final ObjectMapper json;

    SealedEvidence(PhotoStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    String seal(String sessionId, PhotoEvidence e) {
        float[] points = new float[e.landmarks().length];
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) e.landmarks()[i];
        }
        try {
            byte[] plain = json.writeValueAsBytes(new Body(points, e.embedding().model(), e.embedding().vector(), e.leftEye(), e.rightEye(),
                    e.liveMeasured() ? e.live() : null));
            return Base64.getEncoder().encodeToString(store.seal(sessionId, plain));
        } catch (IOException ex) {
            throw new IllegalStateException("cannot serialise evidence", ex);
        }
    }

    PhotoEvidence open(String sessionId, String sealed, Fingerprint fingerprint) {
        try {
            Body b = json.readValue(store.open(sessionId, Base64.getDecoder().decode(sealed)), Body.class);
            double[] landmarks = new double[b.landmarks().length];
            for (int i = 0; i < landmarks.length; i++) {
                landmarks[i] = b.landmarks()[i];
            }
            return new PhotoEvidence(fingerprint, landmarks, new Embedding(b.model(), b.embedding()), b.leftEye(), b.rightEye(),
                    b.live() == null ? Double.NaN : b.live());
        } catch (IOException ex) {
            throw new IllegalStateException("stored evidence cannot be read", ex);
        }
    }
}
