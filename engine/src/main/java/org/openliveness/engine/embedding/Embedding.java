package org.openliveness.engine.embedding;

/**
 * A face embedding: an L2-normalised vector from a named model. Compare two embeddings of
 * the same model with {@link #similarity}.
 *
 * @param model  the model's stable name ({@link org.openliveness.engine.onnx.ModelId#id()} for
 *               the engine's embedders), kept as text because services store it with the vector
 * @param vector the unit vector
 */
public record Embedding(String model, float[] vector) {

    public Embedding {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (Math.abs(Math.sqrt(norm) - 1) > 1e-3) {
            throw new IllegalArgumentException("embedding must be L2-normalised, norm is " + Math.sqrt(norm));
        }
    }

    /** Cosine similarity in −1..1 (the dot product of the two unit vectors). */
    public double similarity(Embedding other) {
        if (!model.equals(other.model) || vector.length != other.vector.length) {
            throw new IllegalArgumentException("cannot compare embeddings of " + model + " and " + other.model);
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * other.vector[i];
        }
        return dot;
    }
}
