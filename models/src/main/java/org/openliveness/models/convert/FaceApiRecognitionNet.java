package org.openliveness.models.convert;

import static org.openliveness.models.convert.OnnxGraph.attrs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openliveness.models.convert.TfjsGraphModel.Tensor;

/**
 * Builds the ONNX graph of {@code @vladmandic/face-api}'s face recognition net (a port of
 * dlib's ResNet face descriptor) from its weights, following the package's own definition
 * ({@code src/faceRecognitionNet/*.ts}): the package ships weights only.
 *
 * <p>Input {@code input}: N×150×150×3 float32, RGB in 0..255 (NHWC). The graph subtracts
 * the mean RGB (122.782, 117.001, 104.298) and divides by 255 as face-api does. Output
 * {@code descriptor}: N×128, not normalised.
 *
 * <p>Layers: conv 7×7/2 (valid) → max-pool 3/2 (valid) → residual stages of 32, 64, 128
 * and 256 channels, each stage after the first entered through a down-sampling block →
 * one more down-sampling block → global mean → 256×128 matrix. Every conv adds a bias and
 * then a per-channel scale and shift. A down-sampling block adds its 2×2 average-pooled
 * input, zero-padded in channels, and pads its own output with one zero row and column at
 * the bottom-right when the two differ by a pixel.
 */
final class FaceApiRecognitionNet {

    static final String INPUT = "input";
    static final String OUTPUT = "descriptor";
    static final int SIZE = 150;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final Map<String, Tensor> weights;
    private final OnnxGraph graph = new OnnxGraph("faceapi-recognition");

    /** A value with its static NHWC spatial size and channel count. */
    private record Value(String name, int size, int channels) {}

    private FaceApiRecognitionNet(Map<String, Tensor> weights) {
        this.weights = weights;
    }

    /** Reads {@code face_recognition_model-weights_manifest.json} (and its shard) from {@code dir}. */
    static byte[] build(Path dir) {
        try {
            var manifest = new ObjectMapper().readTree(dir.resolve("face_recognition_model-weights_manifest.json").toFile());
            return new FaceApiRecognitionNet(TfjsGraphModel.readWeights(manifest, dir)).buildGraph();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read face-api recognition weights in " + dir, e);
        }
    }

    private byte[] buildGraph() {
        graph.input(INPUT, -1, SIZE, SIZE, 3);
        String centred = graph.op("Sub", "centred", INPUT, graph.floats("mean_rgb", MEAN_RGB, 3));
        Value x = new Value(graph.op("Div", "normalised", centred, graph.scalar(255f)), SIZE, 3);

        x = conv(x, "conv32_down", 2, false, true);
        x = maxPool(x);
        for (String block : List.of("conv32_1", "conv32_2", "conv32_3")) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv64_down");
        for (String block : List.of("conv64_1", "conv64_2", "conv64_3")) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv128_down");
        for (String block : List.of("conv128_1", "conv128_2")) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv256_down");
        for (String block : List.of("conv256_1", "conv256_2")) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv256_down_out");

        String pooled = graph.op("ReduceMean", "global_mean", attrs("axes", new long[] {1, 2}, "keepdims", 0L), x.name());
        Tensor fc = weight("fc");
        String fcWeights = graph.floats("fc", fc.floats(), fc.shape());
        graph.opNamed("MatMul", OUTPUT, Map.of(), pooled, fcWeights);
        graph.output(OUTPUT, -1, fc.shape()[1]);
        return graph.toModelBytes("openliveness-faceapi-builder");
    }

    private Value residual(Value x, String prefix) {
        Value out = conv(x, prefix + "/conv1", 1, true, true);
        out = conv(out, prefix + "/conv2", 1, true, false);
        String sum = graph.op("Add", prefix + "/add", out.name(), x.name());
        return new Value(graph.op("Relu", prefix + "/relu", sum), out.size(), out.channels());
    }

    private Value residualDown(Value x, String prefix) {
        Value out = conv(x, prefix + "/conv1", 2, false, true);
        out = conv(out, prefix + "/conv2", 1, true, false);

        int pooledSize = (x.size() - 2) / 2 + 1;
        String pooled = nhwc(graph.op("AveragePool", prefix + "/avgpool",
                attrs("kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}, "pads", new long[] {0, 0, 0, 0}),
                nchw(x.name())));
        String outName = out.name();
        if (pooledSize != out.size()) {
            int extra = pooledSize - out.size();
            outName = graph.op("Pad", prefix + "/pad_hw", attrs("mode", "constant"), outName,
                    graph.longs(0, 0, 0, 0, 0, extra, extra, 0));
        }
        if (x.channels() != out.channels()) {
            int extra = out.channels() - x.channels();
            pooled = graph.op("Pad", prefix + "/pad_c", attrs("mode", "constant"), pooled,
                    graph.longs(0, 0, 0, 0, 0, 0, 0, extra));
        }
        String sum = graph.op("Add", prefix + "/add", pooled, outName);
        return new Value(graph.op("Relu", prefix + "/relu", sum), pooledSize, out.channels());
    }

    /** conv (bias) → scale (mul, add) → optional ReLU; {@code same} padding or valid. */
    private Value conv(Value x, String prefix, int stride, boolean same, boolean relu) {
        Tensor filters = weight(prefix + "/conv/filters");
        long k = filters.shape()[0];
        int cout = (int) filters.shape()[3];
        String w = graph.floats(prefix + "/conv/filters", TfjsToOnnx.convFilter(filters), cout, filters.shape()[2], k, k);
        String b = graph.floats(prefix + "/conv/bias", weight(prefix + "/conv/bias").floats(), cout);
        Map<String, Object> attributes = attrs("kernel_shape", new long[] {k, k}, "strides", new long[] {stride, stride});
        int size;
        if (same) {
            attributes.put("auto_pad", "SAME_UPPER");
            size = (x.size() + stride - 1) / stride;
        } else {
            attributes.put("pads", new long[] {0, 0, 0, 0});
            size = (int) ((x.size() - k) / stride + 1);
        }
        String out = nhwc(graph.op("Conv", prefix + "/conv", attributes, nchw(x.name()), w, b));
        String scaled = graph.op("Mul", prefix + "/scale", out,
                graph.floats(prefix + "/scale/weights", weight(prefix + "/scale/weights").floats(), cout));
        String shifted = graph.op("Add", prefix + "/shift", scaled,
                graph.floats(prefix + "/scale/biases", weight(prefix + "/scale/biases").floats(), cout));
        return new Value(relu ? graph.op("Relu", prefix + "/relu", shifted) : shifted, size, cout);
    }

    private Value maxPool(Value x) {
        String pooled = graph.op("MaxPool", "maxpool",
                attrs("kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2}, "pads", new long[] {0, 0, 0, 0}),
                nchw(x.name()));
        return new Value(nhwc(pooled), (x.size() - 3) / 2 + 1, x.channels());
    }

    private String nchw(String x) {
        return graph.op("Transpose", "nchw", attrs("perm", new long[] {0, 3, 1, 2}), x);
    }

    private String nhwc(String x) {
        return graph.op("Transpose", "nhwc", attrs("perm", new long[] {0, 2, 3, 1}), x);
    }

    private Tensor weight(String name) {
        Tensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException("face-api recognition weights lack " + name);
        }
        return t;
    }
}
