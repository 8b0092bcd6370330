package org.openliveness.devkit.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.geometry.Homography;
import org.openliveness.engine.image.RgbImage;

/** Geometry of the flat-print synthesiser, and the engine on a tilted print of a real portrait. */
class FlatAttackTest {

    private static FaceEngine engine;
    private static Portrait portrait;

    @BeforeAll
    static void start() {
        engine = FaceEngine.create(EngineConfig.DEFAULTS);
        portrait = Portrait.load(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void tiltKeepsThePivotAndTurnsTheRightSideAway() {
        FlatAttack flat = new FlatAttack(gradient(400, 300), 150, 120, FlatAttack.DEFAULT_BACKGROUND);
        Homography h = flat.tiltHomography(30);
        double[] p = h.apply(new double[] {150, 120, 250, 120, 50, 120, 150, 20});
        assertEquals(150, p[0], 1e-9);
        assertEquals(120, p[1], 1e-9);
        assertTrue(p[2] - 150 < 150 - p[4], "the right side recedes (shrinks) and the left side approaches (grows)");
        // x' = cx + f·X·cosθ/(f + X·sinθ) with f = 400, X = 100.
        double f = 400, t = Math.toRadians(30);
        assertEquals(150 + f * 100 * Math.cos(t) / (f + 100 * Math.sin(t)), p[2], 1e-9);
        assertEquals(120, p[3], 1e-9, "the pivot's row stays level");
        assertEquals(20, p[7], 1e-9, "the pivot's column keeps its scale");
        assertEquals(Homography.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), flat.tiltHomography(0));
    }

    @Test
    void rotationIsClockwiseOnScreenAboutThePivot() {
        FlatAttack flat = new FlatAttack(gradient(400, 300), 150, 120, 0);
        double[] p = flat.rotationHomography(90).apply(new double[] {160, 120, 150, 120});
        assertEquals(150, p[0], 1e-9);
        assertEquals(130, p[1], 1e-9, "+x turns towards +y");
        assertEquals(150, p[2], 1e-9);
        assertEquals(120, p[3], 1e-9);
    }

    @Test
    void unturnedSheetsReproduceThePhotoAndUncoveredPixelsGetTheBackground() {
        RgbImage photo = gradient(300, 200);
        FlatAttack flat = new FlatAttack(photo, 120, 90, 0x123456);
        assertArrayEquals(photo.rgb(), flat.tilt(0).rgb());
        assertArrayEquals(photo.rgb(), flat.rotate(0).rgb());
        RgbImage bent = flat.bend(0, 1e9);
        assertArrayEquals(photo.rgb(), bent.rgb(), "a practically flat cylinder is the photo");

        RgbImage tilted = flat.tilt(40);
        assertEquals(0x123456, tilted.rgbAt(299, 0), "the receding right edge leaves the corner uncovered");
        assertEquals(photo.rgbAt(120, 90), tilted.rgbAt(120, 90), "the pivot stays in place");
        RgbImage rotated = flat.rotate(45);
        assertEquals(0x123456, rotated.rgbAt(0, 0));
    }

    @Test
    void aBentSheetFoldsItsEdgesAwayAndKeepsThePivotColumn() {
        RgbImage photo = gradient(300, 200);
        FlatAttack flat = new FlatAttack(photo, 150, 100, 0);
        RgbImage bent = flat.bend(0, 100);
        for (int y = 0; y < 200; y += 20) {
            assertEquals(photo.rgbAt(150, y), bent.rgbAt(150, y), "pivot column, row " + y);
        }
        // Columns beyond a quarter turn of a radius-100 cylinder face away: nothing of the sheet is seen there.
        assertEquals(0, bent.rgbAt(5, 100));
        assertEquals(0, bent.rgbAt(294, 100));
        // Turned, the pivot still maps to itself.
        assertEquals(photo.rgbAt(150, 100), flat.bend(25, 300).rgbAt(150, 100));
    }

    @Test
    void rejectsBadArguments() {
        RgbImage photo = gradient(100, 80);
        assertThrows(IllegalArgumentException.class, () -> new FlatAttack(photo, -1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new FlatAttack(photo, 10, 80, 0));
        assertThrows(IllegalArgumentException.class, () -> new FlatAttack(photo, 10, 10, 0x1000000));
        FlatAttack flat = new FlatAttack(photo, 50, 40, 0);
        assertThrows(IllegalArgumentException.class, () -> flat.tilt(85));
        assertThrows(IllegalArgumentException.class, () -> flat.tilt(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> flat.rotate(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> flat.bend(10, 0));
    }

    @Test
    void aTiltedPrintOfTheRealPortraitStillShowsOneFace() {
        FlatAttack flat = FlatAttack.around(portrait.image(), portrait.face());
        for (double degrees : new double[] {30, -30}) {
            List<FaceAnalysis> faces = engine.analyze(flat.tilt(degrees));
            assertEquals(1, faces.size(), "faces on a print tilted by " + degrees + "°");
            FaceAnalysis face = faces.get(0);
            double similarity = face.embedding().similarity(portrait.face().embedding());
            assertTrue(similarity >= 0.95, "tilt " + degrees + "°: similarity to the untilted portrait " + similarity);
        }
        assertEquals(1, engine.analyze(flat.rotate(20)).size(), "rotated print");
        assertEquals(1, engine.analyze(flat.bend(30)).size(), "bent print");
    }

    @Test
    void renderingIsDeterministic() {
        FlatAttack flat = FlatAttack.around(portrait.image(), portrait.face());
        assertArrayEquals(flat.tilt(25).rgb(), flat.tilt(25).rgb());
        assertArrayEquals(flat.bend(-20).rgb(), FlatAttack.around(portrait.image(), portrait.face()).bend(-20).rgb());
    }

    /** A smooth test pattern: red along x, green along y, blue constant. */
    static RgbImage gradient(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                rgb[o] = (byte) (x * 255 / (w - 1));
                rgb[o + 1] = (byte) (y * 255 / (h - 1));
                rgb[o + 2] = (byte) 77;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
