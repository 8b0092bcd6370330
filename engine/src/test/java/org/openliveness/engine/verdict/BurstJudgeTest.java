package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openliveness.engine.verdict.CannedEvidence.embedding;
import static org.openliveness.engine.verdict.CannedEvidence.shot;
import static org.openliveness.engine.verdict.CannedEvidence.tiltedPrint;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** {@link SessionJudge#uploadBurst} on canned frames: continuity, identity, 3-D, replay and screen light. */
class BurstJudgeTest {

    private static final SessionJudge JUDGE = new SessionJudge(VerdictThresholds.DEFAULTS, SessionJudge.DEFAULT_MAX_RETRIES);
    private static final PhotoProblem NO_FACE = new PhotoProblem(FailureReason.NO_FACE, "no face found in the photo");

    private static SessionSoFar session(ChallengeType first, ChallengeType second) {
        return new SessionSoFar(List.of(new SessionSoFar.Challenge("c1", first, 0, null),
                new SessionSoFar.Challenge("c2", second, 0, null)), null);
    }

    /** Frames made by {@code frame}, every 100 ms from 0. */
    private static Burst burst(int n, IntFunction<Examination> frame, boolean timed) {
        List<Examination> frames = new ArrayList<>();
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            frames.add(frame.apply(i));
            times[i] = 100L * i;
        }
        return new Burst(frames, timed ? times : null, null);
    }

    private static Examination turnedBy(double yaw) {
        return Examination.usable(shot().yaw(yaw).evidence());
    }

    @Test
    void aHeadTurningThroughTheFramesIsAcceptedWithItsFurthestFrameAsTheAnswer() {
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(6, i -> turnedBy(5 * i), true), List.of());
        assertTrue(j.accepted(), j.outcome().detail());
        assertEquals(Measure.YAW_CHANGE, j.outcome().measure());
        assertEquals(25, j.outcome().value(), 1e-9, "measured from the burst's first frame");
        BurstSummary b = j.burst();
        assertNotNull(b);
        assertEquals(5, b.answerFrame());
        assertEquals(CheckResult.Status.PASS, b.continuity().status(), b.continuity().detail());
        assertTrue(b.planarResidual() > VerdictThresholds.DEFAULTS.planarMaxResidual(), "frames 0° and 25° apart show a head");
        assertNull(b.lightResponse());
    }

    @Test
    void twoStillsSwappedInOneStepAreADiscontinuity() {
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(6, i -> turnedBy(i < 3 ? 0 : 25), true), List.of());
        assertFalse(j.accepted());
        assertEquals(FailureReason.DISCONTINUITY, j.outcome().failureReason());
        assertTrue(j.outcome().detail().contains("one jump"), j.outcome().detail());
        assertFalse(j.endsSession(), "a failed attempt, retried like any other");
    }

    @Test
    void aTurnFasterThanAHeadIsADiscontinuity() {
        // 45° in 100 ms: 450°/s.
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.SMILE, ChallengeType.TURN_LEFT), "c1",
                burst(4, i -> Examination.usable(shot().yaw(i == 3 ? 45 : 0).smile(0.8).evidence()), true), List.of());
        assertEquals(FailureReason.DISCONTINUITY, j.outcome().failureReason());
        assertTrue(j.outcome().detail().contains("450°/s"), j.outcome().detail());
    }

    @Test
    void aPhotoOfAnAlreadyTurnedFaceHeldStillIsNoTurn() {
        PhotoEvidence turned = shot().yaw(35).evidence();
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(6, i -> Examination.usable(turned), true), List.of());
        assertFalse(j.accepted(), j.outcome().detail());
        assertEquals(FailureReason.CHALLENGE_NOT_MET, j.outcome().failureReason());
        assertEquals(0, j.outcome().value(), 1e-9, "no change from the burst's first frame");
    }

    @Test
    void withoutFrameTimesTheContinuityCheckDoesNotCount() {
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(6, i -> turnedBy(i < 3 ? 0 : 25), false), List.of());
        assertTrue(j.accepted());
        assertEquals(CheckResult.Status.NOT_APPLICABLE, j.burst().continuity().status());
    }

    @Test
    void everyFrameNeedsAUsableFaceOfTheSamePerson() {
        UploadJudgement blank = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(5, i -> i == 2 ? Examination.unusable(NO_FACE) : turnedBy(6 * i), true), List.of());
        assertEquals(FailureReason.NO_FACE, blank.outcome().failureReason());
        assertTrue(blank.outcome().detail().startsWith("frame 3 of 5"), blank.outcome().detail());

        UploadJudgement swapped = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(5, i -> Examination.usable(shot().yaw(6 * i).embedding(i == 4 ? embedding(0.3) : CannedEvidence.PERSON)
                        .evidence()), true), List.of());
        assertEquals(FailureReason.IDENTITY_MISMATCH, swapped.outcome().failureReason());
        assertTrue(swapped.outcome().detail().contains("frames 4 and 5"), swapped.outcome().detail());
    }

    @Test
    void aPrintTiltedInFrontOfTheCameraIsFlat() {
        CannedEvidence.Shot frontal = shot();
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(6, i -> Examination.usable(shot().yaw(5 * i).landmarks(tiltedPrint(frontal.landmarks(), 8 * i)).evidence()), true),
                List.of());
        assertEquals(FailureReason.PLANAR_SURFACE, j.outcome().failureReason());
    }

    @Test
    void aFrameRepeatingAnotherSessionsPhotoEndsTheSessionButFramesOfOneBurstMayRepeatEachOther() {
        PhotoEvidence still = shot().evidence();
        Burst held = burst(4, i -> i < 2 ? Examination.usable(still) : turnedBy(8 * i), true);
        UploadJudgement own = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1", held, List.of());
        assertTrue(own.accepted(), "two identical frames in one burst are a still head, not a replay: " + own.outcome().detail());

        UploadJudgement replay = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1",
                burst(4, i -> turnedBy(8 * i), true), List.of());
        assertTrue(replay.accepted());
        UploadJudgement again = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1", held,
                List.of(still.fingerprint()));
        assertEquals(FailureReason.REPLAYED_IMAGE, again.verdict().failureReason());
        assertTrue(again.verdict().failureDetail().startsWith("frame 1 of the burst"), again.verdict().failureDetail());
    }

    /** Frames of a turn are examined without the expression model: a frame repeating an old photo is still found. */
    @Test
    void aFrameWithoutASmileScoreRepeatingAnotherSessionsPhotoEndsTheSession() {
        PhotoEvidence old = shot().smile(0.9).evidence();
        Fingerprint f = old.fingerprint();
        PhotoEvidence frame = new PhotoEvidence(new Fingerprint(f.imageHash(), f.faceHash(), f.yaw(), f.pitch(), f.eyes(), f.mouth(),
                Double.NaN), old.landmarks(), old.embedding(), old.leftEye(), old.rightEye());
        Burst replayed = burst(4, i -> i == 0 ? Examination.usable(frame) : turnedBy(8 * i), true);
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.TURN_LEFT, ChallengeType.SMILE), "c1", replayed, List.of(f));
        assertEquals(FailureReason.REPLAYED_IMAGE, j.verdict().failureReason());
        assertTrue(j.verdict().failureDetail().startsWith("frame 1 of the burst"), j.verdict().failureDetail());
    }

    @Test
    void aTurnBurstAloneShowsAThreeDimensionalHead() {
        SessionSoFar one = new SessionSoFar(List.of(new SessionSoFar.Challenge("c1", ChallengeType.TURN_LEFT, 0, null)), null);
        UploadJudgement j = JUDGE.uploadBurst(one, "c1", burst(6, i -> turnedBy(5 * i), true), List.of());
        assertTrue(j.verdict().alive(), j.verdict().failureDetail());
        CheckResult planarity = j.verdict().checks().stream().filter(c -> c.check() == Check.PLANARITY).findFirst().orElseThrow();
        assertEquals(CheckResult.Status.PASS, planarity.status());
        assertTrue(planarity.detail().contains("two frames of the burst"), planarity.detail());
        CheckResult continuity = j.verdict().checks().stream().filter(c -> c.check() == Check.CONTINUITY).findFirst().orElseThrow();
        assertEquals(CheckResult.Status.PASS, continuity.status());
    }

    // ---------------------------------------------------------------------------------------
    // Screen light

    private static final LightSequence SEQUENCE = new LightSequence(List.of("#ff0000", "#00ff00", "#0000ff", "#ffff00"), 500);

    /** A face whose colour takes {@code gain} of the screen colour shown at {@code ms}, in front of a grey wall. */
    private static Examination lit(long ms, LightSequence shown, double gain, Random noise) {
        int k = shown.colourAt(ms);
        int[] c = k < 0 ? new int[] {0, 0, 0} : shown.rgb(k);
        double n = noise.nextGaussian();
        ColourSample sample = new ColourSample(180 + gain * c[0] + n, 140 + gain * c[1] + n, 120 + gain * c[2] + n,
                100 + 0.02 * c[0], 100 + 0.02 * c[1], 100 + 0.02 * c[2]);
        return Examination.usable(shot().colour(sample).evidence());
    }

    private static Burst lightBurst(LightSequence shown, LightSequence drawn, double gain, boolean timed) {
        Random noise = new Random(5);
        List<Examination> frames = new ArrayList<>();
        long[] times = new long[8];
        for (int i = 0; i < 8; i++) {
            times[i] = 125 + 250L * i;
            frames.add(lit(times[i], shown, gain, noise));
        }
        return new Burst(frames, timed ? times : null, drawn);
    }

    @Test
    void aFaceThatReflectsTheSequenceShownMeetsTheLightChallenge() {
        UploadJudgement j = JUDGE.uploadBurst(session(ChallengeType.LIGHT, ChallengeType.TURN_LEFT), "c1",
                lightBurst(SEQUENCE, SEQUENCE, 0.15, true), List.of());
        assertTrue(j.accepted(), j.outcome().detail());
        assertEquals(Measure.LIGHT_RESPONSE, j.outcome().measure());
        assertTrue(j.outcome().value() > 0.9, "correlation " + j.outcome().value());
        assertEquals(CheckResult.Status.PASS, j.burst().lightResponse().status());
    }

    @Test
    void aVideoThatDoesNotFollowTheDrawnSequenceFailsLightResponse() {
        LightSequence drawn = new LightSequence(List.of("#0000ff", "#ff0000", "#00ffff", "#ff0000"), 500);
        UploadJudgement other = JUDGE.uploadBurst(session(ChallengeType.LIGHT, ChallengeType.TURN_LEFT), "c1",
                lightBurst(SEQUENCE, drawn, 0.15, true), List.of());
        assertEquals(FailureReason.LIGHT_RESPONSE, other.outcome().failureReason());

        UploadJudgement unlit = JUDGE.uploadBurst(session(ChallengeType.LIGHT, ChallengeType.TURN_LEFT), "c1",
                lightBurst(SEQUENCE, SEQUENCE, 0, true), List.of());
        assertEquals(FailureReason.LIGHT_RESPONSE, unlit.outcome().failureReason(), "a face that does not respond: " + unlit.outcome().detail());

        UploadJudgement untimed = JUDGE.uploadBurst(session(ChallengeType.LIGHT, ChallengeType.TURN_LEFT), "c1",
                lightBurst(SEQUENCE, SEQUENCE, 0.15, false), List.of());
        assertEquals(FailureReason.LIGHT_RESPONSE, untimed.outcome().failureReason());
    }

    @Test
    void aStillPhotoCannotAnswerTheLightChallenge() {
        UploadJudgement j = JUDGE.upload(session(ChallengeType.LIGHT, ChallengeType.TURN_LEFT), "c1",
                Examination.usable(shot().evidence()), List.of());
        assertFalse(j.accepted());
        assertEquals(FailureReason.LIGHT_RESPONSE, j.outcome().failureReason());
    }

    @Test
    void aLightSequenceHasThreeToFiveColoursNeverTheSameTwiceInARow() {
        Random random = new Random(3);
        for (int k = 0; k < 200; k++) {
            LightSequence s = LightSequence.draw(random, LightSequence.DEFAULT_COLOUR_MS);
            assertTrue(s.colours().size() >= 3 && s.colours().size() <= 5, s.toString());
            for (int i = 1; i < s.colours().size(); i++) {
                assertFalse(s.colours().get(i).equals(s.colours().get(i - 1)), s.toString());
            }
        }
        assertEquals(1, SEQUENCE.colourAt(700));
        assertEquals(-1, SEQUENCE.colourAt(2000));
        assertThrows(IllegalArgumentException.class, () -> new LightSequence(List.of("#ff0000", "#00ff00"), 500));
        assertThrows(IllegalArgumentException.class, () -> new Burst(List.of(turnedBy(0), turnedBy(1)), null, null));
        assertThrows(IllegalArgumentException.class, () -> new Burst(List.of(turnedBy(0), turnedBy(1), turnedBy(2)),
                new long[] {0, 100, 100}, null));
    }
}
