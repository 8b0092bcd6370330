package org.openliveness.engine.antispoof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.engine.onnx.ModelSpec;

/**
 * How to feed a passive presentation-attack (PAD) model and read its answer: the bundled
 * {@link #FR_LIVENESS}, or an operator's own ONNX model described by a small JSON file
 * ({@link #read(Path)}).
 *
 * <p>The model sees a {@link ContextCrop} of the photo around the face box ({@code cropScale} × the
 * box, shifted inside the image, limited by its size), resized to {@code width × height} with
 * OpenCV's bilinear resize ({@link org.openliveness.engine.geometry.OpenCvResize}), channels in
 * {@code channels} order, each value {@code (v − mean[c]) / std[c]} with {@code v} in 0..255,
 * laid out {@code layout} for a batch of one. Its output {@code output} is turned into
 * probabilities by {@code activation} and element {@code liveIndex} is the probability that the
 * face is live (bona fide).
 *
 * @param name       a name for reports and results, e.g. {@code fr_liveness}
 * @param model      the ONNX file, or {@code null} for the bundled {@link ModelId#FR_LIVENESS}
 * @param sha256     hex SHA-256 the file must have, or {@code null} to skip the check
 * @param input      the model's one input
 * @param layout     tensor layout of the input
 * @param width      input width in pixels
 * @param height     input height in pixels
 * @param channels   colour order of the input's three channels
 * @param mean       per channel (in {@code channels} order), subtracted from 0..255 values
 * @param std        per channel, the divisor after subtracting {@code mean}; non-zero
 * @param cropScale  crop side over face-box side, before the image's size limits it
 * @param output     the output holding the scores
 * @param liveIndex  which element of {@code output} is "live"
 * @param activation how the output becomes a probability
 */
public record PadModelDescriptor(String name, Path model, String sha256, String input, Layout layout, int width, int height,
                                 ChannelOrder channels, double[] mean, double[] std, double cropScale,
                                 String output, int liveIndex, Activation activation) {

    /** Tensor layout of a batch of one image. */
    public enum Layout {
        /** {@code [1, 3, height, width]}: each channel's plane in turn. */
        NCHW,
        /** {@code [1, height, width, 3]}: the channels of each pixel together. */
        NHWC
    }

    /** Order of the three colour channels in the input. */
    public enum ChannelOrder { RGB, BGR }

    /** How the chosen output becomes a probability. */
    public enum Activation {
        /** Softmax over the output's values (logits of mutually exclusive classes). */
        SOFTMAX,
        /** The logistic function of the live element alone. */
        SIGMOID,
        /** The output already holds probabilities. */
        NONE
    }

    /**
     * The bundled {@code fr_liveness} of {@code faceplugin-face-recognition-js@0.0.1}, fed as its
     * {@code lib/fr_liveness.js} feeds it — a 2.7× crop about the face box resized to 128×128, raw
     * 0..255 values, NCHW, input {@code input}, softmax over the three values of {@code output},
     * class 0 live — except for the colour order: BGR (OpenCV's order, as the model was trained)
     * measured clearly better on real attacks than the RGB the package's browser code passes
     * (pooled AUC 0.87 vs 0.78, {@code MODEL-NOTES.md}; {@code docs/ACCURACY.md}).
     */
    public static final PadModelDescriptor FR_LIVENESS = new PadModelDescriptor(ModelId.FR_LIVENESS.id(), null, null,
            "input", Layout.NCHW, 128, 128, ChannelOrder.BGR, new double[] {0, 0, 0}, new double[] {1, 1, 1}, 2.7,
            "output", 0, Activation.SOFTMAX);

    private static final Set<String> FIELDS = Set.of("name", "model", "sha256", "input", "layout", "width", "height",
            "channels", "mean", "std", "cropScale", "output", "liveIndex", "activation");

    public PadModelDescriptor {
        require(name != null && !name.isBlank(), "name", "a non-empty name", name);
        require(input != null && !input.isBlank(), "input", "the input's name", input);
        require(output != null && !output.isBlank(), "output", "the output's name", output);
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(activation, "activation");
        require(width >= 8 && width <= 2048, "width", "8..2048 pixels", width);
        require(height >= 8 && height <= 2048, "height", "8..2048 pixels", height);
        require(mean != null && mean.length == 3 && Arrays.stream(mean).allMatch(Double::isFinite), "mean",
                "3 finite numbers", mean == null ? null : Arrays.toString(mean));
        require(std != null && std.length == 3 && Arrays.stream(std).allMatch(s -> Double.isFinite(s) && s != 0), "std",
                "3 finite non-zero numbers", std == null ? null : Arrays.toString(std));
        require(cropScale >= 1 && cropScale <= 10, "cropScale", "1..10", cropScale);
        require(liveIndex >= 0, "liveIndex", "an index ≥ 0", liveIndex);
        require(sha256 == null || sha256.matches("[0-9a-fA-F]{64}"), "sha256", "64 hex digits", sha256);
        mean = mean.clone();
        std = std.clone();
    }

    /** Whether this is the bundled model (no file of its own). */
    public boolean bundled() {
        return model == null;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** The input shape the model must declare (a dimension it declares as dynamic matches too). */
    public long[] inputShape() {
        return layout == Layout.NCHW ? new long[] {1, 3, height, width} : new long[] {1, height, width, 3};
    }

    /** What the model file must provide, for {@link org.openliveness.engine.onnx.ModelRegistry#loadFile}. */
    public ModelSpec spec() {
        return new ModelSpec(name, model == null ? ModelId.FR_LIVENESS.id() + ".onnx" : model.toString(), sha256,
                model == null ? "bundled" : model.toString(), input, inputShape(), List.of(output));
    }

    /**
     * Reads a descriptor file: a JSON object with {@code model} (the ONNX file, relative to the
     * descriptor's folder), {@code input}, {@code width}, {@code height}, {@code output},
     * {@code liveIndex}, and optionally {@code name} (default: the file name without {@code .onnx}),
     * {@code sha256}, {@code layout} ({@code NCHW} default, or {@code NHWC}), {@code channels}
     * ({@code RGB} default, or {@code BGR}), {@code mean} and {@code std} (a number or three; default 0
     * and 1: raw 0..255 values), {@code cropScale} (default 2.7) and {@code activation}
     * ({@code softmax} default, {@code sigmoid}, {@code none}). Unknown keys are refused.
     *
     * @throws IllegalArgumentException naming the field, what was expected and what was found
     */
    public static PadModelDescriptor read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("presentation-attack model descriptor " + file + ": expected a JSON object, got "
                    + e.getMessage(), e);
        }
        try {
            return parse(root, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("presentation-attack model descriptor " + file + ": " + e.getMessage(), e);
        }
    }

    static PadModelDescriptor parse(JsonNode root, Path dir) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + root);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("expected only the keys " + FIELDS.stream().sorted().toList() + ", got " + key);
            }
        }
        String modelName = text(root, "model", null);
        if (modelName == null) {
            throw new IllegalArgumentException("expected model (the ONNX file), got none");
        }
        Path model = dir == null ? Path.of(modelName) : dir.resolve(modelName).normalize();
        String defaultName = Path.of(modelName).getFileName().toString().replaceFirst("\\.onnx$", "");
        return new PadModelDescriptor(text(root, "name", defaultName), model, text(root, "sha256", null),
                text(root, "input", null), enumValue(root, "layout", Layout.class, Layout.NCHW),
                integer(root, "width"), integer(root, "height"),
                enumValue(root, "channels", ChannelOrder.class, ChannelOrder.RGB),
                triple(root, "mean", 0), triple(root, "std", 1), number(root, "cropScale", 2.7),
                text(root, "output", null), integer(root, "liveIndex"),
                enumValue(root, "activation", Activation.class, Activation.SOFTMAX));
    }

    private static String text(JsonNode root, String key, String fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("expected " + key + " to be a string, got " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("expected " + key + " to be an integer, got " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode root, String key, double fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("expected " + key + " to be a number, got " + n);
        }
        return n.asDouble();
    }

    private static double[] triple(JsonNode root, String key, double fallback) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return new double[] {fallback, fallback, fallback};
        }
        if (n.isNumber()) {
            return new double[] {n.asDouble(), n.asDouble(), n.asDouble()};
        }
        if (n.isArray() && n.size() == 3 && n.get(0).isNumber() && n.get(1).isNumber() && n.get(2).isNumber()) {
            return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
        }
        throw new IllegalArgumentException("expected " + key + " to be a number or 3 numbers, got " + n);
    }

    private static <E extends Enum<E>> E enumValue(JsonNode root, String key, Class<E> type, E fallback) {
        String value = text(root, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + key + " to be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList() + ", got " + value, e);
        }
    }

    private static void require(boolean ok, String field, String expected, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("expected " + field + " to be " + expected + ", got " + got);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PadModelDescriptor d && name.equals(d.name) && Objects.equals(model, d.model)
                && Objects.equals(sha256, d.sha256) && input.equals(d.input) && layout == d.layout && width == d.width
                && height == d.height && channels == d.channels && Arrays.equals(mean, d.mean) && Arrays.equals(std, d.std)
                && cropScale == d.cropScale && output.equals(d.output) && liveIndex == d.liveIndex && activation == d.activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, model, input, layout, width, height, channels, Arrays.hashCode(mean), Arrays.hashCode(std),
                cropScale, output, liveIndex, activation);
    }

    @Override
    public String toString() {
        return "PadModelDescriptor[" + name + (model == null ? " (bundled)" : " " + model) + ", input " + input + " " + layout
                + " " + width + "x" + height + " " + channels + ", mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std)
                + ", crop ×" + cropScale + ", output " + output + "[" + liveIndex + "] " + activation + "]";
    }
}
