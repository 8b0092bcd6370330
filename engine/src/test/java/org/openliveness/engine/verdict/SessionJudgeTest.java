package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openliveness.engine.verdict.CannedEvidence.PERSON;
import static org.openliveness.engine.verdict.CannedEvidence.embedding;
import static org.openliveness.engine.verdict.CannedEvidence.shot;
import static org.openliveness.engine.verdict.CannedEvidence.tiltedPrint;
import static org.openliveness.engine.verdict.CannedEvidence.view;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.verdict.CannedEvidence.Shot;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.antispoof.LiveScore;
import org.openliveness.engine.embedding.Embedding;
import org.openliveness.engine.expression.EyeOpenness;
import org.openliveness.engine.geometry.Affine2D;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.HeadPose;
import org.openliveness.engine.quality.Quality;

/**
 * {@link SessionJudge} on hand-made evidence: every measurement is set directly, so each test puts
 * a value on one side or the other of a threshold of {@link VerdictThresholds#DEFAULTS}.
 *
 * <p>Meshes come from one fixed 3-D point cloud shaped like a face. A photo at yaw θ sees the cloud
 * rotated in depth by θ and projected orthographically, so two photos whose yaw differs are related
 * by no homography; a flat picture is simulated by a 2-D homography of the frontal projection.
 */
class SessionJudgeTest {

    private static final VerdictThresholds T = VerdictThresholds.DEFAULTS;
    private static final int T_RETRIES = SessionJudge.DEFAULT_MAX_RETRIES;
    private static final SessionJudge JUDGE = new SessionJudge(T, T_RETRIES);


    // ---------------------------------------------------------------------------------------------
    // Usable faces

    @Nested
    class Usable {

        @Test
        void noFace() {
            Optional<PhotoProblem> problem = JUDGE.usable(List.of());
            assertEquals(FailureReason.NO_FACE, problem.orElseThrow().reason());
        }

        @Test
        void twoFaces() {
            Optional<PhotoProblem> problem = JUDGE.usable(List.of(face(new Quality(200, 120, 40, 50)), face(new Quality(150, 120, 40, 50))));
            assertEquals(FailureReason.MULTIPLE_FACES, problem.orElseThrow().reason());
            assertTrue(problem.get().detail().contains("2"), problem.get().detail());
        }

        @Test
        void aMuchSmallerFaceInTheBackgroundIsReportedNotFailed() {
            double main = 250;
            FaceAnalysis background = face(new Quality(main * T.maxBackgroundFaceRatio(), 120, 40, 50));
            List<FaceAnalysis> faces = List.of(face(new Quality(main, 120, 40, 50)), background);
            assertEquals(Optional.empty(), JUDGE.usable(faces), "a face half the main face's size or smaller does not count");
            Examination e = JUDGE.examine(new org.openliveness.engine.image.RgbImage(8, 8, new byte[8 * 8 * 3]), faces);
            assertTrue(e.isUsable());
            assertTrue(e.note().contains("1 smaller face(s) in the background") && e.note().contains("50%"), e.note());

            List<FaceAnalysis> similar = List.of(face(new Quality(main, 120, 40, 50)),
                    face(new Quality(main * T.maxBackgroundFaceRatio() + 5, 120, 40, 50)));
            PhotoProblem problem = JUDGE.usable(similar).orElseThrow();
            assertEquals(FailureReason.MULTIPLE_FACES, problem.reason(), "a second face just over the ratio still fails the photo");
            assertTrue(problem.detail().contains("52%"), problem.detail());
        }

        @Test
        void theRatioZeroMakesEverySecondFaceCount() {
            SessionJudge strict = new SessionJudge(with("maxBackgroundFaceRatio", 0), T_RETRIES);
            assertEquals(FailureReason.MULTIPLE_FACES, strict.usable(List.of(face(new Quality(250, 120, 40, 50)),
                    face(new Quality(20, 120, 40, 50)))).orElseThrow().reason());
        }

        @Test
        void faceSmallerThanTheMinimum() {
            Optional<PhotoProblem> problem = JUDGE.usable(List.of(face(new Quality(T.minFaceSize() - 1, 120, 40, 50))));
            assertEquals(FailureReason.FACE_TOO_SMALL, problem.orElseThrow().reason());
            assertTrue(problem.get().detail().contains("79") && problem.get().detail().contains("80"), problem.get().detail());
            assertEquals(Optional.empty(), JUDGE.usable(List.of(face(new Quality(T.minFaceSize(), 120, 40, 50)))),
                    "a face of exactly the minimum size is usable");
        }

        @Test
        void tooDarkTooBrightOrBlurred() {
            for (Quality q : List.of(new Quality(200, T.minBrightness() - 1, 40, 50), new Quality(200, T.maxBrightness() + 1, 40, 50),
                    new Quality(200, 120, 40, T.minSharpness() - 0.5))) {
                Optional<PhotoProblem> problem = JUDGE.usable(List.of(face(q)));
                assertEquals(FailureReason.POOR_QUALITY, problem.map(PhotoProblem::reason).orElse(null), q.toString());
            }
            assertTrue(JUDGE.usable(List.of(face(new Quality(200, 5, 40, 50)))).orElseThrow().detail().contains("brightness"));
            assertTrue(JUDGE.usable(List.of(face(new Quality(200, 120, 40, 1)))).orElseThrow().detail().contains("sharpness"));
        }

        @Test
        void oneGoodFaceIsUsable() {
            assertEquals(Optional.empty(), JUDGE.usable(List.of(face(new Quality(250, 120, 40, 50)))));
            assertEquals(Optional.empty(), JUDGE.usable(List.of(face(new Quality(250, T.minBrightness(), 40, T.minSharpness())))),
                    "the limits themselves are usable");
            assertEquals(Optional.empty(), JUDGE.usable(List.of(face(new Quality(250, T.maxBrightness(), 40, 50)))));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Turns

    @Nested
    class Turns {

        @Test
        void turnLeftIsAYawChangeFromTheOtherPhotos() {
            ChallengeOutcome o = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(25).evidence(), List.of(reference(shot().yaw(0))));
            assertTrue(o.met(), o.detail());
            assertEquals(Measure.YAW_CHANGE, o.measure());
            assertEquals(25, o.value(), 1e-9);
            assertEquals(0, o.baseline(), 1e-9);
            assertEquals(T.turnYawChange(), o.threshold());
            assertTrue(o.score() > 0.5, "met with a margin scores above 0.5: " + o.score());
        }

        @Test
        void anAlreadyTurnedFaceDoesNotPassOnItsOwn() {
            ChallengeOutcome o = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(25).evidence(), List.of(reference(shot().yaw(22))));
            assertFalse(o.met(), o.detail());
            assertEquals(3, o.value(), 1e-9);
            assertEquals(22, o.baseline(), 1e-9);
            assertTrue(o.score() < 0.5, "unmet scores below 0.5: " + o.score());
            assertTrue(o.detail().contains("3.0"), "names the measured change: " + o.detail());
            assertTrue(o.detail().contains("20.0"), "names the needed change: " + o.detail());
            assertTrue(o.detail().contains("+22.0"), "names the baseline: " + o.detail());
        }

        @Test
        void turnRightNeedsANegativeYawChange() {
            List<SessionPhoto> frontal = List.of(reference(shot().yaw(0)));
            ChallengeOutcome right = JUDGE.judge(ChallengeType.TURN_RIGHT, shot().yaw(-25).evidence(), frontal);
            assertTrue(right.met(), right.detail());
            assertEquals(25, right.value(), 1e-9, "the change is measured in the requested direction");
            assertTrue(right.detail().contains("right"), right.detail());

            ChallengeOutcome wrongWay = JUDGE.judge(ChallengeType.TURN_RIGHT, shot().yaw(25).evidence(), frontal);
            assertFalse(wrongWay.met(), "turning left does not answer TURN_RIGHT: " + wrongWay.detail());
            assertEquals(-25, wrongWay.value(), 1e-9);
            ChallengeOutcome leftWrongWay = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(-25).evidence(), frontal);
            assertFalse(leftWrongWay.met(), leftWrongWay.detail());
        }

        @Test
        void theBaselineIsTheMeanOfTheNonTurnPhotos() {
            // Reference at 0 and a smile at +10: baseline +5, so +25 is a change of exactly the threshold.
            List<SessionPhoto> others = List.of(reference(shot().yaw(0)), photo(ChallengeType.SMILE, shot().yaw(10).smile(0.8)),
                    photo(ChallengeType.TURN_RIGHT, shot().yaw(-40)));
            ChallengeOutcome atThreshold = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(25).evidence(), others);
            assertEquals(5, atThreshold.baseline(), 1e-9, "the TURN_RIGHT photo is not part of the baseline");
            assertTrue(atThreshold.met(), atThreshold.detail());
            assertEquals(0.5, atThreshold.score(), 1e-12);
            ChallengeOutcome under = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(24.9).evidence(), others);
            assertFalse(under.met(), under.detail());
        }

        @Test
        void twoOppositeTurnsWithNoOtherPhotoUseTheirMidpoint() {
            // +30 and −12: midpoint +9, each turned 21°.
            ChallengeOutcome left = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(30).evidence(),
                    List.of(photo(ChallengeType.TURN_RIGHT, shot().yaw(-12))));
            assertEquals(9, left.baseline(), 1e-9);
            assertEquals(21, left.value(), 1e-9);
            assertTrue(left.met(), left.detail());
            ChallengeOutcome right = JUDGE.judge(ChallengeType.TURN_RIGHT, shot().yaw(-12).evidence(),
                    List.of(photo(ChallengeType.TURN_LEFT, shot().yaw(30))));
            assertEquals(9, right.baseline(), 1e-9);
            assertEquals(21, right.value(), 1e-9);
            assertTrue(right.met(), right.detail());

            // +30 and +2: midpoint +16, each turned only 14°, although +30 is 30° from frontal.
            ChallengeOutcome small = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(30).evidence(),
                    List.of(photo(ChallengeType.TURN_RIGHT, shot().yaw(2))));
            assertEquals(14, small.value(), 1e-9);
            assertFalse(small.met(), small.detail());
        }

        @Test
        void theMidpointIsNotUsedWhenANonTurnPhotoExists() {
            // With a smile at +20 the baseline is +20 (the midpoint of +30 and −30 would be 0).
            ChallengeOutcome o = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(30).evidence(),
                    List.of(photo(ChallengeType.TURN_RIGHT, shot().yaw(-30)), photo(ChallengeType.SMILE, shot().yaw(20).smile(0.8))));
            assertEquals(20, o.baseline(), 1e-9);
            assertFalse(o.met(), o.detail());
        }

        @Test
        void theFirstPhotoIsJudgedFromFrontal() {
            ChallengeOutcome met = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(21).evidence(), List.of());
            assertTrue(met.met(), met.detail());
            assertTrue(Double.isNaN(met.baseline()), "no baseline: " + met.baseline());
            assertEquals(21, met.value(), 1e-9);
            assertTrue(met.detail().contains("no other photo"), met.detail());
            assertFalse(JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(19).evidence(), List.of()).met());
            assertTrue(JUDGE.judge(ChallengeType.TURN_RIGHT, shot().yaw(-21).evidence(), List.of()).met());
            assertFalse(JUDGE.judge(ChallengeType.TURN_RIGHT, shot().yaw(-19).evidence(), List.of()).met());
            // A same-direction turn is no baseline either.
            ChallengeOutcome second = JUDGE.judge(ChallengeType.TURN_LEFT, shot().yaw(21).evidence(),
                    List.of(photo(ChallengeType.TURN_LEFT, shot().yaw(40))));
            assertTrue(Double.isNaN(second.baseline()));
            assertTrue(second.met(), second.detail());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Looking up and expressions

    @Nested
    class Expressions {

        @Test
        void lookUpIsAPitchChange() {
            List<SessionPhoto> level = List.of(reference(shot().pitch(-10)));
            ChallengeOutcome met = JUDGE.judge(ChallengeType.LOOK_UP, shot().pitch(-2).evidence(), level);
            assertTrue(met.met(), met.detail());
            assertEquals(Measure.PITCH_CHANGE, met.measure());
            assertEquals(8, met.value(), 1e-9);
            assertEquals(-10, met.baseline(), 1e-9);
            ChallengeOutcome under = JUDGE.judge(ChallengeType.LOOK_UP, shot().pitch(-2.5).evidence(), level);
            assertFalse(under.met(), under.detail());
            assertTrue(under.detail().contains("+7.5") && under.detail().contains("+8.0"), under.detail());
            assertFalse(JUDGE.judge(ChallengeType.LOOK_UP, shot().pitch(-20).evidence(), level).met(), "looking down");
            // An already raised head: pitch +12 is high, but no change from +10.
            assertFalse(JUDGE.judge(ChallengeType.LOOK_UP, shot().pitch(12).evidence(), List.of(reference(shot().pitch(10)))).met());
            // First photo: judged from 0.
            assertTrue(JUDGE.judge(ChallengeType.LOOK_UP, shot().pitch(8.5).evidence(), List.of()).met());
            assertFalse(JUDGE.judge(ChallengeType.LOOK_UP, shot().pitch(7.5).evidence(), List.of()).met());
        }

        @Test
        void smileNeedsTheAbsoluteScoreAndARise() {
            // No other photo: the absolute score only.
            assertTrue(JUDGE.judge(ChallengeType.SMILE, shot().smile(0.51).evidence(), List.of()).met());
            ChallengeOutcome low = JUDGE.judge(ChallengeType.SMILE, shot().smile(0.49).evidence(), List.of());
            assertFalse(low.met(), low.detail());
            assertEquals(Measure.SMILE, low.measure());
            assertTrue(low.detail().contains("0.49") && low.detail().contains("0.50"), low.detail());

            // Others at 0.30: 0.51 is a rise of 0.21.
            ChallengeOutcome rose = JUDGE.judge(ChallengeType.SMILE, shot().smile(0.51).evidence(), List.of(reference(shot().smile(0.3))));
            assertTrue(rose.met(), rose.detail());
            assertEquals(0.3, rose.baseline(), 1e-9);
            // Others at 0.32: a rise of 0.19 only, although 0.51 is above the absolute minimum.
            ChallengeOutcome flat = JUDGE.judge(ChallengeType.SMILE, shot().smile(0.51).evidence(), List.of(reference(shot().smile(0.32))));
            assertFalse(flat.met(), flat.detail());
            assertTrue(flat.detail().contains("0.32") && flat.detail().contains("0.20"), flat.detail());
            // A big rise is not enough under the absolute minimum.
            assertFalse(JUDGE.judge(ChallengeType.SMILE, shot().smile(0.45).evidence(), List.of(reference(shot().smile(0)))).met());
            // Other smile photos are not part of the baseline.
            ChallengeOutcome second = JUDGE.judge(ChallengeType.SMILE, shot().smile(0.6).evidence(),
                    List.of(reference(shot().smile(0.1)), photo(ChallengeType.SMILE, shot().smile(0.9))));
            assertEquals(0.1, second.baseline(), 1e-9);
            assertTrue(second.met(), second.detail());
        }

        @Test
        void blinkNeedsClosedEyesAndADrop() {
            ChallengeOutcome closed = JUDGE.judge(ChallengeType.BLINK, shot().eyes(0.49).evidence(), List.of());
            assertTrue(closed.met(), closed.detail());
            assertEquals(Measure.EYES, closed.measure());
            assertTrue(closed.score() > 0.5, "score " + closed.score());
            ChallengeOutcome open = JUDGE.judge(ChallengeType.BLINK, shot().eyes(0.51).evidence(), List.of());
            assertFalse(open.met(), open.detail());
            assertTrue(open.score() < 0.5, "score " + open.score());

            // Others at 0.71: 0.40 is a drop of 0.31.
            assertTrue(JUDGE.judge(ChallengeType.BLINK, shot().eyes(0.4).evidence(), List.of(reference(shot().eyes(0.71)))).met());
            // Others at 0.65 (a squinting person): 0.40 is under the maximum but only 0.25 below them.
            ChallengeOutcome small = JUDGE.judge(ChallengeType.BLINK, shot().eyes(0.4).evidence(), List.of(reference(shot().eyes(0.65))));
            assertFalse(small.met(), small.detail());
            assertTrue(small.detail().contains("0.65") && small.detail().contains("0.30"), small.detail());
            // A big drop is not enough above the maximum.
            assertFalse(JUDGE.judge(ChallengeType.BLINK, shot().eyes(0.55).evidence(), List.of(reference(shot().eyes(1.0)))).met());
        }

        @Test
        void openMouthNeedsTheAbsoluteOpennessAndARise() {
            assertTrue(JUDGE.judge(ChallengeType.OPEN_MOUTH, shot().mouth(0.31).evidence(), List.of()).met());
            assertFalse(JUDGE.judge(ChallengeType.OPEN_MOUTH, shot().mouth(0.29).evidence(), List.of()).met());
            ChallengeOutcome rose = JUDGE.judge(ChallengeType.OPEN_MOUTH, shot().mouth(0.31).evidence(), List.of(reference(shot().mouth(0.05))));
            assertTrue(rose.met(), rose.detail());
            assertEquals(Measure.MOUTH, rose.measure());
            ChallengeOutcome flat = JUDGE.judge(ChallengeType.OPEN_MOUTH, shot().mouth(0.31).evidence(), List.of(reference(shot().mouth(0.15))));
            assertFalse(flat.met(), "a rise of 0.16 only: " + flat.detail());
            assertTrue(JUDGE.judge(ChallengeType.OPEN_MOUTH, shot().mouth(0.36).evidence(), List.of(reference(shot().mouth(0.15)))).met(),
                    "a rise of 0.21");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Session verdicts

    @Nested
    class Verdicts {

        /** A frontal reference, a turn to +25° and a smile: a real 3-D head doing what it was asked. */
        private List<SessionPhoto> consistent() {
            return List.of(reference(shot().yaw(0)), photo(ChallengeType.TURN_LEFT, shot().yaw(25)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.8)));
        }

        @Test
        void aConsistentSessionIsAlive() {
            SessionVerdict v = JUDGE.verdict(consistent(), List.of());
            assertTrue(v.alive(), v.failureDetail());
            assertNull(v.failureReason());
            assertNull(v.failureDetail());
            assertTrue(v.confidence() > 0.5 && v.confidence() <= 1, "confidence " + v.confidence());
            double weakest = v.checks().stream().filter(c -> c.status() != CheckResult.Status.NOT_APPLICABLE)
                    .filter(c -> c.check() != Check.FACE_MATCH).mapToDouble(CheckResult::score).min().orElseThrow();
            assertEquals(weakest, v.confidence(), 1e-12, "the confidence is the weakest check's score");
            assertTrue(v.antiSpoofScore() > 0.5, "anti-spoof score " + v.antiSpoofScore());
            assertEquals(1.0, v.faceMatchScore(), 1e-6);
            assertEquals(List.of("replay", "planarity", "continuity", "lightResponse", "passiveAntiSpoof", "challenges", "identity", "faceMatch"),
                    v.checks().stream().map(c -> c.check().wireName()).toList());
            assertTrue(v.checks().stream().noneMatch(CheckResult::failed), v.checks().toString());
            assertEquals(CheckResult.Status.NOT_APPLICABLE, check(v, "passiveAntiSpoof").status(), "no photo was measured");
            assertEquals(List.of(ChallengeType.TURN_LEFT, ChallengeType.SMILE), v.challenges().stream().map(ChallengeOutcome::type).toList());
            assertTrue(v.challenges().stream().allMatch(ChallengeOutcome::met));
        }

        @Test
        void theSamePhotoTwiceIsAReplay() {
            PhotoEvidence same = shot().yaw(25).smile(0.8).evidence();
            SessionVerdict v = JUDGE.verdict(List.of(reference(shot().yaw(0)), new SessionPhoto("c1", ChallengeType.TURN_LEFT, same),
                    new SessionPhoto("c2", ChallengeType.SMILE, same)), List.of());
            assertFalse(v.alive());
            assertEquals(FailureReason.REPLAYED_IMAGE, v.failureReason());
            assertTrue(v.failureDetail().contains("c1") && v.failureDetail().contains("c2"), v.failureDetail());
            assertEquals(0, v.antiSpoofScore());
        }

        @Test
        void aReEncodedCopyIsAReplayButAMovedPersonIsNot() {
            Shot turned = shot().yaw(25).smile(0.8);
            PhotoEvidence first = turned.evidence();
            // The same picture re-encoded: hashes 3 bits apart, measurements within noise.
            Fingerprint f = first.fingerprint();
            Fingerprint copy = new Fingerprint(f.imageHash() ^ 0b111, f.faceHash() ^ 0b1, f.yaw() + 1, f.pitch() - 1,
                    f.eyes() + 0.04, f.mouth(), f.smile() - 0.04);
            PhotoEvidence reEncoded = new PhotoEvidence(copy, first.landmarks(), first.embedding(), first.leftEye(), first.rightEye());
            SessionVerdict replay = JUDGE.verdict(List.of(reference(shot().yaw(0)), new SessionPhoto("c1", ChallengeType.TURN_LEFT, first),
                    new SessionPhoto("c2", ChallengeType.SMILE, reEncoded)), List.of());
            assertEquals(FailureReason.REPLAYED_IMAGE, replay.failureReason());

            // Identical hashes (a still background) but the yaw moved 3°: two captures, not one picture.
            Fingerprint moved = new Fingerprint(f.imageHash(), f.faceHash(), f.yaw() + 3, f.pitch(), f.eyes(), f.mouth(), f.smile());
            PhotoEvidence other = new PhotoEvidence(moved, view(28, 0), first.embedding(), first.leftEye(), first.rightEye());
            SessionVerdict live = JUDGE.verdict(List.of(photo(ChallengeType.BLINK, shot().yaw(0).eyes(0.3)),
                    new SessionPhoto("c1", ChallengeType.TURN_LEFT, first),
                    new SessionPhoto("c2", ChallengeType.TURN_LEFT, other)), List.of());
            assertTrue(live.alive(), live.failureDetail());
        }

        @Test
        void aPlanarPairThatDiffersInYawIsAFlatSurface() {
            Shot frontal = shot().yaw(0);
            // The "turned" photo is the frontal picture seen tilted: a homography of its landmarks.
            Shot print = shot().yaw(25).landmarks(tiltedPrint(frontal.landmarks(), 40));
            SessionVerdict v = JUDGE.verdict(List.of(photo(ChallengeType.TURN_LEFT, print), photo(ChallengeType.SMILE, frontal.smile(0.8))),
                    List.of());
            assertFalse(v.alive());
            assertEquals(FailureReason.PLANAR_SURFACE, v.failureReason());
            assertTrue(v.failureDetail().contains("residual 0.000"), v.failureDetail());
            assertEquals(CheckResult.Status.FAIL, check(v, "planarity").status());
            assertTrue(check(v, "planarity").score() < 0.5);
            assertTrue(v.challenges().get(0).met(), "the turn itself was performed: " + v.challenges());
            assertTrue(v.confidence() < 0.05, "confidence " + v.confidence());
        }

        @Test
        void aRealFaceAsReferenceDoesNotMakeFlatChallengePhotosPassTheThreeDCheck() {
            // The attack: every challenge answered by one flat print (frontal, and the same print tilted),
            // the reference selfie a real head at another angle. Paired with a print, the real head's
            // landmarks fit no homography, so a check that counted the reference would pass.
            Shot frontal = shot().yaw(0);
            Shot printFrontal = shot().yaw(2).smile(0.8).landmarks(tiltedPrint(frontal.landmarks(), 2));
            Shot printTurned = shot().yaw(25).landmarks(tiltedPrint(frontal.landmarks(), 40));
            Shot realAtAnAngle = shot().yaw(-25).landmarks(view(-25, 0));
            List<SessionPhoto> attack = List.of(reference(realAtAnAngle), photo(ChallengeType.TURN_LEFT, printTurned),
                    photo(ChallengeType.SMILE, printFrontal));
            SessionVerdict v = JUDGE.verdict(attack, List.of());
            assertFalse(v.alive(), v.failureDetail());
            assertEquals(FailureReason.PLANAR_SURFACE, v.failureReason(), v.failureDetail());
            assertFalse(check(v, "planarity").detail().contains("reference"), check(v, "planarity").detail());
            assertEquals(Optional.of(Check.PLANARITY), JUDGE.presentationAttack(attack, List.of()).map(CheckResult::check));

            // With only the real reference at another angle and one challenge photo, no pair is left to judge.
            SessionVerdict alone = JUDGE.verdict(List.of(reference(realAtAnAngle), photo(ChallengeType.TURN_LEFT, printTurned)), List.of());
            assertEquals(CheckResult.Status.NOT_APPLICABLE, check(alone, "planarity").status(), check(alone, "planarity").detail());
            assertFalse(alone.alive());
        }

        @Test
        void theReferenceSelfieSetsNoBaseline() {
            // An already-turned face as reference would make a frontal "turn right" look like a 25° turn.
            SessionSoFar soFar = new SessionSoFar(List.of(new SessionSoFar.Challenge("c1", ChallengeType.TURN_RIGHT, 0, null),
                    new SessionSoFar.Challenge("c2", ChallengeType.SMILE, 0, null)), reference(shot().yaw(25)));
            UploadJudgement j = JUDGE.upload(soFar, "c1", Examination.usable(shot().yaw(-5).evidence()), List.of());
            assertFalse(j.accepted(), j.outcome().detail());
            assertTrue(Double.isNaN(j.outcome().baseline()), "judged from frontal: " + j.outcome().detail());
        }

        @Test
        void onlyPairsDifferingClearlyInYawAreTestedForPlanarity() {
            Shot frontal = shot().yaw(0);
            double[] flat = tiltedPrint(frontal.landmarks(), 40);
            SessionVerdict under = JUDGE.verdict(List.of(photo(ChallengeType.SMILE, frontal),
                    photo(ChallengeType.TURN_LEFT, shot().yaw(19.9).landmarks(flat))), List.of());
            assertEquals(CheckResult.Status.NOT_APPLICABLE, check(under, "planarity").status(), check(under, "planarity").detail());
            SessionVerdict at = JUDGE.verdict(List.of(photo(ChallengeType.SMILE, frontal),
                    photo(ChallengeType.TURN_LEFT, shot().yaw(20).landmarks(flat))), List.of());
            assertEquals(CheckResult.Status.FAIL, check(at, "planarity").status(), check(at, "planarity").detail());
        }

        @Test
        void anUnmetChallengeIsNamed() {
            SessionVerdict v = JUDGE.verdict(List.of(reference(shot().yaw(0)), photo(ChallengeType.TURN_LEFT, shot().yaw(25)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.3))), List.of());
            assertFalse(v.alive());
            assertEquals(FailureReason.CHALLENGE_NOT_MET, v.failureReason());
            assertTrue(v.failureDetail().contains("SMILE"), v.failureDetail());
            assertTrue(v.failureDetail().contains("0.30"), "names the measured value: " + v.failureDetail());
            assertTrue(v.confidence() < 0.5, "confidence " + v.confidence());
        }

        @Test
        void aDifferentPersonInOneChallengeIsAnIdentityMismatch() {
            Embedding stranger = embedding(T.sameIdentity() - 0.05);
            SessionVerdict v = JUDGE.verdict(List.of(reference(shot().yaw(0)), photo(ChallengeType.TURN_LEFT, shot().yaw(25)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.8).embedding(stranger))), List.of());
            assertFalse(v.alive());
            assertEquals(FailureReason.IDENTITY_MISMATCH, v.failureReason());
            assertTrue(v.failureDetail().contains(String.format(java.util.Locale.ROOT, "%.3f", T.sameIdentity() - 0.05)), v.failureDetail());

            Embedding close = embedding(T.sameIdentity() + 0.01);
            SessionVerdict same = JUDGE.verdict(List.of(photo(ChallengeType.TURN_LEFT, shot().yaw(25)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.8).embedding(close))), List.of());
            assertTrue(same.alive(), same.failureDetail());
        }

        @Test
        void aReferenceOfSomeoneElseIsAFaceMismatchApartFromLiveness() {
            Embedding other = embedding(0.6);
            SessionVerdict v = JUDGE.verdict(List.of(reference(shot().yaw(0).embedding(other)), photo(ChallengeType.TURN_LEFT, shot().yaw(25)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.8))), List.of());
            assertTrue(v.alive(), "liveness is judged apart from the face match: " + v.failureDetail());
            assertEquals(FailureReason.FACE_MISMATCH, v.failureReason());
            assertTrue(v.faceMatchScore() < T.faceMatch(), "face match " + v.faceMatchScore());
            assertEquals(0.6, v.faceMatchScore(), 1e-6);
            assertTrue(v.confidence() > 0.5, "the liveness confidence ignores the face match: " + v.confidence());
            assertEquals(CheckResult.Status.FAIL, check(v, "faceMatch").status());
        }

        @Test
        void aLivenessFailureIsReportedBeforeAFaceMismatch() {
            SessionVerdict v = JUDGE.verdict(List.of(reference(shot().yaw(0).embedding(embedding(0.6))),
                    photo(ChallengeType.TURN_LEFT, shot().yaw(25)), photo(ChallengeType.SMILE, shot().yaw(2).smile(0.2))), List.of());
            assertFalse(v.alive());
            assertEquals(FailureReason.CHALLENGE_NOT_MET, v.failureReason());
            assertEquals(0.6, v.faceMatchScore(), 1e-6, "the face match is still reported");
        }

        @Test
        void aPhotoOfARecentSessionIsAReplay() {
            List<SessionPhoto> photos = consistent();
            Fingerprint old = photos.get(1).evidence().fingerprint();
            SessionVerdict v = JUDGE.verdict(photos, List.of(shot().evidence().fingerprint(), old));
            assertFalse(v.alive());
            assertEquals(FailureReason.REPLAYED_IMAGE, v.failureReason());
            assertTrue(v.failureDetail().contains("recent session"), v.failureDetail());

            SessionVerdict fresh = JUDGE.verdict(consistent(), List.of(shot().evidence().fingerprint(), shot().yaw(25).evidence().fingerprint()));
            assertTrue(fresh.alive(), "unrelated recent photos do not matter: " + fresh.failureDetail());
        }

        @Test
        void withoutTwoPhotosDifferingInYawThereIsNoProofOfAHead() {
            // Every challenge met, but nothing turned: a flat picture could have answered them all.
            SessionVerdict v = JUDGE.verdict(List.of(reference(shot().yaw(0)), photo(ChallengeType.SMILE, shot().yaw(3).smile(0.8)),
                    photo(ChallengeType.BLINK, shot().yaw(-4).eyes(0.1)), photo(ChallengeType.OPEN_MOUTH, shot().yaw(12).mouth(0.6))),
                    List.of());
            assertTrue(v.challenges().stream().allMatch(ChallengeOutcome::met), v.challenges().toString());
            assertFalse(v.alive());
            assertEquals(FailureReason.PLANAR_SURFACE, v.failureReason());
            assertTrue(v.failureDetail().contains("20.0"), v.failureDetail());
            assertEquals(CheckResult.Status.NOT_APPLICABLE, check(v, "planarity").status());
            assertEquals(0, v.confidence());
            assertEquals(0, v.antiSpoofScore());

            // A single turn photo is met from frontal, but one photo shows no head either.
            SessionVerdict single = JUDGE.verdict(List.of(photo(ChallengeType.TURN_LEFT, shot().yaw(30))), List.of());
            assertTrue(single.challenges().get(0).met());
            assertFalse(single.alive());
            assertEquals(CheckResult.Status.NOT_APPLICABLE, check(single, "identity").status());
        }

        @Test
        void aVerdictNeedsAChallengePhoto() {
            assertThrows(IllegalArgumentException.class, () -> JUDGE.verdict(List.of(reference(shot())), List.of()));
            assertThrows(IllegalArgumentException.class, () -> JUDGE.verdict(List.of(), List.of()));
        }

        @Test
        void everyChallengeIsJudgedAgainWithAllPhotos() {
            // Uploaded first, +21 met the turn from frontal; the final verdict measures it from the smile at +15.
            SessionVerdict v = JUDGE.verdict(List.of(photo(ChallengeType.TURN_LEFT, shot().yaw(21)),
                    photo(ChallengeType.SMILE, shot().yaw(15).smile(0.8))), List.of());
            assertFalse(v.alive());
            assertEquals(FailureReason.CHALLENGE_NOT_MET, v.failureReason());
            assertEquals(6, v.challenges().get(0).value(), 1e-9);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Preview guidance

    @Nested
    class Previews {

        private FaceAnalysis faceAt(double x, double y, double size, double brightness) {
            FaceAnalysis f = face(new Quality(size, brightness, 40, 50));
            return new FaceAnalysis(new Box(x, y, size, size), f.score(), f.meshScore(), f.landmarks(), f.pose(), f.eyes(),
                    f.mouthOpenness(), f.mouthRatio(), f.smile(), f.quality(), f.antiSpoof(), f.legacyAntiSpoof(), f.embedding(),
                    new Box(x, y, size, size), f.meshCrop());
        }

        @Test
        void aCentredWellLitFaceIsOk() {
            FramePreview p = JUDGE.preview(320, 240, List.of(faceAt(110, 60, 100, 120)));
            assertEquals(List.of(FramePreview.Hint.OK), p.hints());
            assertEquals(1, p.faces());
            assertEquals(110, p.box().x(), 1e-9);
        }

        @Test
        void theHintsSayWhatToChange() {
            assertEquals(List.of(FramePreview.Hint.NO_FACE), JUDGE.preview(320, 240, List.of()).hints());
            assertEquals(List.of(FramePreview.Hint.TOO_FAR), JUDGE.preview(320, 240, List.of(faceAt(140, 100, 40, 120))).hints());
            assertEquals(List.of(FramePreview.Hint.TOO_CLOSE), JUDGE.preview(320, 240, List.of(faceAt(60, 10, 220, 120))).hints());
            assertEquals(List.of(FramePreview.Hint.NOT_CENTRED), JUDGE.preview(320, 240, List.of(faceAt(10, 60, 100, 120))).hints());
            assertEquals(List.of(FramePreview.Hint.TOO_DARK), JUDGE.preview(320, 240, List.of(faceAt(110, 60, 100, 10))).hints());
            assertEquals(List.of(FramePreview.Hint.MULTIPLE_FACES),
                    JUDGE.preview(320, 240, List.of(faceAt(110, 60, 100, 120), faceAt(0, 0, 30, 120))).hints());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The passive presentation-attack check

    @Nested
    class Passive {

        /** A frontal reference, a turn to +25° and a smile, with the live probabilities of the turn and the smile. */
        private List<SessionPhoto> session(double reference, double turn, double smile) {
            return List.of(reference(shot().yaw(0).live(reference)), photo(ChallengeType.TURN_LEFT, shot().yaw(25).live(turn)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.8).live(smile)));
        }

        @Test
        void aMedianBelowTheThresholdIsASpoof() {
            SessionVerdict v = JUDGE.verdict(session(0.9, 0.001, T.passiveMinLive() / 2), List.of());
            assertFalse(v.alive());
            assertEquals(FailureReason.SPOOF_DETECTED, v.failureReason());
            CheckResult passive = check(v, "passiveAntiSpoof");
            assertEquals(CheckResult.Status.FAIL, passive.status());
            assertTrue(passive.score() < 0.5, "a failed check scores under 0.5: " + passive.score());
            assertTrue(passive.detail().contains("over 2 photo(s)"), "the reference selfie does not count: " + passive.detail());
            assertTrue(v.antiSpoofScore() < 0.5, "the anti-spoof score includes the passive check: " + v.antiSpoofScore());
            assertTrue(check(v, "challenges").status() == CheckResult.Status.PASS && check(v, "planarity").status() == CheckResult.Status.PASS,
                    "every other check passed: the passive model alone named the spoof");
        }

        @Test
        void oneLowPhotoIsOutvotedByTheMedian() {
            List<SessionPhoto> photos = List.of(reference(shot().yaw(0)), photo(ChallengeType.TURN_LEFT, shot().yaw(25).live(0.0001)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.8).live(0.7)),
                    photo(ChallengeType.OPEN_MOUTH, shot().yaw(1).mouth(0.6).live(0.9)));
            SessionVerdict v = JUDGE.verdict(photos, List.of());
            assertTrue(v.alive(), v.failureDetail());
            assertEquals(CheckResult.Status.PASS, check(v, "passiveAntiSpoof").status());
            assertTrue(check(v, "passiveAntiSpoof").detail().contains("median live probability 0.7000 over 3 photo(s)"),
                    check(v, "passiveAntiSpoof").detail());
        }

        @Test
        void aLowReferenceSelfieDoesNotCount() {
            SessionVerdict v = JUDGE.verdict(session(0.0001, 0.8, 0.9), List.of());
            assertTrue(v.alive(), "an enrolled image may be a scan of a print: " + v.failureDetail());
        }

        @Test
        void theAntiSpoofScoreIsTheWeakestVotingCheck() {
            double justAbove = T.passiveMinLive() * 1.5;
            SessionVerdict v = JUDGE.verdict(session(0.9, justAbove, justAbove), List.of());
            assertTrue(v.alive(), v.failureDetail());
            CheckResult passive = check(v, "passiveAntiSpoof");
            assertEquals(CheckResult.Status.PASS, passive.status());
            assertTrue(passive.score() > 0.5 && passive.score() < 0.7, "a narrow pass: " + passive.score());
            assertEquals(passive.score(), v.antiSpoofScore(), 1e-12);
            assertEquals(passive.score(), v.confidence(), 1e-12, "and the weakest link of the confidence");
        }

        @Test
        void notMeasuredIsNotApplicableNeverAPass() {
            SessionVerdict v = JUDGE.verdict(session(Double.NaN, Double.NaN, Double.NaN), List.of());
            CheckResult passive = check(v, "passiveAntiSpoof");
            assertEquals(CheckResult.Status.NOT_APPLICABLE, passive.status());
            assertTrue(Double.isNaN(passive.score()));
            assertTrue(passive.detail().contains("no photo was measured"), passive.detail());
            SessionVerdict measured = JUDGE.verdict(session(Double.NaN, 0.9, 0.9), List.of());
            assertEquals(Math.min(check(measured, "replay").score(), check(measured, "planarity").score()), v.antiSpoofScore(), 1e-12,
                    "an unmeasured check adds nothing to the anti-spoof score");
        }

        @Test
        void photosNotMeasuredAreLeftOutOfTheMedian() {
            SessionVerdict v = JUDGE.verdict(session(0.9, Double.NaN, 0.001), List.of());
            assertEquals(FailureReason.SPOOF_DETECTED, v.failureReason());
            assertTrue(check(v, "passiveAntiSpoof").detail().contains("1 of 2 photos (the others were not measured)"),
                    check(v, "passiveAntiSpoof").detail());
        }

        @Test
        void aSpoofIsReportedBeforeAChallengeNotMet() {
            List<SessionPhoto> photos = List.of(reference(shot().yaw(0)), photo(ChallengeType.TURN_LEFT, shot().yaw(25).live(0.001)),
                    photo(ChallengeType.SMILE, shot().yaw(2).smile(0.1).live(0.001)));
            SessionVerdict v = JUDGE.verdict(photos, List.of());
            assertEquals(FailureReason.SPOOF_DETECTED, v.failureReason(), "attacks before performance");
            assertTrue(check(v, "challenges").failed());
        }

        @Test
        void theThresholdIsValidated() {
            assertRejected("passiveMinLive", 0);
            assertRejected("passiveMinLive", 1);
            assertRejected("maxBackgroundFaceRatio", 0.95);
            assertRejected("maxBackgroundFaceRatio", -0.1);
            assertEquals(0.1, with("passiveMinLive", 0.1).passiveMinLive());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // One upload at a time: the session's state machine on canned evidence

    @Nested
    class Uploads {

        private static final PhotoProblem NO_FACE = new PhotoProblem(FailureReason.NO_FACE, "no face found in the photo");

        /** A session of a left turn (c1) and a smile (c2), each with {@code attempts} so far and the given accepted photos. */
        private SessionSoFar session(int turnAttempts, PhotoEvidence turn, int smileAttempts, PhotoEvidence smile, SessionPhoto reference) {
            return new SessionSoFar(List.of(new SessionSoFar.Challenge("c1", ChallengeType.TURN_LEFT, turnAttempts, turn),
                    new SessionSoFar.Challenge("c2", ChallengeType.SMILE, smileAttempts, smile)), reference);
        }

        @Test
        void aPhotoThatMeetsAChallengeIsAcceptedAndTheSessionGoesOn() {
            UploadJudgement j = JUDGE.upload(session(0, null, 0, null, reference(shot())), "c1",
                    Examination.usable(shot().yaw(25).evidence()), List.of());
            assertTrue(j.accepted());
            assertTrue(j.outcome().met());
            assertNull(j.outcome().failureReason());
            assertFalse(j.endsSession());
        }

        @Test
        void thePhotoForTheLastChallengeBringsTheVerdict() {
            PhotoEvidence turn = shot().yaw(25).evidence();
            UploadJudgement j = JUDGE.upload(session(1, turn, 0, null, reference(shot())), "c2",
                    Examination.usable(shot().yaw(2).smile(0.8).evidence()), List.of());
            assertTrue(j.accepted());
            assertTrue(j.endsSession());
            assertTrue(j.verdict().alive(), j.verdict().failureDetail());
            assertEquals(2, j.verdict().challenges().size());
        }

        @Test
        void anUnusablePhotoIsAFailedAttemptUntilTheRetriesAreUsedUp() {
            for (int before = 0; before < T_RETRIES; before++) {
                UploadJudgement j = JUDGE.upload(session(before, null, 0, null, null), "c1", Examination.unusable(NO_FACE), List.of());
                assertFalse(j.accepted());
                assertEquals(FailureReason.NO_FACE, j.outcome().failureReason());
                assertNull(j.outcome().measure());
                assertFalse(j.endsSession(), "attempt " + (before + 1) + " of " + (T_RETRIES + 1));
            }
            UploadJudgement last = JUDGE.upload(session(T_RETRIES, null, 0, null, null), "c1", Examination.unusable(NO_FACE), List.of());
            assertTrue(last.endsSession());
            assertFalse(last.verdict().alive());
            assertEquals(FailureReason.NO_FACE, last.verdict().failureReason());
            assertTrue(last.verdict().failureDetail().startsWith("TURN_LEFT (c1) not met after 3 attempt(s)"),
                    last.verdict().failureDetail());
        }

        @Test
        void aChallengeNotMetAfterItsRetriesEndsTheSession() {
            UploadJudgement j = JUDGE.upload(session(T_RETRIES, null, 0, null, reference(shot())), "c1",
                    Examination.usable(shot().yaw(5).evidence()), List.of());
            assertFalse(j.accepted());
            assertEquals(FailureReason.CHALLENGE_NOT_MET, j.outcome().failureReason());
            assertEquals(Measure.YAW_CHANGE, j.outcome().measure());
            assertEquals(FailureReason.CHALLENGE_NOT_MET, j.verdict().failureReason());
            assertEquals(0, j.verdict().confidence());
        }

        @Test
        void noRetriesMeansTheFirstFailedAttemptEndsTheSession() {
            SessionJudge strict = new SessionJudge(T, 0);
            UploadJudgement j = strict.upload(session(0, null, 0, null, null), "c1", Examination.unusable(NO_FACE), List.of());
            assertTrue(j.endsSession());
        }

        @Test
        void aSessionEndingOnAttemptsStillNamesAFlatPictureAmongItsAcceptedPhotos() {
            Shot frontal = shot().yaw(0);
            PhotoEvidence print = shot().yaw(25).landmarks(tiltedPrint(frontal.landmarks(), 40)).evidence();
            SessionSoFar soFar = new SessionSoFar(List.of(new SessionSoFar.Challenge("c1", ChallengeType.TURN_LEFT, 1, print),
                    new SessionSoFar.Challenge("c2", ChallengeType.SMILE, T_RETRIES, null),
                    new SessionSoFar.Challenge("c3", ChallengeType.BLINK, 1, frontal.eyes(0.3).evidence())), reference(frontal));
            UploadJudgement j = JUDGE.upload(soFar, "c2", Examination.usable(shot().smile(0.1).evidence()), List.of());
            assertEquals(FailureReason.PLANAR_SURFACE, j.verdict().failureReason());
            assertTrue(j.verdict().failureDetail().contains("; and SMILE (c2) not met after 3 attempt(s)"), j.verdict().failureDetail());
        }

        @Test
        void aSessionEndingOnAttemptsNamesASpoofAmongItsAcceptedPhotos() {
            PhotoEvidence turn = shot().yaw(25).live(0.0001).evidence();
            UploadJudgement j = JUDGE.upload(session(1, turn, T_RETRIES, null, reference(shot())), "c2",
                    Examination.usable(shot().smile(0.1).live(0.0001).evidence()), List.of());
            assertEquals(FailureReason.SPOOF_DETECTED, j.verdict().failureReason());
            assertTrue(j.verdict().failureDetail().contains("; and SMILE (c2) not met after 3 attempt(s)"), j.verdict().failureDetail());
        }

        @Test
        void backgroundFacesAreNotedInTheAttemptsDetail() {
            UploadJudgement j = JUDGE.upload(session(0, null, 0, null, reference(shot())), "c1",
                    Examination.usable(shot().yaw(25).evidence(), "1 smaller face(s) in the background not judged"), List.of());
            assertTrue(j.accepted());
            assertTrue(j.outcome().detail().endsWith("; 1 smaller face(s) in the background not judged"), j.outcome().detail());
        }

        @Test
        void aPhotoRepeatingAnAcceptedPhotoEndsTheSessionAtOnce() {
            PhotoEvidence turn = shot().yaw(25).smile(0.8).evidence();
            UploadJudgement j = JUDGE.upload(session(1, turn, 0, null, null), "c2", Examination.usable(turn), List.of());
            assertFalse(j.accepted());
            assertEquals(FailureReason.REPLAYED_IMAGE, j.outcome().failureReason());
            assertEquals(FailureReason.REPLAYED_IMAGE, j.verdict().failureReason());
            assertTrue(j.verdict().failureDetail().contains("TURN_LEFT (c1)"), j.verdict().failureDetail());
        }

        @Test
        void aPhotoRepeatingARecentSessionsPhotoEndsTheSessionButAReferenceMayRecur() {
            PhotoEvidence old = shot().yaw(25).evidence();
            UploadJudgement j = JUDGE.upload(session(0, null, 0, null, null), "c1", Examination.usable(old),
                    List.of(old.fingerprint()));
            assertEquals(FailureReason.REPLAYED_IMAGE, j.verdict().failureReason());
            assertTrue(j.verdict().failureDetail().contains("a photo of a recent session"), j.verdict().failureDetail());

            PhotoEvidence reference = shot().evidence();
            UploadJudgement withOldReference = JUDGE.upload(session(0, null, 0, null, new SessionPhoto("reference", null, reference)),
                    "c1", Examination.usable(shot().yaw(25).evidence()), List.of(reference.fingerprint()));
            assertTrue(withOldReference.accepted(), "a reference selfie may be the same stored image in several sessions");
        }

        @Test
        void aChallengeThatIsAlreadyMetCannotBeJudgedAgain() {
            PhotoEvidence turn = shot().yaw(25).evidence();
            assertThrows(IllegalArgumentException.class, () -> JUDGE.upload(session(1, turn, 0, null, null), "c1",
                    Examination.usable(shot().yaw(26).evidence()), List.of()));
            assertThrows(IllegalArgumentException.class, () -> JUDGE.upload(session(0, null, 0, null, null), "c9",
                    Examination.unusable(NO_FACE), List.of()));
        }

        @Test
        void anExpiredSessionFailsWithTheServerTime() {
            SessionVerdict v = JUDGE.expired(java.time.Instant.parse("2026-01-01T00:00:00Z"));
            assertFalse(v.alive());
            assertEquals(FailureReason.EXPIRED, v.failureReason());
            assertTrue(v.failureDetail().contains("2026-01-01T00:00:00Z"), v.failureDetail());
        }
    }

    @Test
    void theHandMadeMeshesAreThreeDimensionalOrPlanarAsIntended() {
        double[] frontal = view(0, 0);
        double turned = StableLandmarks.planarResidual(frontal, view(25, 0));
        assertTrue(turned > 1.5 * T.planarMaxResidual(), "a 25° rotation in depth: residual " + turned);
        assertEquals(0, StableLandmarks.planarResidual(frontal, tiltedPrint(frontal, 40)), 1e-9);
        // The rotation's sign follows HeadPose: positive yaw moves the nose (the closest point) to the image's right.
        int nose = 1;
        assertTrue(view(25, 0)[3 * nose] > frontal[3 * nose], "nose x " + frontal[3 * nose] + " → " + view(25, 0)[3 * nose]);
        assertTrue(view(0, 10)[3 * nose + 1] < frontal[3 * nose + 1], "looking up moves the nose up the image");
    }

    @Test
    void thresholdsRejectValuesOutOfRangeNamingTheField() {
        assertRejected("turnYawChange", T.planarMinYawDifference() - 1);
        assertRejected("planarMinYawDifference", 70);
        assertRejected("maxBrightness", T.minBrightness() - 1);
        assertRejected("minFaceSize", 8);
        assertRejected("planarMaxResidual", 0);
        assertRejected("smileMin", Double.NaN);
        assertRejected("blinkMaxOpenness", 1);
        assertRejected("sameIdentity", 1.5);
        assertRejected("replayMaxHashDistance", 17);
        assertRejected("replayMaxHashDistance", -1);
        // The same fields accept values in range.
        assertEquals(25.0, with("turnYawChange", 25).turnYawChange());
        assertEquals(0.03, with("planarMaxResidual", 0.03).planarMaxResidual());
        assertEquals(T, with("smileMin", T.smileMin()), "rebuilding the defaults");
    }

    @Test
    void marginScoreIsAHalfAtTheThresholdAndGrowsWithTheValue() {
        assertEquals(0.5, SessionJudge.marginScore(20, 20, 5), 1e-15);
        assertEquals(0.5, SessionJudge.marginScore(0.045, 0.045, 0.01), 1e-15);
        double previous = 0;
        for (double v = 0; v <= 40; v += 2.5) {
            double s = SessionJudge.marginScore(v, 20, 5);
            assertTrue(s > previous, "increasing at " + v + ": " + s + " after " + previous);
            assertTrue(s > 0 && s < 1, "within 0..1 at " + v + ": " + s);
            previous = s;
        }
        assertEquals(1, SessionJudge.marginScore(25, 20, 5) + SessionJudge.marginScore(15, 20, 5), 1e-12, "symmetric about the threshold");
        assertTrue(SessionJudge.marginScore(25, 20, 1) > SessionJudge.marginScore(25, 20, 5), "a smaller scale sharpens the score");
        assertEquals(0, SessionJudge.marginScore(Double.NaN, 20, 5), "nothing measured scores 0");
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private static CheckResult check(SessionVerdict v, String name) {
        return v.checks().stream().filter(c -> c.check().wireName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no check " + name));
    }

    private static void assertRejected(String field, double value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(field, value), field + " = " + value);
        assertTrue(e.getMessage().startsWith(field + " "), "the message names " + field + ": " + e.getMessage());
    }

    /** The defaults with one field replaced. */
    private static VerdictThresholds with(String field, double value) {
        RecordComponent[] components = VerdictThresholds.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getAccessor().invoke(T);
                if (components[i].getName().equals(field)) {
                    args[i] = types[i] == int.class ? (Object) (int) value : (Object) value;
                    found = true;
                }
            }
            assertTrue(found, "no field " + field);
            Constructor<VerdictThresholds> c = VerdictThresholds.class.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static FaceAnalysis face(Quality quality) {
        return new FaceAnalysis(new Box(100, 100, quality.faceSize(), quality.faceSize()), 0.99, 0.99, view(0, 0),
                new HeadPose(0, 0, 0), new EyeOpenness(0.9, 0.9, 0.3, 0.3), 0.05, 0.02, 0.1, quality,
                new LiveScore("fr_liveness", 0.9), null, PERSON, new Box(100, 100, quality.faceSize(), quality.faceSize()),
                new Affine2D(1, 0, 100, 0, 1, 100));
    }

    private static SessionPhoto reference(Shot shot) {
        return new SessionPhoto("reference", null, shot.evidence());
    }

    private static int photoCount = 0;

    private static SessionPhoto photo(ChallengeType type, Shot shot) {
        return new SessionPhoto("c" + (++photoCount), type, shot.evidence());
    }

}
