package org.openliveness.models.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow.js graph model read from disk: the GraphDef nodes of {@code model.json}
 * ({@code modelTopology.node}) and its weights, dequantised to float32 (or int32).
 *
 * <p>Weights are stored shard after shard in manifest order. Quantised weights are
 * {@code float16} (IEEE half, no scale) or {@code uint8}/{@code uint16} with
 * {@code value = min + scale × q}.
 */
final class TfjsGraphModel {

    /** One GraphDef node: its name, operation, data inputs (control inputs dropped) and raw attributes. */
    record Node(String name, String op, List<String> inputs, JsonNode attr) {

        String string(String key) {
            JsonNode v = attr.path(key).path("s");
            return v.isMissingNode() ? null : new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
        }

        long[] ints(String key) {
            JsonNode list = attr.path(key).path("list").path("i");
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i).asLong();
            }
            return out;
        }

        List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : attr.path(key).path("list").path("s")) {
                out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
            }
            return out;
        }

        boolean bool(String key) {
            return attr.path(key).path("b").asBoolean(false);
        }

        float floatAttr(String key, float fallback) {
            JsonNode v = attr.path(key).path("f");
            return v.isMissingNode() ? fallback : (float) v.asDouble();
        }

        long[] placeholderShape() {
            JsonNode dims = attr.path("shape").path("shape").path("dim");
            long[] out = new long[dims.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dims.get(i).path("size").asLong();
            }
            return out;
        }
    }

    /** A constant tensor: float32 data in {@code floats}, or int32 data in {@code ints}. */
    record Tensor(long[] shape, float[] floats, int[] ints) {
        boolean isInt() {
            return ints != null;
        }

        long[] asLongs() {
            long[] out = new long[isInt() ? ints.length : floats.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = isInt() ? ints[i] : (long) floats[i];
            }
            return out;
        }
    }

    private final List<Node> nodes;
    private final Map<String, Tensor> constants;
    private final List<String> outputs;

    private TfjsGraphModel(List<Node> nodes, Map<String, Tensor> constants, List<String> outputs) {
        this.nodes = nodes;
        this.constants = constants;
        this.outputs = outputs;
    }

    List<Node> nodes() {
        return nodes;
    }

    Map<String, Tensor> constants() {
        return constants;
    }

    /** Output node names: the signature's outputs when present, else nodes nothing consumes. */
    List<String> outputs() {
        return outputs;
    }

    static TfjsGraphModel read(Path modelJson) {
        try {
            JsonNode root = new ObjectMapper().readTree(modelJson.toFile());
            List<Node> nodes = new ArrayList<>();
            for (JsonNode n : root.path("modelTopology").path("node")) {
                List<String> inputs = new ArrayList<>();
                for (JsonNode in : n.path("input")) {
                    String ref = in.asText();
                    if (!ref.startsWith("^")) {
                        inputs.add(ref);
                    }
                }
                nodes.add(new Node(n.path("name").asText(), n.path("op").asText(), inputs, n.path("attr")));
            }
            Map<String, Tensor> constants = readWeights(root.path("weightsManifest"), modelJson.getParent());
            for (Node node : nodes) {
                if (node.op().equals("Const") && !constants.containsKey(node.name())) {
                    constants.put(node.name(), inlineTensor(node));
                }
            }
            return new TfjsGraphModel(nodes, constants, outputs(root, nodes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TensorFlow.js model " + modelJson, e);
        }
    }

    private static List<String> outputs(JsonNode root, List<Node> nodes) {
        List<String> outputs = new ArrayList<>();
        JsonNode signature = root.path("signature").path("outputs");
        if (signature.isObject() && signature.size() > 0) {
            signature.forEach(o -> outputs.add(stripPort(o.path("name").asText())));
            return outputs;
        }
        java.util.Set<String> consumed = new java.util.HashSet<>();
        nodes.forEach(n -> n.inputs().forEach(in -> consumed.add(stripPort(in))));
        for (Node n : nodes) {
            if (!consumed.contains(n.name()) && !n.op().equals("Const")) {
                outputs.add(n.name());
            }
        }
        return outputs;
    }

    static String stripPort(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > 0 && ref.substring(colon + 1).chars().allMatch(Character::isDigit) ? ref.substring(0, colon) : ref;
    }

    /** Reads every weight group (shards concatenated in order) into dequantised tensors. */
    static Map<String, Tensor> readWeights(JsonNode manifest, Path dir) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (JsonNode path : group.path("paths")) {
                bytes.writeBytes(Files.readAllBytes(dir.resolve(path.asText())));
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.path("weights")) {
                long[] shape = new long[w.path("shape").size()];
                int count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.path("shape").get(i).asLong();
                    count *= (int) shape[i];
                }
                out.put(w.path("name").asText(), readTensor(buffer, w, shape, count));
            }
            if (buffer.hasRemaining()) {
                throw new IllegalStateException("weights manifest leaves " + buffer.remaining() + " bytes unread");
            }
        }
        return out;
    }

    private static Tensor readTensor(ByteBuffer buffer, JsonNode weight, long[] shape, int count) {
        String dtype = weight.path("dtype").asText();
        JsonNode quantization = weight.path("quantization");
        if (!quantization.isMissingNode()) {
            String qtype = quantization.path("dtype").asText();
            float[] values = new float[count];
            switch (qtype) {
                case "float16" -> {
                    for (int i = 0; i < count; i++) {
                        values[i] = halfToFloat(buffer.getShort());
                    }
                }
                case "uint8", "uint16" -> {
                    double min = quantization.path("min").asDouble();
                    double scale = quantization.path("scale").asDouble();
                    for (int i = 0; i < count; i++) {
                        int q = qtype.equals("uint8") ? buffer.get() & 0xFF : buffer.getShort() & 0xFFFF;
                        values[i] = (float) (min + scale * q);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported weight quantization " + qtype);
            }
            if (dtype.equals("int32")) {
                int[] ints = new int[count];
                for (int i = 0; i < count; i++) {
                    ints[i] = Math.round(values[i]);
                }
                return new Tensor(shape, null, ints);
            }
            return new Tensor(shape, values, null);
        }
        switch (dtype) {
            case "float32" -> {
                float[] values = new float[count];
                buffer.asFloatBuffer().get(values);
                buffer.position(buffer.position() + count * 4);
                return new Tensor(shape, values, null);
            }
            case "int32" -> {
                int[] values = new int[count];
                buffer.asIntBuffer().get(values);
                buffer.position(buffer.position() + count * 4);
                return new Tensor(shape, null, values);
            }
            default -> throw new IllegalArgumentException("unsupported weight dtype " + dtype);
        }
    }

    private static Tensor inlineTensor(Node node) {
        JsonNode tensor = node.attr().path("value").path("tensor");
        JsonNode dims = tensor.path("tensorShape").path("dim");
        long[] shape = new long[dims.size()];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).path("size").asLong();
            count *= (int) shape[i];
        }
        String dtype = tensor.path("dtype").asText();
        if (tensor.has("tensorContent")) {
            ByteBuffer raw = ByteBuffer.wrap(Base64.getDecoder().decode(tensor.path("tensorContent").asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (dtype.equals("DT_INT32")) {
                int[] values = new int[count];
                raw.asIntBuffer().get(values);
                return new Tensor(shape, null, values);
            }
            float[] values = new float[count];
            raw.asFloatBuffer().get(values);
            return new Tensor(shape, values, null);
        }
        JsonNode vals = dtype.equals("DT_INT32") ? tensor.path("intVal") : tensor.path("floatVal");
        if (vals.isMissingNode() || vals.size() == 0) {
            throw new IllegalArgumentException("constant " + node.name() + " has no weights and no inline value");
        }
        int n = Math.max(count, 1);
        if (dtype.equals("DT_INT32")) {
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = vals.get(Math.min(i, vals.size() - 1)).asInt();
            }
            return new Tensor(shape, null, values);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) vals.get(Math.min(i, vals.size() - 1)).asDouble();
        }
        return new Tensor(shape, values, null);
    }

    /** IEEE 754 half precision to float, including subnormals, infinities and NaN. */
    static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
