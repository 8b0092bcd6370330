package org.openliveness.engine.onnx;

import java.util.Arrays;
import java.util.Optional;

/**
 * The bundled models. {@link #id()} is the stable name the model manifest, the embeddings a
 * service stores and the command line's options use; code compares these constants, never the
 * strings.
 */
public enum ModelId {

    /** BlazeFace face detector ({@code @vladmandic/human}). */
    BLAZEFACE("blazeface"),
    /** MediaPipe FaceMesh, 468 points ({@code @vladmandic/human}). */
    FACEMESH("facemesh"),
    /** Iris landmarks ({@code @vladmandic/human}); bundled, not run by the engine. */
    IRIS("iris"),
    /** Seven-class expression model ({@code @vladmandic/human}). */
    EMOTION("emotion"),
    /** Passive anti-spoof model ({@code @vladmandic/human}). */
    ANTISPOOF("antispoof"),
    /** Passive liveness model ({@code @vladmandic/human}). */
    LIVENESS("liveness"),
    /** {@code faceres} descriptor ({@code @vladmandic/human}), an alternative embedding. */
    FACERES("faceres"),
    /** face-api's recognition net (a port of dlib's ResNet descriptor), the default embedding. */
    FACEAPI_RECOGNITION("faceapi-recognition"),
    /**
     * Passive presentation-attack model {@code fr_liveness} ({@code faceplugin-face-recognition-js}),
     * shipped as it is: the default passive model, the one that votes.
     */
    FR_LIVENESS("fr_liveness");

    private final String id;

    ModelId(String id) {
        this.id = id;
    }

    /** The stable name, e.g. {@code faceapi-recognition}. */
    public String id() {
        return id;
    }

    /**
     * The model with this stable name.
     *
     * @throws IllegalArgumentException for a name that is no bundled model, listing the names
     */
    public static ModelId of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown model " + id + ", expected one of "
                + Arrays.stream(values()).map(ModelId::id).toList()));
    }

    /** The model with this stable name, if there is one. */
    public static Optional<ModelId> find(String id) {
        return Arrays.stream(values()).filter(model -> model.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
