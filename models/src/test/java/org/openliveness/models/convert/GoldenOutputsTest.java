package org.openliveness.models.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The converter's outputs equal TensorFlow.js's for the same inputs. The fixtures in
 * {@code src/test/resources/goldens} were made by {@code tools/goldens/make-goldens.mjs}
 * with the pure-JS {@code @tensorflow/tfjs}; the inputs are regenerated here from the same
 * seeded generator. Each model is converted afresh from the package the build fetched,
 * exposing the logits behind saturated softmax outputs too.
 */
class GoldenOutputsTest {

    /** Relative tolerance: max |onnx − tfjs| over max |tfjs| of each output. */
    private static final double RELATIVE = 1e-4;
    /**
     * Absolute floor for outputs whose values are all tiny (a sigmoid far in its tail): float32
     * rounding of the logit behind them shows up as differences of a few 1e-8.
     */
    private static final double ABSOLUTE = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"blazeface", "facemesh", "iris", "emotion", "antispoof", "liveness", "faceres", "faceapi-recognition"})
    void convertedModelMatchesTensorFlowJs(String name) throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/goldens/" + name + ".json")) {
            golden = new ObjectMapper().readTree(in);
        }
        JsonNode inputSpec = golden.path("input");
        long[] shape = longs(inputSpec.path("shape"));
        float[] input = GoldenInput.generate(golden.path("seed").asInt(), count(shape),
                inputSpec.path("lo").asDouble(), inputSpec.path("hi").asDouble());
        for (int i = 0; i < 8; i++) {
            assertEquals(golden.path("inputFirst").get(i).floatValue(), input[i], "PRNG differs from the goldens'");
        }

        List<JsonNode> expected = new ArrayList<>();
        golden.path("outputs").forEach(expected::add);
        golden.path("extraOutputs").forEach(expected::add);
        byte[] onnx;
        String inputName;
        List<String> outputNames = new ArrayList<>();
        Path packages = Path.of(System.getProperty("openliveness.packages", "../.cache/npm"));
        if (name.equals("faceapi-recognition")) {
            onnx = FaceApiRecognitionNet.build(packages.resolve("vladmandic-face-api-1.7.15/package/model"));
            inputName = FaceApiRecognitionNet.INPUT;
            outputNames.add(FaceApiRecognitionNet.OUTPUT);
        } else {
            List<String> extra = new ArrayList<>();
            golden.path("extraOutputs").forEach(o -> extra.add(o.path("node").asText()));
            TfjsToOnnx.Result result = TfjsToOnnx.convert(TfjsGraphModel.read(
                    packages.resolve("vladmandic-human-3.3.6/package/models/" + name + ".json")), name, extra);
            onnx = result.onnx();
            inputName = result.input();
            expected.forEach(o -> outputNames.add(o.path("node").asText()));
        }

        Map<String, float[]> actual = run(onnx, inputName, input, shape, outputNames);
        for (int i = 0; i < expected.size(); i++) {
            float[] want = floats(expected.get(i).path("valuesF32Base64").asText());
            float[] got = actual.get(outputNames.get(i));
            assertEquals(want.length, got.length, name + " " + outputNames.get(i) + " size");
            double maxAbs = 0;
            double maxDiff = 0;
            for (int k = 0; k < want.length; k++) {
                maxAbs = Math.max(maxAbs, Math.abs(want[k]));
                maxDiff = Math.max(maxDiff, Math.abs(want[k] - got[k]));
            }
            assertTrue(maxDiff <= Math.max(RELATIVE * maxAbs, ABSOLUTE),
                    name + " " + outputNames.get(i) + ": max |diff| " + maxDiff + " vs max |value| " + maxAbs);
        }
    }

    private static Map<String, float[]> run(byte[] onnx, String inputName, float[] input, long[] shape,
                                            List<String> outputs) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, options);
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, float[]> out = new HashMap<>();
            for (String name : outputs) {
                FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                out.put(name, values);
            }
            return out;
        }
    }

    private static float[] floats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(out);
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static int count(long[] shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        return n;
    }

    @org.junit.jupiter.api.Test
    void generatorMatchesTheDocumentedSequence() {
        float[] first = GoldenInput.generate(12345, 3, 0, 255);
        assertArrayEquals(new float[] {151.31752014160156f, 132.4974365234375f, 219.48692321777344f}, first);
    }
}
