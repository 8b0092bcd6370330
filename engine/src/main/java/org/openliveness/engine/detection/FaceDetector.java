package org.openliveness.engine.detection;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * Finds faces with BlazeFace (the 256-px "back" model): the whole image is stretched to
 * 256×256 with TensorFlow's default bilinear resize and scaled to {@code x / 127.5 − 1}.
 * Thread-safe.
 */
public final class FaceDetector {

    private final OnnxModel model;
    private final double minScore;
    private final double maxIou;
    private final int maxFaces;

    /**
     * @param model    the converted {@code blazeface} model
     * @param minScore candidates below this confidence are dropped (0..1)
     * @param maxIou   a candidate overlapping a better one by more than this IoU is dropped
     * @param maxFaces at most this many faces are returned
     */
    public FaceDetector(OnnxModel model, double minScore, double maxIou, int maxFaces) {
        if (!(minScore > 0 && minScore < 1) || !(maxIou > 0 && maxIou <= 1) || maxFaces < 1) {
            throw new IllegalArgumentException("invalid detector settings: minScore " + minScore
                    + ", maxIou " + maxIou + ", maxFaces " + maxFaces);
        }
        this.model = model;
        this.minScore = minScore;
        this.maxIou = maxIou;
        this.maxFaces = maxFaces;
    }

    /** Faces in {@code image}, by descending score, in the image's pixels. */
    public List<Detection> detect(RgbImage image) {
        int size = BlazeFaceDecoder.INPUT_SIZE;
        float[] input = Warp.resizeToTensor(image, size, size, ChannelLayout.RGB, Normalisation.symmetric());
        float[][] outputs = model.run(input, 1, size, size, 3);
        // Four outputs: logits and regressors for the 512 stride-16 anchors and the 384 stride-32
        // ones; ordered by size they are logits384, logits512, regressors384, regressors512.
        float[][] bySize = Arrays.stream(outputs).sorted(Comparator.comparingInt(a -> a.length)).toArray(float[][]::new);
        if (bySize.length != 4 || bySize[0].length != 384 || bySize[1].length != 512) {
            throw new IllegalStateException("unexpected blazeface outputs: " + Arrays.toString(
                    Arrays.stream(outputs).mapToInt(a -> a.length).toArray()));
        }
        float[] logits = concat(bySize[1], bySize[0]);
        float[] regressors = concat(bySize[3], bySize[2]);
        return BlazeFaceDecoder.decode(logits, regressors, image.width(), image.height(), minScore, maxIou, maxFaces);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
