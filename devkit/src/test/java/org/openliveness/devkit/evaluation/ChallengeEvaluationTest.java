package org.openliveness.devkit.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.embedding.Embedding;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.engine.verdict.PhotoEvidence;
import org.openliveness.engine.verdict.SessionJudge;
import org.openliveness.engine.verdict.VerdictThresholds;

/** Pose photos judged as a session would judge them, on faces with hand-set poses. */
class ChallengeEvaluationTest {

    private static final SessionJudge JUDGE = new SessionJudge(VerdictThresholds.DEFAULTS, SessionJudge.DEFAULT_MAX_RETRIES);

    /** A usable face with a hand-set pose, as the examiner would report it (no image, so no replay hashes). */
    private static Examination examined(double yaw, double pitch) {
        Fingerprint fp = new Fingerprint(0, 0, yaw, pitch, 1, 0.05, 0.1);
        return Examination.usable(new PhotoEvidence(fp, new double[3 * FaceAnalysis.MESH_POINTS],
                new Embedding("test", new float[] {1, 0}), 1, 1));
    }

    private static ChallengeEvaluation.Photo photo(String file, String label, String subject, double yaw, double pitch) {
        return new ChallengeEvaluation.Photo(file, label, subject, examined(yaw, pitch));
    }

    @Test
    void aTurnIsAYawChangeFromTheSameSubjectsFrontalPhotos() {
        List<ChallengeEvaluation.Photo> photos = List.of(
                photo("a-front1", "frontal", "a", 2, 0),
                photo("a-front2", "frontal", "a", 4, 0),
                photo("a-left", "turn_subject_left", "a", 30, 0),        // +27° from the mean 3° → met
                photo("a-right", "turn_subject_right", "a", -25, 0),
                photo("a-up", "look_up", "a", 3, 12),
                photo("b-front", "frontal", "b", 25, 0),                 // b already looks to the side
                photo("b-left", "turn_subject_left", "b", 30, 0),        // only +5° from b's frontal → not met
                new ChallengeEvaluation.Photo("b-missing", "turn_subject_left", "b", null),
                photo("a-smile", "smile", "a", 40, 0));                  // not a pose label: ignored
        Map<String, ChallengeEvaluation.Judged> left = ChallengeEvaluation.judge(ChallengeTask.TURN_LEFT, photos, JUDGE)
                .stream().collect(Collectors.toMap(j -> j.photo().file(), Function.identity()));

        assertEquals(8, left.size());
        assertTrue(left.get("a-left").performed() && left.get("a-left").met());
        assertEquals(27, left.get("a-left").value(), 1e-9);
        assertEquals(3, left.get("a-left").baseline(), 1e-9);
        // a frontal photo is measured against the subject's other frontal photo only
        assertEquals(4, left.get("a-front1").baseline(), 1e-9);
        assertEquals(-2, left.get("a-front1").value(), 1e-9);
        assertFalse(left.get("a-front1").met());
        assertFalse(left.get("a-right").met());
        assertFalse(left.get("a-up").met());
        assertTrue(left.get("b-left").performed());
        assertFalse(left.get("b-left").met(), "a photo of an already-turned face must not pass");
        assertEquals(5, left.get("b-left").value(), 1e-9);
        // b's only frontal photo has no other frontal photo: judged from zero, 25° ≥ 20° → a false accept
        assertTrue(Double.isNaN(left.get("b-front").baseline()));
        assertTrue(left.get("b-front").met());
        assertFalse(left.get("b-missing").met());
        assertEquals(Double.NEGATIVE_INFINITY, left.get("b-missing").value());
    }

    @Test
    void lookingUpIsAPitchChange() {
        List<ChallengeEvaluation.Photo> photos = List.of(
                photo("front1", "frontal", "", 0, -2),
                photo("front2", "frontal", "", 0, 0),
                photo("up", "look_up", "", 0, 9),
                photo("down", "look_down", "", 0, -12));
        Map<String, ChallengeEvaluation.Judged> up = ChallengeEvaluation.judge(ChallengeTask.LOOK_UP, photos, JUDGE)
                .stream().collect(Collectors.toMap(j -> j.photo().file(), Function.identity()));
        assertTrue(up.get("up").met(), "10° over the mean of −2° and 0°, 8° needed");
        assertEquals(10, up.get("up").value(), 1e-9);
        assertFalse(up.get("down").met());
        assertFalse(up.get("front1").met());
    }
}
