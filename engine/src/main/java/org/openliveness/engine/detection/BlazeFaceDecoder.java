package org.openliveness.engine.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Iou;

/**
 * Turns BlazeFace's raw outputs into face boxes: anchor decoding, sigmoid scores and
 * non-maximum suppression.
 *
 * <p>The 256-px "back" model predicts, for each of 896 anchors, one logit and 16 numbers:
 * the box centre offset (x, y) from the anchor and the box size (w, h), then six keypoints
 * as offsets (x, y) from the anchor, all in pixels of the 256×256 input. Anchors: a 16×16
 * grid (stride 16) with 2 anchors per cell, then an 8×8 grid (stride 32) with 6 per cell,
 * centres at {@code (g + 0.5) × stride}.
 */
final class BlazeFaceDecoder {

    static final int INPUT_SIZE = 256;
    static final int ANCHORS = 896;
    private static final double[] ANCHOR_XY = anchors();

    private BlazeFaceDecoder() {}

    private static double[] anchors() {
        double[] xy = new double[ANCHORS * 2];
        int i = 0;
        int[][] levels = {{16, 2}, {32, 6}};
        for (int[] level : levels) {
            int stride = level[0];
            int cells = INPUT_SIZE / stride;
            for (int gy = 0; gy < cells; gy++) {
                for (int gx = 0; gx < cells; gx++) {
                    for (int n = 0; n < level[1]; n++) {
                        xy[i++] = stride * (gx + 0.5);
                        xy[i++] = stride * (gy + 0.5);
                    }
                }
            }
        }
        return xy;
    }

    /**
     * Decodes the detector's outputs into every candidate scoring at least {@code minScore}.
     *
     * @param logits      896 logits, anchors in the order above
     * @param regressors  896 × 16 regressors, row-major
     * @param imageWidth  width of the image that was stretched to 256×256
     * @param imageHeight height of that image
     * @param minScore    drop candidates scoring below this (0..1)
     * @return candidates in that image's pixels, in anchor order
     */
    static List<Detection> candidates(float[] logits, float[] regressors, double imageWidth, double imageHeight, double minScore) {
        if (logits.length != ANCHORS || regressors.length != ANCHORS * 16) {
            throw new IllegalArgumentException("expected " + ANCHORS + " logits and " + ANCHORS * 16
                    + " regressors, got " + logits.length + " and " + regressors.length);
        }
        double sx = imageWidth / INPUT_SIZE;
        double sy = imageHeight / INPUT_SIZE;
        List<Detection> candidates = new ArrayList<>();
        for (int a = 0; a < ANCHORS; a++) {
            double score = 1 / (1 + Math.exp(-logits[a]));
            if (score < minScore) {
                continue;
            }
            int r = a * 16;
            double ax = ANCHOR_XY[2 * a];
            double ay = ANCHOR_XY[2 * a + 1];
            double cx = (regressors[r] + ax) * sx;
            double cy = (regressors[r + 1] + ay) * sy;
            double w = Math.abs(regressors[r + 2]) * sx;
            double h = Math.abs(regressors[r + 3]) * sy;
            double[] keypoints = new double[12];
            for (int k = 0; k < 6; k++) {
                keypoints[2 * k] = (regressors[r + 4 + 2 * k] + ax) * sx;
                keypoints[2 * k + 1] = (regressors[r + 5 + 2 * k] + ay) * sy;
            }
            candidates.add(new Detection(new Box(cx - w / 2, cy - h / 2, w, h), score, keypoints));
        }
        return candidates;
    }

    /**
     * Greedy suppression by descending score: a candidate is dropped when it overlaps a kept (so
     * stronger) face by more than {@code maxIou}, or when more than {@code maxInside} of its area lies
     * inside a kept face (a part of a face found again, nested in the whole).
     *
     * @return at most {@code maxFaces} faces, by descending score
     */
    static List<Detection> select(List<Detection> candidates, double maxIou, double maxInside, int maxFaces) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            if (kept.size() >= maxFaces) {
                break;
            }
            if (kept.stream().noneMatch(k -> Iou.of(k.box(), candidate.box()) > maxIou
                    || Iou.inside(candidate.box(), k.box()) > maxInside)) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
