package org.openliveness.engine.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.geometry.Box;

/** The detector's suppression rules and its edge test, on hand-made candidates. */
class SuppressionTest {

    private static Detection candidate(double x, double y, double w, double h, double score) {
        return new Detection(new Box(x, y, w, h), score, new double[12]);
    }

    @Test
    void aBoxMostlyInsideAStrongerOneIsDropped() {
        Detection face = candidate(100, 100, 200, 220, 0.94);
        Detection part = candidate(60, 90, 125, 140, 0.52); // 70% of it inside the face, IoU only 0.29
        List<Detection> kept = BlazeFaceDecoder.select(List.of(part, face), 0.3, 0.6, 10);
        assertEquals(List.of(face), kept);
        assertEquals(2, BlazeFaceDecoder.select(List.of(part, face), 0.3, 1.0, 10).size(), "with the nested rule off both stay");
    }

    @Test
    void aWeakerBoxAroundAStrongerOneIsKept() {
        // Only the box that lies inside is dropped: a strong small box does not remove a weaker large
        // one around it (the mesh stage then finds they are one face).
        Detection small = candidate(150, 150, 80, 80, 0.9);
        Detection large = candidate(100, 100, 250, 250, 0.6);
        assertEquals(List.of(small, large), BlazeFaceDecoder.select(List.of(large, small), 0.3, 0.6, 10));
    }

    @Test
    void twoFacesSideBySideAreBothKept() {
        Detection a = candidate(0, 0, 100, 100, 0.9);
        Detection b = candidate(90, 5, 100, 100, 0.8);
        assertEquals(List.of(a, b), BlazeFaceDecoder.select(List.of(b, a), 0.3, 0.6, 10));
        assertEquals(List.of(a), BlazeFaceDecoder.select(List.of(b, a), 0.3, 0.6, 1), "at most maxFaces");
    }

    @Test
    void aBoxNearOrPastTheEdgeTouchesIt() {
        assertTrue(FaceDetector.touchesEdge(new Box(-5, 40, 100, 100), 400, 300));
        assertTrue(FaceDetector.touchesEdge(new Box(100, 40, 100, 257), 400, 300), "within 2% of the bottom");
        assertFalse(FaceDetector.touchesEdge(new Box(100, 40, 100, 100), 400, 300));
    }
}
