package org.openliveness.devkit.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.geometry.Homography;
import org.openliveness.engine.geometry.Rotation3;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.verdict.StableLandmarks;

/**
 * {@link StableLandmarks#planarResidual}: zero for planar motion by construction, and on the engine's
 * landmarks a rendered head turn stands clearly apart from a flat print moved in any of the ways
 * {@link FlatAttack} offers.
 */
class PlanarityTest {

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
    void theSubsetIsNinetySixDistinctMeshPoints() {
        assertEquals(96, StableLandmarks.INDICES.size());
        assertEquals(96, new HashSet<>(StableLandmarks.INDICES).size());
        assertTrue(StableLandmarks.INDICES.stream().allMatch(i -> i >= 0 && i < FaceAnalysis.MESH_POINTS));
        assertTrue(StableLandmarks.INDICES.containsAll(List.of(StableLandmarks.RIGHT_EYE_CORNER, StableLandmarks.LEFT_EYE_CORNER)));
    }

    @Test
    void aHomographyLeavesNoResidualAndARotationInDepthDoes() {
        double[] mesh = randomFace(new Random(5));
        Homography h = Homography.of(new double[] {0.9, 0.1, 20, -0.05, 1.1, -10, 2e-4, -1e-4, 1});
        double[] moved = mesh.clone();
        for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
            double[] p = h.apply(new double[] {mesh[3 * i], mesh[3 * i + 1]});
            moved[3 * i] = p[0];
            moved[3 * i + 1] = p[1];
        }
        assertEquals(0, StableLandmarks.planarResidual(mesh, moved), 1e-9);

        double[] turned = Rotation3.aboutY(Math.toRadians(30)).apply(mesh);
        assertTrue(StableLandmarks.planarResidual(mesh, turned) > 0.02, "a rotation in depth is not planar");
        assertThrows(IllegalArgumentException.class, () -> StableLandmarks.planarResidual(mesh, new double[12]));
    }

    /**
     * Measured: turn(±30°) 0.053 and 0.054; print tilted ±15° 0.009 and 0.010, ±30° 0.014 and 0.018,
     * ±45° 0.021 and 0.029, rotated 20° 0.003, bent and turned ±30° 0.017 and 0.019.
     */
    @Test
    void aRenderedHeadTurnIsFarLessPlanarThanAMovedPrint() {
        FaceRenderer renderer = new FaceRenderer(portrait.image(), portrait.face());
        FlatAttack flat = FlatAttack.around(portrait.image(), portrait.face());
        Map<String, Double> turns = new LinkedHashMap<>();
        turns.put("turn +30", residual(renderer.turn(30, 0)));
        turns.put("turn -30", residual(renderer.turn(-30, 0)));
        Map<String, Double> tilts = new LinkedHashMap<>();
        tilts.put("tilt +30", residual(flat.tilt(30)));
        tilts.put("tilt -30", residual(flat.tilt(-30)));
        Map<String, Double> prints = new LinkedHashMap<>(tilts);
        prints.put("tilt +15", residual(flat.tilt(15)));
        prints.put("tilt -15", residual(flat.tilt(-15)));
        prints.put("tilt +45", residual(flat.tilt(45)));
        prints.put("tilt -45", residual(flat.tilt(-45)));
        prints.put("rotate 20", residual(flat.rotate(20)));
        prints.put("bend +30", residual(flat.bend(30)));
        prints.put("bend -30", residual(flat.bend(-30)));

        String report = "residual / inter-ocular distance: " + turns + " vs prints " + prints;
        double weakestTurn = turns.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double strongestTilt = tilts.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double strongestPrint = prints.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(weakestTurn >= 2 * strongestTilt, report);
        assertTrue(weakestTurn > strongestPrint, report);
    }

    private static double residual(RgbImage image) {
        List<FaceAnalysis> faces = engine.analyze(image);
        assertEquals(1, faces.size(), "one face");
        return StableLandmarks.planarResidual(portrait.face().landmarks(), faces.get(0).landmarks());
    }

    /** A bumpy face-sized surface: points over a 200 × 240 px region with depth up to 60 px. */
    private static double[] randomFace(Random random) {
        double[] mesh = new double[3 * FaceAnalysis.MESH_POINTS];
        for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
            double x = random.nextDouble() * 200 - 100, y = random.nextDouble() * 240 - 120;
            mesh[3 * i] = 300 + x;
            mesh[3 * i + 1] = 300 + y;
            mesh[3 * i + 2] = 60 * (x * x / 10000 + y * y / 14400) + 10 * Math.sin(x / 15) * Math.cos(y / 20);
        }
        return mesh;
    }
}
