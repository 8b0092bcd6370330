package org.openliveness.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX model loaded into one {@link OrtSession}, shared by all threads (ONNX Runtime
 * sessions are safe for concurrent {@code run} calls). Input and output names, the input's element
 * type and its declared shape are checked against the {@link ModelSpec} at load.
 */
public final class OnnxModel implements AutoCloseable {

    private final ModelSpec spec;
    private final OrtSession session;
    private long[] inputShape;

    OnnxModel(ModelSpec spec, byte[] bytes, OrtEnvironment env, int intraOpThreads) {
        this.spec = spec;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(bytes, options);
        } catch (OrtException e) {
            throw new ModelException("cannot load model " + spec.name() + ": " + e.getMessage(), e);
        }
        checkSignature();
    }

    private void checkSignature() {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (!inputs.keySet().equals(Set.of(spec.input()))) {
                close();
                throw new ModelException("model " + spec.name() + ": expected input [" + spec.input() + "], got " + inputs.keySet());
            }
            Set<String> outputs = session.getOutputInfo().keySet();
            if (!outputs.containsAll(spec.outputs())) {
                close();
                throw new ModelException("model " + spec.name() + ": expected outputs " + spec.outputs() + ", got " + outputs);
            }
            if (!(inputs.get(spec.input()).getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
                close();
                throw new ModelException("model " + spec.name() + ": expected a float32 tensor input " + spec.input()
                        + ", got " + inputs.get(spec.input()).getInfo());
            }
            inputShape = info.getShape();
            if (!sameShape(spec.inputShape(), inputShape)) {
                close();
                throw new ModelException("model " + spec.name() + ": expected input shape " + Arrays.toString(spec.inputShape())
                        + ", got " + Arrays.toString(inputShape));
            }
        } catch (OrtException e) {
            throw new ModelException("cannot inspect model " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Whether two shapes agree, a dimension of −1 (dynamic) on either side matching any size. */
    static boolean sameShape(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] >= 0 && actual[i] >= 0 && expected[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** The input's shape as the model file declares it; −1 marks a dynamic dimension. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /**
     * The shape of output {@code name} as the model file declares it (−1 marks a dynamic dimension).
     *
     * @throws ModelException when the model has no such tensor output
     */
    public long[] outputShape(String name) {
        try {
            NodeInfo node = session.getOutputInfo().get(name);
            if (node == null || !(node.getInfo() instanceof TensorInfo info)) {
                throw new ModelException("model " + spec.name() + ": expected a tensor output " + name + ", got "
                        + (node == null ? "none of that name" : node.getInfo()));
            }
            return info.getShape();
        } catch (OrtException e) {
            throw new ModelException("cannot inspect model " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    /**
     * Runs the model on one float32 tensor and returns every output of the spec, in the
     * spec's order, flattened row-major.
     *
     * @param input values in the layout the spec's input expects (NHWC for the converted models)
     * @param shape the input's shape; its element count must equal {@code input.length}
     */
    public float[][] run(float[] input, long... shape) {
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (count != input.length) {
            throw new IllegalArgumentException("model " + spec.name() + ": shape " + Arrays.toString(shape)
                    + " needs " + count + " values, got " + input.length);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(spec.input(), tensor), Set.copyOf(spec.outputs()))) {
            float[][] out = new float[spec.outputs().size()][];
            for (int i = 0; i < out.length; i++) {
                OnnxTensor value = (OnnxTensor) result.get(spec.outputs().get(i))
                        .orElseThrow(() -> new ModelException("model " + spec.name() + " returned no output"));
                FloatBuffer buffer = value.getFloatBuffer();
                out[i] = new float[buffer.remaining()];
                buffer.get(out[i]);
            }
            return out;
        } catch (OrtException e) {
            throw new ModelException("model " + spec.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("cannot close model " + spec.name(), e);
        }
    }
}
