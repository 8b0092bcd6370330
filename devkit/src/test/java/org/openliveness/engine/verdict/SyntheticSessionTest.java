package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openliveness.devkit.attack.PrintAttack;
import org.openliveness.devkit.attack.ScreenAttack;
import org.openliveness.devkit.synth.Expression;
import org.openliveness.devkit.synth.FaceRenderer;
import org.openliveness.devkit.synth.FlatAttack;
import org.openliveness.devkit.synth.ScreenLight;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.Samples;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;

/**
 * Whole sessions judged on the engine's own measurements of synthetic photos: a real portrait turned
 * in 3-D and made to smile by {@link FaceRenderer}, and the same portrait as a flat print moved by
 * {@link FlatAttack}. Every assertion message carries the measured values; the numbers noted on each
 * test are what they were when it was written, with {@link VerdictThresholds#DEFAULTS}.
 */
class SyntheticSessionTest {

    private static final SessionJudge JUDGE = new SessionJudge(VerdictThresholds.DEFAULTS, SessionJudge.DEFAULT_MAX_RETRIES);

    private static FaceEngine engine;
    private static RgbImage portrait;
    private static PhotoEvidence frontal;
    private static FaceRenderer renderer;
    private static FlatAttack print;

    @BeforeAll
    static void start() {
        engine = FaceEngine.create(EngineConfig.DEFAULTS);
        portrait = portrait(engine);
        FaceAnalysis face = single(portrait, "the portrait");
        frontal = PhotoEvidence.of(portrait, face);
        renderer = new FaceRenderer(portrait, face);
        print = FlatAttack.around(portrait, face);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /**
     * Measured: yaw +14.9° (portrait) → +39.2° (turn +30), a change of 24.1° from the mean of the
     * other photos; smile 0.69 against 0.09; residual 0.063 (turn vs smile) and 0.054 (turn vs
     * portrait); lowest similarity between challenges 0.956, to the reference 0.962; confidence 0.70.
     */
    @Test
    void aHeadThatTurnsAndSmilesIsAlive() {
        PhotoEvidence turned = evidence(renderer.turn(30, 0), "turn +30");
        PhotoEvidence smiling = evidence(renderer.expression(Expression.SMILE, 1), "smile");
        SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("reference", null, frontal),
                new SessionPhoto("turn", ChallengeType.TURN_LEFT, turned), new SessionPhoto("smile", ChallengeType.SMILE, smiling)), List.of());
        String measured = describe(v);
        assertTrue(v.alive(), measured);
        assertNull(v.failureReason(), measured);
        assertTrue(v.confidence() > 0.5 && v.confidence() <= 1, measured);
        assertTrue(v.challenges().stream().allMatch(ChallengeOutcome::met), measured);
        assertEquals(CheckResult.Status.PASS, check(v, "planarity").status(), measured);
        assertTrue(v.faceMatchScore() >= VerdictThresholds.DEFAULTS.faceMatch(), measured);

        // Without the reference selfie the smile photo is the turn's baseline: measured 24.0°, still alive.
        SessionVerdict challengesOnly = JUDGE.verdict(List.of(new SessionPhoto("turn", ChallengeType.TURN_LEFT, turned),
                new SessionPhoto("smile", ChallengeType.SMILE, smiling)), List.of());
        assertTrue(challengesOnly.alive(), describe(challengesOnly));
    }

    /**
     * Measured: yaw +38.4° for turn(+28) and +39.2° for turn(+30), a change of 0.8°. Judged alone as
     * the first upload (from 0°) the same photo meets TURN_LEFT.
     */
    @Test
    void aFaceThatWasAlreadyTurnedDoesNotTurn() {
        PhotoEvidence before = evidence(renderer.turn(28, 0), "turn +28");
        PhotoEvidence after = evidence(renderer.turn(30, 0), "turn +30");
        // The earlier view answers another challenge: the reference selfie is never a baseline.
        SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("turn", ChallengeType.TURN_LEFT, after),
                new SessionPhoto("look", ChallengeType.LOOK_UP, before)), List.of());
        String measured = describe(v);
        ChallengeOutcome turn = v.challenges().get(0);
        assertFalse(turn.met(), measured);
        assertTrue(turn.value() < 5, measured);
        assertFalse(v.alive(), measured);
        assertEquals(FailureReason.CHALLENGE_NOT_MET, v.failureReason(), measured);
        assertTrue(v.failureDetail().contains("TURN_LEFT"), measured);

        assertTrue(JUDGE.judge(ChallengeType.TURN_LEFT, after, List.of()).met(),
                "with no other photo the turned face passes on its own, which is why the verdict judges again with all photos");
    }

    /**
     * A print held frontal and then tilted does not turn the face the engine sees. Measured yaw changes
     * from the portrait's +14.9°: tilt +30° → +24.0° (+9.1°), +45° → +20.4° (+5.4°), −30° → +5.9°
     * (−9.0°), −45° → +3.5° (−11.4°).
     */
    @Test
    void aTiltedPrintDoesNotTurn() {
        for (double tilt : new double[] {30, 45, -30, -45}) {
            ChallengeType asked = tilt > 0 ? ChallengeType.TURN_LEFT : ChallengeType.TURN_RIGHT;
            PhotoEvidence tilted = evidence(print.tilt(tilt), "tilt " + tilt);
            SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("turn", asked, tilted),
                    new SessionPhoto("smile", ChallengeType.SMILE, frontal)), List.of());
            String measured = "print tilted " + tilt + "° for " + asked + ": " + describe(v);
            assertFalse(v.alive(), measured);
            assertTrue(Set.of(FailureReason.CHALLENGE_NOT_MET, FailureReason.PLANAR_SURFACE).contains(v.failureReason()), measured);
            assertFalse(v.challenges().get(0).met(), measured);
        }
    }

    /**
     * A print tilted far enough both ways does change the measured yaw by 20° or more; the two views
     * are then tested and found flat. Measured: tilt −55° → yaw +2.1°, tilt +35° → +24.2°, a change of
     * 22.1° (TURN_LEFT met), residual 0.039 (flat at or under the default planarMaxResidual).
     */
    @Test
    void aPrintShownAtTwoAnglesIsAFlatSurface() {
        PhotoEvidence away = evidence(print.tilt(-55), "tilt -55");
        PhotoEvidence towards = evidence(print.tilt(35), "tilt +35");
        SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("turn", ChallengeType.TURN_LEFT, towards),
                new SessionPhoto("smile", ChallengeType.SMILE, away)), List.of());
        String measured = describe(v);
        assertTrue(Math.abs(towards.yaw() - away.yaw()) >= VerdictThresholds.DEFAULTS.planarMinYawDifference(), measured);
        assertTrue(v.challenges().get(0).met(), "the print did pass for a turn: " + measured);
        assertEquals(CheckResult.Status.FAIL, check(v, "planarity").status(), measured);
        assertFalse(v.alive(), measured);
        assertEquals(FailureReason.PLANAR_SURFACE, v.failureReason(), measured);

        // The far view as the reference selfie is no second view: identity evidence only, never in the 3-D check.
        SessionVerdict asReference = JUDGE.verdict(List.of(new SessionPhoto("reference", null, away),
                new SessionPhoto("turn", ChallengeType.TURN_LEFT, towards)), List.of());
        assertEquals(CheckResult.Status.NOT_APPLICABLE, check(asReference, "planarity").status(), describe(asReference));
        assertFalse(asReference.alive(), describe(asReference));

        // The same two views answering two opposite turns: flat first, whatever the turns measured.
        SessionVerdict turns = JUDGE.verdict(List.of(new SessionPhoto("right", ChallengeType.TURN_RIGHT, away),
                new SessionPhoto("left", ChallengeType.TURN_LEFT, towards)), List.of());
        assertEquals(FailureReason.PLANAR_SURFACE, turns.failureReason(), describe(turns));
    }

    /**
     * A print bent like a cylinder by −60° changes the measured yaw by 22.6° from the unbent photo
     * (TURN_RIGHT met) with a residual of 0.046: flat under the default threshold (0.055, from real
     * head turns against flat prints). At 0.045 this attack was judged alive.
     */
    @Test
    void aStronglyBentPrintIsAFlatSurface() {
        PhotoEvidence bent = evidence(print.bend(-60), "bend -60");
        SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("reference", null, frontal),
                new SessionPhoto("turn", ChallengeType.TURN_RIGHT, bent)), List.of());
        assertFalse(v.alive(), describe(v));
        assertTrue(v.failureReason() == FailureReason.PLANAR_SURFACE || v.failureReason() == FailureReason.CHALLENGE_NOT_MET,
                describe(v));
    }

    /** Measured: the two analyses of one rendering are equal, so every measure repeats exactly. */
    @Test
    void theSameRenderingForTwoChallengesIsAReplay() {
        RgbImage turned = renderer.turn(30, 0);
        PhotoEvidence first = evidence(turned, "turn +30");
        PhotoEvidence again = evidence(turned, "turn +30 again");
        SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("reference", null, frontal),
                new SessionPhoto("turn", ChallengeType.TURN_LEFT, first), new SessionPhoto("smile", ChallengeType.SMILE, again)), List.of());
        assertFalse(v.alive(), describe(v));
        assertEquals(FailureReason.REPLAYED_IMAGE, v.failureReason(), describe(v));

        // Submitted in a later session: a replay of a recent session.
        SessionVerdict later = JUDGE.verdict(List.of(new SessionPhoto("turn", ChallengeType.TURN_LEFT, again),
                new SessionPhoto("smile", ChallengeType.SMILE, evidence(renderer.expression(Expression.SMILE, 1), "smile"))),
                List.of(first.fingerprint()));
        assertEquals(FailureReason.REPLAYED_IMAGE, later.failureReason(), describe(later));
        assertTrue(later.failureDetail().contains("recent session"), describe(later));
    }

    /**
     * The replay check must survive re-encoding. Measured for turn(+30) re-encoded at JPEG quality
     * 0.75: image hash 1 bit, face hash 0 bits, yaw 0.56°, pitch 0.61°, eyes 0.028, smile 0.016 apart
     * (limits 4 bits, 1.5°, 0.05).
     */
    @Test
    void aReEncodedCopyOfARenderingIsAReplay() {
        RgbImage turned = renderer.turn(30, 0);
        PhotoEvidence first = evidence(turned, "turn +30");
        PhotoEvidence copy = evidence(ImageHashTest.jpeg(turned, 0.75f), "turn +30 as JPEG");
        Fingerprint a = first.fingerprint(), b = copy.fingerprint();
        String measured = String.format(Locale.ROOT,
                "image hash %d bits, face hash %d bits, yaw %.2f°, pitch %.2f°, eyes %.3f, mouth %.3f, smile %.3f apart",
                ImageHash.distance(a.imageHash(), b.imageHash()), ImageHash.distance(a.faceHash(), b.faceHash()),
                Math.abs(a.yaw() - b.yaw()), Math.abs(a.pitch() - b.pitch()), Math.abs(a.eyes() - b.eyes()),
                Math.abs(a.mouth() - b.mouth()), Math.abs(a.smile() - b.smile()));
        SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("reference", null, frontal),
                new SessionPhoto("turn", ChallengeType.TURN_LEFT, first), new SessionPhoto("smile", ChallengeType.SMILE, copy)), List.of());
        assertEquals(FailureReason.REPLAYED_IMAGE, v.failureReason(), measured + "; " + describe(v));
    }

    // ---------------------------------------------------------------------------------------------

    // ---------------------------------------------------------------------------------------
    // Bursts through the engine

    /** A burst of rendered frames, every 100 ms. */
    private static Burst burst(List<RgbImage> images, LightSequence light, long[] times) {
        List<Examination> frames = images.stream().map(i -> JUDGE.examine(i, engine.analyze(i))).toList();
        long[] t = times;
        if (t == null) {
            t = new long[images.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = 100L * i;
            }
        }
        return new Burst(frames, t, light);
    }

    private static SessionSoFar only(ChallengeType type) {
        return new SessionSoFar(List.of(new SessionSoFar.Challenge("c1", type, 0, null)), null);
    }

    /**
     * A turn rendered from −15° to +35° around the portrait (the renderer gives less parallax than a
     * real head: a 30° span measured a residual of 0.054, under the threshold; see CALIBRATION.md).
     * Measured: a 42.3° yaw change, fastest 100°/s, largest step 24 % of it, residual 0.092.
     */
    @Test
    void aRenderedTurnBurstIsAcceptedAndShowsAThreeDimensionalHeadByItself() {
        List<RgbImage> frames = List.of(renderer.turn(-15, 0), renderer.turn(-5, 0), renderer.turn(5, 0), renderer.turn(15, 0),
                renderer.turn(25, 0), renderer.turn(35, 0));
        UploadJudgement j = JUDGE.uploadBurst(only(ChallengeType.TURN_LEFT), "c1", burst(frames, null, null), List.of());
        String measured = j.outcome().detail() + "; " + (j.burst() == null ? "" : j.burst().continuity().detail()
                + "; residual " + j.burst().planarResidual());
        assertTrue(j.accepted(), measured);
        assertEquals(CheckResult.Status.PASS, j.burst().continuity().status(), measured);
        assertTrue(j.burst().planarResidual() > VerdictThresholds.DEFAULTS.planarMaxResidual(), measured);
        assertTrue(j.verdict().alive(), describe(j.verdict()));
    }

    @Test
    void twoRenderedStillsSwappedInOneStepAreADiscontinuity() {
        RgbImage still = renderer.turn(0, 0);
        RgbImage turned = renderer.turn(30, 0);
        UploadJudgement j = JUDGE.uploadBurst(only(ChallengeType.TURN_LEFT), "c1",
                burst(List.of(still, still, still, turned, turned, turned), null, null), List.of());
        assertEquals(FailureReason.DISCONTINUITY, j.outcome().failureReason(), j.outcome().detail());
    }

    /**
     * A print tilted by 0..50° in front of the camera, as a turn: flat between its frames, or not even
     * a turn. Measured: the tilt reads as a 9.1° turn, not met (the flat case is tested on canned frames).
     */
    @Test
    void aPrintTiltedDuringTheBurstIsNotAcceptedAsATurn() {
        List<RgbImage> frames = List.of(print.tilt(0), print.tilt(10), print.tilt(20), print.tilt(30), print.tilt(40), print.tilt(50));
        UploadJudgement j = JUDGE.uploadBurst(only(ChallengeType.TURN_LEFT), "c1", burst(frames, null, null), List.of());
        assertFalse(j.accepted(), j.outcome().detail());
        assertTrue(Set.of(FailureReason.PLANAR_SURFACE, FailureReason.CHALLENGE_NOT_MET).contains(j.outcome().failureReason()),
                j.outcome().failureReason() + ": " + j.outcome().detail());
    }

    private static final LightSequence SHOWN = new LightSequence(List.of("#ff0000", "#00ff00", "#0000ff", "#ffff00"), 500);

    /** Eight frames, two per colour, of the portrait lit by a screen showing {@code lightingSequence} (or unlit). */
    private static List<RgbImage> litFrames(LightSequence lightingSequence, double strength, long[] times) {
        RgbImage face = renderer.turn(0, 0);
        double[] mesh = renderer.landmarks(0, 0, java.util.Map.of());
        List<RgbImage> out = new java.util.ArrayList<>();
        for (long t : times) {
            out.add(ScreenLight.relight(face, mesh, lightingSequence.rgb(lightingSequence.colourAt(t)), strength));
        }
        return out;
    }

    private static final long[] LIGHT_TIMES = {125, 375, 625, 875, 1125, 1375, 1625, 1875};

    /**
     * Measured with a screen at strength 0.25: correlation 0.99 with the colours shown; −0.63 for the
     * face lit by another sequence (a video recorded before this one was drawn); 0.00 unlit.
     */
    @Test
    void aFaceLitByTheScreenFollowsTheColoursShownAndAVideoLitByOthersDoesNot() {
        UploadJudgement lit = JUDGE.uploadBurst(only(ChallengeType.LIGHT), "c1",
                burst(litFrames(SHOWN, 0.25, LIGHT_TIMES), SHOWN, LIGHT_TIMES), List.of());
        assertTrue(lit.accepted(), lit.outcome().detail());
        assertTrue(lit.outcome().value() > 0.9, lit.outcome().detail());

        LightSequence recorded = new LightSequence(List.of("#00ff00", "#ff00ff", "#ff0000", "#00ffff"), 500);
        UploadJudgement replay = JUDGE.uploadBurst(only(ChallengeType.LIGHT), "c1",
                burst(litFrames(recorded, 0.25, LIGHT_TIMES), SHOWN, LIGHT_TIMES), List.of());
        assertEquals(FailureReason.LIGHT_RESPONSE, replay.outcome().failureReason(), replay.outcome().detail());

        UploadJudgement unlit = JUDGE.uploadBurst(only(ChallengeType.LIGHT), "c1",
                burst(litFrames(SHOWN, 0, LIGHT_TIMES), SHOWN, LIGHT_TIMES), List.of());
        assertEquals(FailureReason.LIGHT_RESPONSE, unlit.outcome().failureReason(), unlit.outcome().detail());
    }

    /**
     * The turning, smiling head of {@link #aHeadThatTurnsAndSmilesIsAlive} shown to the camera on a
     * (simulated) screen, or as (simulated) prints: the photos of an already-turned and an
     * already-smiling face. The presentation-attack model names the spoof, whatever else fails (the
     * simulations also distort the turn: measured −9.7° on the screen). Measured live probabilities: bona fide
     * 0.9999 / 0.9996 / 0.9997 (portrait, turn, smile); screen (seed 1) 0.00000 / 0.00002 / 0.00003;
     * print (seed 5) 0.0041 / 0.0040 / 0.0014 — against 0.02. Made-up attacks: this checks the path
     * from pixels to verdict, not how well real attacks are caught (docs/ACCURACY.md).
     */
    @Test
    void theSameSessionOnAScreenOrAPrintIsASpoof() {
        RgbImage turn = renderer.turn(30, 0);
        RgbImage smile = renderer.expression(Expression.SMILE, 1);
        for (java.util.function.UnaryOperator<RgbImage> attack : List.<java.util.function.UnaryOperator<RgbImage>>of(
                ScreenAttack.random(1)::apply, PrintAttack.random(5)::apply)) {
            SessionVerdict v = JUDGE.verdict(List.of(new SessionPhoto("reference", null, evidence(attack.apply(portrait), "reference")),
                    new SessionPhoto("turn", ChallengeType.TURN_LEFT, evidence(attack.apply(turn), "turn")),
                    new SessionPhoto("smile", ChallengeType.SMILE, evidence(attack.apply(smile), "smile"))), List.of());
            String measured = describe(v);
            assertFalse(v.alive(), measured);
            assertEquals(FailureReason.SPOOF_DETECTED, v.failureReason(), measured);
            assertEquals(CheckResult.Status.FAIL, check(v, "passiveAntiSpoof").status(), measured);
            assertTrue(v.antiSpoofScore() < 0.5, measured);
        }
        SessionVerdict bonaFide = JUDGE.verdict(List.of(new SessionPhoto("reference", null, frontal),
                new SessionPhoto("turn", ChallengeType.TURN_LEFT, evidence(turn, "turn")),
                new SessionPhoto("smile", ChallengeType.SMILE, evidence(smile, "smile"))), List.of());
        assertEquals(CheckResult.Status.PASS, check(bonaFide, "passiveAntiSpoof").status(), describe(bonaFide));
    }

    private static PhotoEvidence evidence(RgbImage image, String what) {
        return PhotoEvidence.of(image, single(image, what));
    }

    private static FaceAnalysis single(RgbImage image, String what) {
        List<FaceAnalysis> faces = engine.analyze(image);
        assertEquals(1, faces.size(), "faces found in " + what);
        return faces.get(0);
    }

    private static CheckResult check(SessionVerdict v, String name) {
        return v.checks().stream().filter(c -> c.check().wireName().equals(name)).findFirst().orElseThrow();
    }

    /** The verdict with every measurement, for assertion messages. */
    private static String describe(SessionVerdict v) {
        return String.format(Locale.ROOT, "alive %s, confidence %.3f, reason %s (%s); checks: %s; challenges: %s",
                v.alive(), v.confidence(), v.failureReason(), v.failureDetail(),
                v.checks().stream().map(c -> c.check() + " " + c.status() + " (" + c.detail() + ")").collect(Collectors.joining("; ")),
                v.challenges().stream().map(o -> String.format(Locale.ROOT, "%s %s %s %.3f vs %.3f, baseline %.3f",
                        o.type(), o.met() ? "met" : "NOT met", o.measure(), o.value(), o.threshold(), o.baseline()))
                        .collect(Collectors.joining("; ")));
    }

    /**
     * The portrait of the synth tests: the woman at the top of face-api's {@code sample5.jpg} (the face
     * nearest (862, 230)), her face box cropped with a margin of 0.6 box widths left and right and 0.5
     * box heights above and below, scaled to 600 px wide. Measured yaw about +15°, pitch about −16°.
     */
    private static RgbImage portrait(FaceEngine engine) {
        RgbImage photo = engine.decode(Samples.bytes("sample5.jpg")).image();
        Box box = engine.analyze(photo).stream()
                .min(Comparator.comparingDouble((FaceAnalysis f) -> Math.hypot(f.box().centerX() - 862, f.box().centerY() - 230)))
                .orElseThrow().box();
        int x = (int) Math.round(box.x() - 0.6 * box.width());
        int y = (int) Math.round(box.y() - 0.5 * box.height());
        int w = (int) Math.round(2.2 * box.width());
        int h = (int) Math.round(2.0 * box.height());
        byte[] crop = new byte[w * h * 3];
        for (int j = 0; j < h; j++) {
            System.arraycopy(photo.rgb(), ((y + j) * photo.width() + x) * 3, crop, j * w * 3, w * 3);
        }
        return Warp.resize(new RgbImage(w, h, crop), 600, (int) Math.round(600.0 * h / w));
    }
}
