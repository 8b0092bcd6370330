package org.openliveness.engine.geometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Intersection over union of axis-aligned boxes, the share of one box inside another, and greedy
 * non-maximum suppression built on them.
 */
public final class Iou {

    private Iou() {
    }

    /**
     * Intersection area divided by union area, in {@code [0, 1]}; 0 when the union is empty
     * (both boxes degenerate) or the boxes do not overlap.
     */
    public static double of(Box a, Box b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        double iw = Math.min(a.x2(), b.x2()) - Math.max(a.x(), b.x());
        double ih = Math.min(a.y2(), b.y2()) - Math.max(a.y(), b.y());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = a.area() + b.area() - inter;
        return union > 0 ? Math.min(1, inter / union) : 0;
    }

    /**
     * The share of {@code inner}'s area that lies inside {@code outer}: intersection over the area
     * of {@code inner}, in {@code [0, 1]}; 1 when {@code inner} lies wholly inside {@code outer}, 0
     * when they do not overlap or {@code inner} is degenerate. Not symmetric: a large box around a
     * small one gives 1 one way and a small share the other.
     */
    public static double inside(Box inner, Box outer) {
        Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(outer, "outer");
        double iw = Math.min(inner.x2(), outer.x2()) - Math.max(inner.x(), outer.x());
        double ih = Math.min(inner.y2(), outer.y2()) - Math.max(inner.y(), outer.y());
        if (iw <= 0 || ih <= 0 || inner.area() <= 0) {
            return 0;
        }
        return Math.min(1, iw * ih / inner.area());
    }

    /**
     * Greedy non-maximum suppression with TensorFlow's rules: boxes whose score is not strictly above
     * {@code scoreThreshold} are dropped; the rest are visited by descending score (ties by lower
     * index) and a box is kept unless its IoU with an already kept box is {@code >= iouThreshold}.
     *
     * @param boxes          candidate boxes
     * @param scores         one score per box
     * @param maxOutput      maximum number of boxes to keep, {@code >= 0}
     * @param iouThreshold   overlap at or above which the lower-scored box is suppressed
     * @param scoreThreshold minimum score (exclusive)
     * @return indices into {@code boxes} of the kept boxes, highest score first
     */
    public static int[] nms(List<Box> boxes, double[] scores, int maxOutput, double iouThreshold, double scoreThreshold) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(scores, "scores");
        if (boxes.size() != scores.length) {
            throw new IllegalArgumentException(boxes.size() + " boxes but " + scores.length + " scores");
        }
        if (maxOutput < 0) {
            throw new IllegalArgumentException("maxOutput must be >= 0, got " + maxOutput);
        }
        if (Double.isNaN(iouThreshold) || Double.isNaN(scoreThreshold)) {
            throw new IllegalArgumentException("thresholds must not be NaN");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            Objects.requireNonNull(boxes.get(i), "boxes[" + i + "]");
            if (scores[i] > scoreThreshold) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        List<Integer> kept = new ArrayList<>();
        for (int candidate : order) {
            if (kept.size() >= maxOutput) {
                break;
            }
            boolean suppressed = false;
            for (int k : kept) {
                if (of(boxes.get(candidate), boxes.get(k)) >= iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(candidate);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
