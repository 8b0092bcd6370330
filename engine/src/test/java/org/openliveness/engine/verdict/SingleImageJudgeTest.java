package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SingleImageJudgeTest {

    private final SingleImageJudge judge = new SingleImageJudge(new SessionJudge(VerdictThresholds.DEFAULTS, 2));
    private final double passMin = VerdictThresholds.DEFAULTS.passiveMinLive();
    private final Examination trusted = Examination.usable(CannedEvidence.shot().evidence());

    private Examination live() {
        return Examination.usable(CannedEvidence.shot().live(Math.min(0.999, passMin + 0.2)).evidence());
    }

    @Test
    void aLiveImageOfTheUserIsAcceptedAndSaysItIsASingleImage() {
        SingleImageVerdict v = judge.judge(live(), trusted, List.of());
        assertEquals(SingleImageVerdict.Outcome.ACCEPTED, v.outcome());
        assertTrue(v.accepted());
        assertNull(v.failureReason());
        assertNull(v.failedCheck());
        assertTrue(v.faceMatchScore() >= VerdictThresholds.DEFAULTS.faceMatch(), "face match " + v.faceMatchScore());
        assertEquals(List.of(Check.REPLAY, Check.PASSIVE_ANTI_SPOOF, Check.FACE_MATCH),
                v.checks().stream().map(CheckResult::check).toList());
        assertEquals("SINGLE_IMAGE", v.assurance());
    }

    @Test
    void anImageWithoutUsableFaceIsRejectedWithTheExaminersReason() {
        Examination none = Examination.unusable(new PhotoProblem(FailureReason.MULTIPLE_FACES, "2 faces"));
        SingleImageVerdict v = judge.judge(none, trusted, List.of());
        assertEquals(SingleImageVerdict.Outcome.REJECTED, v.outcome());
        assertEquals(FailureReason.MULTIPLE_FACES, v.failureReason());
        assertEquals("2 faces", v.failureDetail());
    }

    @Test
    void aTrustedImageWithoutUsableFaceMakesTheCheckInconclusive() {
        Examination none = Examination.unusable(new PhotoProblem(FailureReason.NO_FACE, "no face found in the photo"));
        SingleImageVerdict v = judge.judge(live(), none, List.of());
        assertEquals(SingleImageVerdict.Outcome.INCONCLUSIVE, v.outcome());
        assertFalse(v.accepted());
        assertTrue(v.failureDetail().contains("trusted image") && v.failureDetail().contains("NO_FACE"), v.failureDetail());
    }

    @Test
    void aSpoofBelowThePassiveThresholdIsRejected() {
        Examination spoof = Examination.usable(CannedEvidence.shot().live(passMin / 2).evidence());
        SingleImageVerdict v = judge.judge(spoof, trusted, List.of());
        assertEquals(SingleImageVerdict.Outcome.REJECTED, v.outcome());
        assertEquals(Check.PASSIVE_ANTI_SPOOF, v.failedCheck());
        assertEquals(FailureReason.SPOOF_DETECTED, v.failureReason());
    }

    @Test
    void anImageNoModelMeasuredIsNeverAccepted() {
        SingleImageVerdict v = judge.judge(Examination.usable(CannedEvidence.shot().evidence()), trusted, List.of());
        assertEquals(SingleImageVerdict.Outcome.INCONCLUSIVE, v.outcome());
        assertEquals(Check.PASSIVE_ANTI_SPOOF, v.failedCheck());
    }

    @Test
    void anotherPersonIsRejectedAsAFaceMismatch() {
        Examination other = Examination.usable(CannedEvidence.shot().live(0.99).embedding(CannedEvidence.embedding(0.1)).evidence());
        SingleImageVerdict v = judge.judge(other, trusted, List.of());
        assertEquals(SingleImageVerdict.Outcome.REJECTED, v.outcome());
        assertEquals(Check.FACE_MATCH, v.failedCheck());
        assertEquals(FailureReason.FACE_MISMATCH, v.failureReason());
        assertTrue(v.faceMatchScore() < VerdictThresholds.DEFAULTS.faceMatch(), "face match " + v.faceMatchScore());
    }

    @Test
    void theTrustedImageItselfOrARecentPhotoIsAReplay() {
        PhotoEvidence live = CannedEvidence.shot().live(0.99).evidence();
        SingleImageVerdict itself = judge.judge(Examination.usable(live), Examination.usable(live), List.of());
        assertEquals(FailureReason.REPLAYED_IMAGE, itself.failureReason());
        assertTrue(itself.failureDetail().contains("trusted image"), itself.failureDetail());

        SingleImageVerdict recent = judge.judge(Examination.usable(live), trusted, List.of(live.fingerprint()));
        assertEquals(SingleImageVerdict.Outcome.REJECTED, recent.outcome());
        assertEquals(Check.REPLAY, recent.failedCheck());
    }
}
