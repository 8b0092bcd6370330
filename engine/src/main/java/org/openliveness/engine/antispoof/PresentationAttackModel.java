package org.openliveness.engine.antispoof;

import java.util.Arrays;
import java.util.Objects;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.OpenCvResize;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.onnx.ModelException;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * A passive presentation-attack model run as its {@link PadModelDescriptor} says: the bundled
 * {@code fr_liveness} or an operator's own. The model's declared input shape and output are checked
 * against the descriptor when this is built, so a mismatch stops the engine at start with
 * "expected … got …". Thread-safe.
 */
public final class PresentationAttackModel {

    private final OnnxModel model;
    private final PadModelDescriptor descriptor;

    /**
     * @throws ModelException when the model's input shape or its output does not fit the descriptor
     */
    public PresentationAttackModel(OnnxModel model, PadModelDescriptor descriptor) {
        this.model = Objects.requireNonNull(model, "model");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        String what = "presentation-attack model " + descriptor.name();
        if (!model.spec().input().equals(descriptor.input()) || !model.spec().outputs().contains(descriptor.output())) {
            throw new ModelException(what + ": expected input " + descriptor.input() + " and output " + descriptor.output()
                    + ", got a model loaded for input " + model.spec().input() + " and outputs " + model.spec().outputs());
        }
        long[] declared = model.inputShape();
        long[] wanted = descriptor.inputShape();
        for (int i = 0; i < wanted.length; i++) {
            if (declared.length != wanted.length || (declared[i] >= 0 && declared[i] != wanted[i])) {
                throw new ModelException(what + ": expected input shape " + Arrays.toString(wanted) + " (" + descriptor.layout()
                        + ", " + descriptor.width() + "×" + descriptor.height() + "), got " + Arrays.toString(declared));
            }
        }
        long[] out = model.outputShape(descriptor.output());
        long values = Arrays.stream(out).reduce(1, (a, b) -> a * b);
        boolean known = Arrays.stream(out).allMatch(d -> d >= 0);
        long classes = out.length == 0 ? 1 : out[out.length - 1];
        if (known && values != classes) {
            throw new ModelException(what + ": expected output " + descriptor.output() + " to hold one score vector for a batch of one, got shape "
                    + Arrays.toString(out));
        }
        if (classes >= 0 && descriptor.liveIndex() >= classes) {
            throw new ModelException(what + ": expected output " + descriptor.output() + " to have more than liveIndex "
                    + descriptor.liveIndex() + " values, got shape " + Arrays.toString(out));
        }
        if (classes >= 0 && descriptor.activation() == PadModelDescriptor.Activation.SOFTMAX && classes < 2) {
            throw new ModelException(what + ": expected at least 2 values for a softmax in output " + descriptor.output()
                    + ", got shape " + Arrays.toString(out));
        }
    }

    public PadModelDescriptor descriptor() {
        return descriptor;
    }

    /** The live probability of the face in {@code face} (image pixels) of {@code image}. */
    public LiveScore score(RgbImage image, Box face) {
        float[] tensor = input(image, face, descriptor);
        float[] out = model.run(tensor, descriptor.inputShape())[0];
        return new LiveScore(descriptor.name(), live(out, descriptor));
    }

    /**
     * The model's input for a face: the {@link ContextCrop} resized with {@link OpenCvResize} to
     * {@code width × height}, channels in the descriptor's order, {@code (v − mean[c]) / std[c]} on
     * 0..255 values, laid out NCHW ({@code [c][y][x]}) or NHWC ({@code [y][x][c]}).
     */
    static float[] input(RgbImage image, Box face, PadModelDescriptor d) {
        ContextCrop crop = ContextCrop.around(face, image.width(), image.height(), d.cropScale());
        RgbImage resized = OpenCvResize.resize(image, crop.x(), crop.y(), crop.width(), crop.height(), d.width(), d.height());
        return tensor(resized, d);
    }

    /** {@code image} (already {@code width × height}) as the descriptor's tensor. */
    static float[] tensor(RgbImage image, PadModelDescriptor d) {
        int w = image.width();
        int h = image.height();
        if (w != d.width() || h != d.height()) {
            throw new IllegalArgumentException("expected a " + d.width() + "x" + d.height() + " image, got " + w + "x" + h);
        }
        byte[] px = image.rgb();
        boolean bgr = d.channels() == PadModelDescriptor.ChannelOrder.BGR;
        double[] mean = d.mean();
        double[] std = d.std();
        int plane = w * h;
        float[] out = new float[plane * 3];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                int source = bgr ? 2 - c : c;
                float v = (float) (((px[p * 3 + source] & 0xFF) - mean[c]) / std[c]);
                out[d.layout() == PadModelDescriptor.Layout.NCHW ? c * plane + p : p * 3 + c] = v;
            }
        }
        return out;
    }

    /** The live probability from the model's output values. */
    static double live(float[] out, PadModelDescriptor d) {
        int i = d.liveIndex();
        double p = switch (d.activation()) {
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : out) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (float v : out) {
                    sum += Math.exp(v - max);
                }
                yield Math.exp(out[i] - max) / sum;
            }
            case SIGMOID -> 1 / (1 + Math.exp(-out[i]));
            case NONE -> out[i];
        };
        if (!(p >= 0 && p <= 1)) {
            throw new ModelException("presentation-attack model " + d.name() + ": expected a probability in 0..1, got " + p
                    + " from " + Arrays.toString(out));
        }
        return p;
    }
}
