package org.openliveness.engine.embedding;

import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.landmarks.MeshFit;
import org.openliveness.engine.onnx.ModelId;

/** Turns a face (its image and mesh) into an L2-normalised embedding. Implementations are thread-safe. */
public interface FaceEmbedder {

    /** The model; its {@link ModelId#id()} is stored with every embedding. */
    ModelId model();

    Embedding embed(RgbImage image, MeshFit mesh);

    /** Divides by the L2 norm; a zero vector is an error (the model failed). */
    static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        double norm = Math.sqrt(sum);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalStateException("embedding model returned a zero or non-finite vector");
        }
        float[] out = new float[vector.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (vector[i] / norm);
        }
        return out;
    }
}
