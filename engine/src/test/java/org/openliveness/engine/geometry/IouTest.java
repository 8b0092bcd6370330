package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class IouTest {

    @Test
    void knownOverlaps() {
        Box a = new Box(0, 0, 2, 2);
        assertEquals(1, Iou.of(a, a), 0);
        assertEquals(1.0 / 3, Iou.of(a, new Box(1, 0, 2, 2)), 1e-15);
        assertEquals(0.25, Iou.of(new Box(0, 0, 4, 4), new Box(1, 1, 2, 2)), 1e-15);
        assertEquals(1.0 / 7, Iou.of(a, new Box(1, 1, 2, 2)), 1e-15);
    }

    @Test
    void disjointTouchingAndDegenerateAreZero() {
        Box a = new Box(0, 0, 2, 2);
        assertEquals(0, Iou.of(a, new Box(5, 5, 1, 1)), 0);
        assertEquals(0, Iou.of(a, new Box(2, 0, 2, 2)), 0);
        assertEquals(0, Iou.of(new Box(1, 1, 0, 0), new Box(1, 1, 0, 0)), 0);
        assertEquals(0, Iou.of(a, new Box(1, 1, 0, 0)), 0);
    }

    @Test
    void insideIsTheShareOfTheInnerBox() {
        Box outer = new Box(0, 0, 10, 10);
        assertEquals(1, Iou.inside(new Box(2, 2, 3, 3), outer), 0);
        assertEquals(0.09, Iou.inside(outer, new Box(2, 2, 3, 3)), 1e-15, "not symmetric");
        assertEquals(0.5, Iou.inside(new Box(-2, 0, 4, 4), outer), 1e-15);
        assertEquals(0, Iou.inside(new Box(20, 20, 4, 4), outer), 0);
        assertEquals(0, Iou.inside(new Box(2, 2, 0, 0), outer), 0, "a degenerate box lies nowhere");
    }

    @Test
    void symmetric() {
        Box a = new Box(3.5, -2, 10, 7);
        Box b = new Box(6, 1, 4, 20);
        assertEquals(Iou.of(a, b), Iou.of(b, a), 0);
    }

    @Test
    void boxAccessorsAndValidation() {
        Box b = Box.fromCorners(10, 8, 4, 2);
        assertEquals(new Box(4, 2, 6, 6), b);
        assertEquals(10, b.x2(), 0);
        assertEquals(8, b.y2(), 0);
        assertEquals(36, b.area(), 0);
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Box(Double.NaN, 0, 1, 1));
    }

    @Test
    void nmsKeepsBestOfOverlappingBoxes() {
        List<Box> boxes = List.of(
                new Box(0, 0, 10, 10),
                new Box(1, 1, 10, 10),
                new Box(50, 50, 10, 10),
                new Box(0, 0, 10, 10));
        double[] scores = {0.8, 0.9, 0.7, 0.1};
        assertArrayEquals(new int[] {1, 2}, Iou.nms(boxes, scores, 10, 0.5, 0.0));
        assertArrayEquals(new int[] {1}, Iou.nms(boxes, scores, 1, 0.5, 0.0));
        assertArrayEquals(new int[] {1, 0, 2}, Iou.nms(boxes, scores, 10, 0.9, 0.5));
        assertArrayEquals(new int[] {1}, Iou.nms(boxes, scores, 10, 0.5, 0.8));
    }

    @Test
    void nmsThresholdsFollowTensorFlow() {
        List<Box> boxes = List.of(new Box(0, 0, 2, 2), new Box(1, 0, 2, 2));
        assertArrayEquals(new int[] {0}, Iou.nms(boxes, new double[] {0.5, 0.5}, 5, 1.0 / 3, 0));
        assertArrayEquals(new int[] {0, 1}, Iou.nms(boxes, new double[] {0.5, 0.5}, 5, 0.34, 0));
        assertArrayEquals(new int[] {1}, Iou.nms(boxes, new double[] {0.5, 0.6}, 5, 0.34, 0.5));
        assertArrayEquals(new int[0], Iou.nms(boxes, new double[] {0.5, 0.6}, 0, 0.34, 0));
        assertThrows(IllegalArgumentException.class, () -> Iou.nms(boxes, new double[] {1}, 5, 0.5, 0));
    }
}
