package org.openliveness.engine.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * Finds faces with BlazeFace (the 256-px "back" model): the whole image is stretched to
 * 256×256 with TensorFlow's default bilinear resize and scaled to {@code x / 127.5 − 1}.
 *
 * <p>A face that fills the frame — a selfie taken close, a tight crop — is often missed or found
 * cut at the edge, because the model was made for smaller faces and the frame leaves it no margin.
 * So when the first pass finds no face, or a face touching the image's edge, a second pass runs on
 * the image placed in the middle of a black square {@code (1 + 2·padding)} times its longer side
 * (sampled directly, no padded copy is made); the candidates of both passes are then suppressed
 * together. Suppression keeps the stronger of two candidates overlapping by more than
 * {@code maxIou}, and drops a candidate lying mostly ({@code > maxInside} of its area) inside a
 * stronger one — a part of the face found again. Thread-safe.
 */
public final class FaceDetector {

    /** A box within this share of the image's side from an edge touches it. */
    static final double EDGE = 0.02;

    private final OnnxModel model;
    private final double minScore;
    private final double maxIou;
    private final double maxInside;
    private final double padding;
    private final int maxFaces;

    /**
     * @param model     the converted {@code blazeface} model
     * @param minScore  candidates below this confidence are dropped (0..1)
     * @param maxIou    a candidate overlapping a stronger one by more than this IoU is dropped
     * @param maxInside a candidate with more than this share of its area inside a stronger one is dropped (0..1]
     * @param padding   the second pass's margin on each side, as a share of the longer side; 0 for no second pass
     * @param maxFaces  at most this many faces are returned
     */
    public FaceDetector(OnnxModel model, double minScore, double maxIou, double maxInside, double padding, int maxFaces) {
        if (!(minScore > 0 && minScore < 1) || !(maxIou > 0 && maxIou <= 1) || !(maxInside > 0 && maxInside <= 1)
                || !(padding >= 0 && padding <= 2) || maxFaces < 1) {
            throw new IllegalArgumentException("invalid detector settings: minScore " + minScore + ", maxIou " + maxIou
                    + ", maxInside " + maxInside + ", padding " + padding + ", maxFaces " + maxFaces);
        }
        this.model = model;
        this.minScore = minScore;
        this.maxIou = maxIou;
        this.maxInside = maxInside;
        this.padding = padding;
        this.maxFaces = maxFaces;
    }

    /** Faces in {@code image}, by descending score, in the image's pixels (a box may reach past the image's edge). */
    public List<Detection> detect(RgbImage image) {
        int size = BlazeFaceDecoder.INPUT_SIZE;
        List<Detection> candidates = new ArrayList<>(run(
                Warp.resizeToTensor(image, size, size, ChannelLayout.RGB, Normalisation.symmetric()), image.width(), image.height()));
        List<Detection> faces = BlazeFaceDecoder.select(candidates, maxIou, maxInside, maxFaces);
        if (padding > 0 && (faces.isEmpty() || faces.stream().anyMatch(f -> touchesEdge(f.box(), image.width(), image.height())))) {
            double side = Math.max(image.width(), image.height()) * (1 + 2 * padding);
            double left = (side - image.width()) / 2;
            double top = (side - image.height()) / 2;
            float[] padded = Warp.cropToTensor(image, Warp.boxTransform(-left, -top, side, side, size, size), size, size,
                    ChannelLayout.RGB, Normalisation.symmetric());
            for (Detection d : run(padded, side, side)) {
                candidates.add(shifted(d, -left, -top));
            }
            faces = BlazeFaceDecoder.select(candidates, maxIou, maxInside, maxFaces);
        }
        return faces;
    }

    /** Whether {@code box} reaches within {@value #EDGE} of the image's width or height from an edge. */
    static boolean touchesEdge(Box box, int width, int height) {
        double mx = EDGE * width;
        double my = EDGE * height;
        return box.x() <= mx || box.y() <= my || box.x2() >= width - mx || box.y2() >= height - my;
    }

    private List<Detection> run(float[] input, double width, double height) {
        int size = BlazeFaceDecoder.INPUT_SIZE;
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
        return BlazeFaceDecoder.candidates(logits, regressors, width, height, minScore);
    }

    private static Detection shifted(Detection d, double dx, double dy) {
        double[] k = d.keypoints().clone();
        for (int i = 0; i < k.length; i += 2) {
            k[i] += dx;
            k[i + 1] += dy;
        }
        Box b = d.box();
        return new Detection(new Box(b.x() + dx, b.y() + dy, b.width(), b.height()), d.score(), k);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
