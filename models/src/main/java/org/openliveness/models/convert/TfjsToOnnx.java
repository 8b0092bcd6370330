package org.openliveness.models.convert;

import static org.openliveness.models.convert.OnnxGraph.attrs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openliveness.models.convert.TfjsGraphModel.Node;
import org.openliveness.models.convert.TfjsGraphModel.Tensor;

/**
 * Converts a TensorFlow.js graph model to ONNX, keeping TensorFlow's NHWC layout.
 *
 * <p>Every value keeps its TensorFlow shape, so element-wise ops, reshapes, reductions and
 * per-channel constants need no re-layout. Only convolutions and pooling, which ONNX
 * defines on NCHW, are wrapped in a pair of Transposes; ONNX Runtime's transpose optimizer
 * removes the wrappers between consecutive convolutions. TensorFlow's {@code SAME}
 * padding puts the odd pixel at the end, which is ONNX's {@code SAME_UPPER}. Each graph
 * value is named after the TensorFlow node that produces it.
 */
final class TfjsToOnnx {

    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};
    private static final Set<String> IGNORED_FUSED = Set.of("BiasAdd");

    private final TfjsGraphModel model;
    private final OnnxGraph graph;
    private final Map<String, String> emittedConstants = new HashMap<>();
    private final Map<String, Node> byName = new HashMap<>();

    private TfjsToOnnx(TfjsGraphModel model, String name) {
        this.model = model;
        this.graph = new OnnxGraph(name);
        model.nodes().forEach(n -> byName.put(n.name(), n));
    }

    /** The converted model and the names of its graph input and outputs. */
    record Result(byte[] onnx, String input, long[] inputShape, List<String> outputs) {}

    static Result convert(TfjsGraphModel model, String name) {
        return convert(model, name, List.of());
    }

    /**
     * Converts, exposing {@code extraOutputs} (names of internal TensorFlow nodes) as graph
     * outputs after the model's own: the golden tests compare logits behind saturated
     * softmax and sigmoid outputs this way.
     */
    static Result convert(TfjsGraphModel model, String name, List<String> extraOutputs) {
        return new TfjsToOnnx(model, name).run(extraOutputs);
    }

    private Result run(List<String> extraOutputs) {
        String input = null;
        long[] inputShape = null;
        for (Node node : model.nodes()) {
            if (node.op().equals("Placeholder")) {
                if (input != null) {
                    throw new IllegalArgumentException("more than one graph input: " + input + ", " + node.name());
                }
                input = node.name();
                inputShape = node.placeholderShape();
                graph.input(input, inputShape);
            } else if (!node.op().equals("Const")) {
                convertNode(node);
            }
        }
        List<String> outputs = new ArrayList<>(model.outputs());
        outputs.addAll(extraOutputs);
        for (String out : outputs) {
            if (emittedConstants.containsKey(out) || model.constants().containsKey(out)) {
                throw new IllegalArgumentException("constant graph outputs are not supported: " + out);
            }
            graph.output(out);
        }
        return new Result(graph.toModelBytes("openliveness-tfjs-converter"), input, inputShape, outputs);
    }

    private void convertNode(Node node) {
        String op = node.op();
        switch (op) {
            case "Identity" -> graph.opNamed("Identity", node.name(), Map.of(), value(node, 0));
            case "Conv2D", "_FusedConv2D" -> convolution(node, false);
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> convolution(node, true);
            case "Add", "AddV2" -> binary(node, "Add");
            case "Sub" -> binary(node, "Sub");
            case "Mul" -> binary(node, "Mul");
            case "RealDiv" -> binary(node, "Div");
            case "Minimum" -> binary(node, "Min");
            case "Maximum" -> binary(node, "Max");
            case "Relu", "Sigmoid", "Abs", "Tanh", "Exp", "Sqrt" ->
                    graph.opNamed(op.equals("Relu") ? "Relu" : op, node.name(), Map.of(), value(node, 0));
            case "Relu6" -> graph.opNamed("Clip", node.name(), Map.of(), value(node, 0), graph.scalarClip(0f), graph.scalarClip(6f));
            case "Prelu" -> graph.opNamed("PRelu", node.name(), Map.of(), value(node, 0), value(node, 1));
            case "Square" -> graph.opNamed("Mul", node.name(), Map.of(), value(node, 0), value(node, 0));
            case "Rsqrt" -> graph.opNamed("Reciprocal", node.name(), Map.of(),
                    graph.op("Sqrt", "rsqrt", value(node, 0)));
            case "MaxPool", "AvgPool" -> pool(node);
            case "Pad", "PadV2" -> pad(node);
            case "Reshape" -> graph.opNamed("Reshape", node.name(), Map.of(), value(node, 0), int64Const(node, 1));
            case "Mean" -> graph.opNamed("ReduceMean", node.name(),
                    attrs("axes", constant(node, 1).asLongs(), "keepdims", node.bool("keep_dims") ? 1L : 0L),
                    value(node, 0));
            case "Sum" -> graph.opNamed("ReduceSum", node.name(),
                    attrs("keepdims", node.bool("keep_dims") ? 1L : 0L), value(node, 0), int64Const(node, 1));
            case "Squeeze" -> graph.opNamed("Squeeze", node.name(), Map.of(), value(node, 0),
                    graph.longs(node.ints("squeeze_dims")));
            case "Softmax" -> graph.opNamed("Softmax", node.name(), attrs("axis", -1L), value(node, 0));
            case "ConcatV2" -> concat(node);
            case "MatMul", "_FusedMatMul" -> matMul(node);
            default -> throw new IllegalArgumentException(
                    "unsupported TensorFlow op " + op + " (node " + node.name() + ")");
        }
    }

    private void binary(Node node, String onnxOp) {
        graph.opNamed(onnxOp, node.name(), Map.of(), value(node, 0), value(node, 1));
    }

    private void convolution(Node node, boolean depthwise) {
        Tensor filter = constant(node, 1);
        long kh = filter.shape()[0];
        long kw = filter.shape()[1];
        long cin = filter.shape()[2];
        long cout = filter.shape()[3];
        String weights;
        Map<String, Object> attributes = attrs("kernel_shape", new long[] {kh, kw});
        if (depthwise) {
            weights = graph.floats(graph.fresh(node.name() + "/w"), depthwiseFilter(filter), cin * cout, 1, kh, kw);
            attributes.put("group", cin);
        } else {
            weights = graph.floats(graph.fresh(node.name() + "/w"), convFilter(filter), cout, cin, kh, kw);
        }
        long[] strides = node.ints("strides");
        long[] dilations = node.ints("dilations");
        attributes.put("strides", new long[] {strides[1], strides[2]});
        if (dilations.length == 4) {
            attributes.put("dilations", new long[] {dilations[1], dilations[2]});
        }
        padding(node, attributes);

        List<String> fused = node.strings("fused_ops");
        List<String> convInputs = new ArrayList<>(List.of(graph.op("Transpose", "nchw", attrs("perm", TO_NCHW), value(node, 0)), weights));
        if (fused.contains("BiasAdd")) {
            convInputs.add(floatConst(node.inputs().get(2)));
        }
        String conv = graph.fresh(node.name() + "/conv");
        graph.node("Conv", convInputs, List.of(conv), attributes);
        activation(node, fused, graph.op("Transpose", "nhwc", attrs("perm", TO_NHWC), conv), 3);
    }

    /** Applies the activations a fused op lists after BiasAdd, naming the final value after the node. */
    private void activation(Node node, List<String> fused, String x, int alphaInput) {
        List<String> activations = fused.stream().filter(f -> !IGNORED_FUSED.contains(f)).toList();
        if (activations.size() > 1) {
            throw new IllegalArgumentException("unsupported fused ops " + fused + " in " + node.name());
        }
        String activation = activations.isEmpty() ? "" : activations.get(0);
        switch (activation) {
            case "" -> graph.opNamed("Identity", node.name(), Map.of(), x);
            case "Relu" -> graph.opNamed("Relu", node.name(), Map.of(), x);
            case "Relu6" -> graph.opNamed("Clip", node.name(), Map.of(), x, graph.scalarClip(0f), graph.scalarClip(6f));
            case "Sigmoid" -> graph.opNamed("Sigmoid", node.name(), Map.of(), x);
            case "Elu" -> graph.opNamed("Elu", node.name(), Map.of(), x);
            case "LeakyRelu" -> graph.opNamed("LeakyRelu", node.name(),
                    attrs("alpha", node.floatAttr("leakyrelu_alpha", 0.2f)), x);
            case "Prelu" -> graph.opNamed("PRelu", node.name(), Map.of(), x, value(node, alphaInput));
            default -> throw new IllegalArgumentException("unsupported fused activation " + activation + " in " + node.name());
        }
    }

    private void padding(Node node, Map<String, Object> attributes) {
        String padding = node.string("padding");
        switch (padding) {
            case "SAME" -> attributes.put("auto_pad", "SAME_UPPER");
            case "VALID" -> attributes.put("pads", new long[] {0, 0, 0, 0});
            case "EXPLICIT" -> {
                long[] p = node.ints("explicit_paddings");
                attributes.put("pads", new long[] {p[2], p[4], p[3], p[5]});
            }
            default -> throw new IllegalArgumentException("unsupported padding " + padding + " in " + node.name());
        }
    }

    private void pool(Node node) {
        long[] ksize = node.ints("ksize");
        long[] strides = node.ints("strides");
        Map<String, Object> attributes = attrs("kernel_shape", new long[] {ksize[1], ksize[2]},
                "strides", new long[] {strides[1], strides[2]});
        padding(node, attributes);
        String onnxOp = node.op().equals("MaxPool") ? "MaxPool" : "AveragePool";
        if (onnxOp.equals("AveragePool")) {
            attributes.put("count_include_pad", 0L);
        }
        String nchw = graph.op("Transpose", "nchw", attrs("perm", TO_NCHW), value(node, 0));
        String pooled = graph.op(onnxOp, node.name() + "/pool", attributes, nchw);
        graph.opNamed("Transpose", node.name(), attrs("perm", TO_NHWC), pooled);
    }

    private void pad(Node node) {
        long[] paddings = constant(node, 1).asLongs();
        int rank = paddings.length / 2;
        long[] pads = new long[paddings.length];
        for (int axis = 0; axis < rank; axis++) {
            pads[axis] = paddings[2 * axis];
            pads[rank + axis] = paddings[2 * axis + 1];
        }
        List<String> inputs = new ArrayList<>(List.of(value(node, 0), graph.longs(pads)));
        if (node.op().equals("PadV2")) {
            inputs.add(graph.floats(graph.fresh("padvalue"), new float[] {constant(node, 2).floats()[0]}));
        }
        graph.node("Pad", inputs, List.of(node.name()), attrs("mode", "constant"));
    }

    private void concat(Node node) {
        int last = node.inputs().size() - 1;
        long axis = constant(node, last).asLongs()[0];
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < last; i++) {
            inputs.add(value(node, i));
        }
        graph.node("Concat", inputs, List.of(node.name()), attrs("axis", axis));
    }

    private void matMul(Node node) {
        if (node.bool("transpose_a")) {
            throw new IllegalArgumentException("MatMul with transpose_a is not supported: " + node.name());
        }
        String b;
        if (isConstant(node, 1)) {
            Tensor w = constant(node, 1);
            float[] values = w.floats();
            long rows = w.shape()[0];
            long cols = w.shape()[1];
            if (node.bool("transpose_b")) {
                values = transpose2d(values, (int) rows, (int) cols);
                long t = rows;
                rows = cols;
                cols = t;
            }
            b = graph.floats(graph.fresh(node.name() + "/w"), values, rows, cols);
        } else {
            b = node.bool("transpose_b")
                    ? graph.op("Transpose", "t", attrs("perm", new long[] {1, 0}), value(node, 1))
                    : value(node, 1);
        }
        String product = graph.op("MatMul", node.name() + "/matmul", value(node, 0), b);
        List<String> fused = node.strings("fused_ops");
        if (fused.contains("BiasAdd")) {
            product = graph.op("Add", node.name() + "/bias", product, value(node, 2));
        }
        activation(node, fused, product, 3);
    }

    /** The ONNX value for a node's i-th input, emitting a float constant on first use. */
    private String value(Node node, int index) {
        String ref = TfjsGraphModel.stripPort(node.inputs().get(index));
        if (model.constants().containsKey(ref)) {
            return floatConst(ref);
        }
        if (!byName.containsKey(ref)) {
            throw new IllegalArgumentException("unknown input " + ref + " of " + node.name());
        }
        return ref;
    }

    private String floatConst(String ref) {
        String name = TfjsGraphModel.stripPort(ref);
        return emittedConstants.computeIfAbsent(name, n -> {
            Tensor t = model.constants().get(n);
            float[] values = t.floats();
            if (values == null) {
                values = new float[t.ints().length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = t.ints()[i];
                }
            }
            return graph.floats(n, values, t.shape());
        });
    }

    private String int64Const(Node node, int index) {
        return graph.longs(constant(node, index).asLongs());
    }

    private boolean isConstant(Node node, int index) {
        return model.constants().containsKey(TfjsGraphModel.stripPort(node.inputs().get(index)));
    }

    private Tensor constant(Node node, int index) {
        String ref = TfjsGraphModel.stripPort(node.inputs().get(index));
        Tensor t = model.constants().get(ref);
        if (t == null) {
            throw new IllegalArgumentException("input " + index + " of " + node.name() + " must be a constant, got " + ref);
        }
        return t;
    }

    /** TensorFlow conv filter [KH, KW, Cin, Cout] to ONNX [Cout, Cin, KH, KW]. */
    static float[] convFilter(Tensor filter) {
        int kh = (int) filter.shape()[0];
        int kw = (int) filter.shape()[1];
        int cin = (int) filter.shape()[2];
        int cout = (int) filter.shape()[3];
        float[] in = filter.floats();
        float[] out = new float[in.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < cin; i++) {
                    for (int o = 0; o < cout; o++) {
                        out[((o * cin + i) * kh + y) * kw + x] = in[((y * kw + x) * cin + i) * cout + o];
                    }
                }
            }
        }
        return out;
    }

    /**
     * TensorFlow depthwise filter [KH, KW, C, M] to ONNX grouped-conv weights [C·M, 1, KH, KW];
     * TensorFlow's output channel {@code c·M + m} comes from input channel {@code c}.
     */
    static float[] depthwiseFilter(Tensor filter) {
        int kh = (int) filter.shape()[0];
        int kw = (int) filter.shape()[1];
        int c = (int) filter.shape()[2];
        int m = (int) filter.shape()[3];
        float[] in = filter.floats();
        float[] out = new float[in.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int k = 0; k < m; k++) {
                        out[((ch * m + k) * kh + y) * kw + x] = in[((y * kw + x) * c + ch) * m + k];
                    }
                }
            }
        }
        return out;
    }

    static float[] transpose2d(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }
}
