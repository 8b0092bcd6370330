package org.openliveness.engine.onnx;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a model manifest: what the engine expects of a model file.
 *
 * @param name       model id, e.g. {@code blazeface}
 * @param file       file name relative to the manifest
 * @param sha256     hex SHA-256 of the file, checked at load
 * @param source     where the weights came from (package, version, path)
 * @param input      name of the single float32 input
 * @param inputShape input shape as the model declares it (NHWC for the converted TensorFlow.js models,
 *                   NCHW for {@code fr_liveness}); −1 marks a dynamic dimension, checked at load
 * @param outputs    output names, in the order {@link OnnxModel#run} returns them
 */
public record ModelSpec(String name, String file, String sha256, String source, String input,
                        long[] inputShape, List<String> outputs) {

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(inputShape, "inputShape");
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " lists no outputs");
        }
    }
}
