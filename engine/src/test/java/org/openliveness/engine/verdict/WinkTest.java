package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.embedding.Embedding;

/** "Close both eyes": a wink (one eye closed) is not a blink. */
class WinkTest {

    private static final SessionJudge JUDGE = new SessionJudge(VerdictThresholds.DEFAULTS, SessionJudge.DEFAULT_MAX_RETRIES);

    private static PhotoEvidence eyes(double left, double right) {
        float[] v = new float[128];
        v[0] = 1;
        Fingerprint fp = new Fingerprint(0, 0, 0, 0, (left + right) / 2, 0, 0);
        return new PhotoEvidence(fp, new double[3 * FaceAnalysis.MESH_POINTS], new Embedding("test", v), left, right);
    }

    @Test
    void aWinkDoesNotMeetBlinkButBothEyesClosedDoes() {
        List<SessionPhoto> open = List.of(new SessionPhoto("ref", null, eyes(0.9, 0.9)));
        assertFalse(JUDGE.judge(ChallengeType.BLINK, eyes(0.0, 0.9), open).met(), "left-eye wink");
        assertFalse(JUDGE.judge(ChallengeType.BLINK, eyes(0.9, 0.05), open).met(), "right-eye wink");
        assertTrue(JUDGE.judge(ChallengeType.BLINK, eyes(0.2, 0.3), open).met(), "both closed");
    }
}
