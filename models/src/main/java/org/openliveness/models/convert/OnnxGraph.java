package org.openliveness.models.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX model (opset {@value #OPSET}) node by node and serialises it. Only what the
 * converters need: float32 and int64 initializers, float32 graph inputs and outputs, and
 * int, float, ints, floats and string attributes.
 *
 * <p>Field numbers follow {@code onnx.proto} (ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto).
 */
final class OnnxGraph {

    static final int OPSET = 13;
    private static final long IR_VERSION = 7;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final String name;
    private final List<Protobuf> nodes = new ArrayList<>();
    private final List<Protobuf> initializers = new ArrayList<>();
    private final List<Protobuf> inputs = new ArrayList<>();
    private final List<Protobuf> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int counter;

    OnnxGraph(String name) {
        this.name = name;
    }

    /** A fresh value name with the given prefix, unique within this graph. */
    String fresh(String prefix) {
        String candidate;
        do {
            candidate = prefix + "__" + (counter++);
        } while (names.contains(candidate));
        names.add(candidate);
        return candidate;
    }

    /** Declares a float32 graph input; a negative dimension is symbolic ({@code N}). */
    void input(String valueName, long... dims) {
        inputs.add(valueInfo(valueName, dims));
        names.add(valueName);
    }

    /** Declares a float32 graph output; dimensions may be left empty when unknown. */
    void output(String valueName, long... dims) {
        outputs.add(valueInfo(valueName, dims));
    }

    /** Adds a float32 constant; {@code dims} must multiply to {@code values.length}. */
    String floats(String valueName, float[] values, long... dims) {
        checkCount(values.length, dims, valueName);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(valueName, FLOAT, dims, raw.array()));
        names.add(valueName);
        return valueName;
    }

    /** Adds an int64 constant (shapes, axes, pads). */
    String longs(String valueName, long[] values, long... dims) {
        checkCount(values.length, dims, valueName);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(valueName, INT64, dims, raw.array()));
        names.add(valueName);
        return valueName;
    }

    /** A one-dimensional int64 constant with a fresh name. */
    String longs(long... values) {
        return longs(fresh("const"), values, values.length);
    }

    /** A float32 rank-0 constant with a fresh name (Clip's min and max must be scalars). */
    String scalarClip(float value) {
        return floats(fresh("const"), new float[] {value});
    }

    /** A float32 scalar-like constant of shape [1] with a fresh name. */
    String scalar(float value) {
        return floats(fresh("const"), new float[] {value}, 1);
    }

    /**
     * Adds a node. {@code attributes} maps attribute names to {@code Long}, {@code Float},
     * {@code String}, {@code long[]} or {@code float[]} values.
     */
    void node(String opType, List<String> nodeInputs, List<String> nodeOutputs, Map<String, Object> attributes) {
        Protobuf node = new Protobuf();
        nodeInputs.forEach(in -> node.string(1, in));
        nodeOutputs.forEach(out -> {
            node.string(2, out);
            names.add(out);
        });
        node.string(3, nodeOutputs.get(0) + "/" + opType);
        node.string(4, opType);
        attributes.forEach((key, value) -> node.message(5, attribute(key, value)));
        nodes.add(node);
    }

    /** Adds a single-output node whose output gets a fresh name derived from {@code hint}. */
    String op(String opType, String hint, Map<String, Object> attributes, String... nodeInputs) {
        String out = fresh(hint);
        node(opType, List.of(nodeInputs), List.of(out), attributes);
        return out;
    }

    /** Adds a single-output node without attributes. */
    String op(String opType, String hint, String... nodeInputs) {
        return op(opType, hint, Map.of(), nodeInputs);
    }

    /** Adds a single-output node writing to an explicitly named value. */
    String opNamed(String opType, String outputName, Map<String, Object> attributes, String... nodeInputs) {
        node(opType, List.of(nodeInputs), List.of(outputName), attributes);
        return outputName;
    }

    /** Serialises the model with the given producer name. */
    byte[] toModelBytes(String producer) {
        Protobuf graph = new Protobuf();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));

        Protobuf model = new Protobuf();
        model.int64(1, IR_VERSION);
        model.string(2, producer);
        model.message(7, graph);
        model.message(8, new Protobuf().string(1, "").int64(2, OPSET));
        return model.toByteArray();
    }

    private static void checkCount(int count, long[] dims, String valueName) {
        long expected = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        if (expected != count) {
            throw new IllegalArgumentException(valueName + ": shape " + Arrays.toString(dims)
                    + " holds " + expected + " values, got " + count);
        }
    }

    private static Protobuf tensor(String valueName, int dataType, long[] dims, byte[] raw) {
        Protobuf tensor = new Protobuf();
        tensor.packedInt64(1, dims);
        tensor.int64(2, dataType);
        tensor.string(8, valueName);
        tensor.bytes(9, raw);
        return tensor;
    }

    private static Protobuf valueInfo(String valueName, long[] dims) {
        Protobuf shape = new Protobuf();
        for (long d : dims) {
            Protobuf dim = new Protobuf();
            if (d >= 0) {
                dim.int64(1, d);
            } else {
                dim.string(2, "N");
            }
            shape.message(1, dim);
        }
        Protobuf tensorType = new Protobuf().int64(1, FLOAT);
        if (dims.length > 0) {
            tensorType.message(2, shape);
        }
        return new Protobuf().string(1, valueName).message(2, new Protobuf().message(1, tensorType));
    }

    private static Protobuf attribute(String key, Object value) {
        Protobuf attr = new Protobuf().string(1, key);
        if (value instanceof Float f) {
            attr.float32(2, f).int64(20, 1);
        } else if (value instanceof Long l) {
            attr.int64(3, l).int64(20, 2);
        } else if (value instanceof Integer i) {
            attr.int64(3, i).int64(20, 2);
        } else if (value instanceof String s) {
            attr.string(4, s).int64(20, 3);
        } else if (value instanceof float[] fs) {
            attr.packedFloat(7, fs).int64(20, 6);
        } else if (value instanceof long[] ls) {
            attr.packedInt64(8, ls).int64(20, 7);
        } else {
            throw new IllegalArgumentException("unsupported attribute type for " + key + ": " + value.getClass());
        }
        return attr;
    }

    /** Convenience for attribute maps that keep insertion order. */
    static Map<String, Object> attrs(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
