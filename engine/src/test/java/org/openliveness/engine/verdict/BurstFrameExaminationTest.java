package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.Samples;
import org.openliveness.engine.image.TestImages;

/**
 * A burst frame is examined without the presentation-attack model (and, but for a smile's burst,
 * without the expression model), and the answer frame completed with them: the answer frame's
 * evidence is exactly what a whole examination of the photo gives.
 */
class BurstFrameExaminationTest {

    private static FaceEngine engine;
    private static EnginePhotoExaminer examiner;

    @BeforeAll
    static void start() {
        engine = FaceEngine.create(EngineConfig.DEFAULTS);
        examiner = new EnginePhotoExaminer(engine, new SessionJudge(VerdictThresholds.DEFAULTS, SessionJudge.DEFAULT_MAX_RETRIES));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** One face of a sample photo (they all show several people), cut out with its surroundings. */
    private static byte[] portrait() {
        try {
            BufferedImage group = ImageIO.read(new ByteArrayInputStream(Samples.bytes("sample5.jpg")));
            return TestImages.jpeg(group.getSubimage(690, 40, 350, 380), 0.92f, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFrameOfASmileLeavesOutOnlyTheLiveScoreAndTheAnswerCompletesItAsAWholeExamination() {
        byte[] photo = portrait();
        PhotoEvidence whole = examiner.examine(photo).evidence();
        BurstFrame frame = examiner.examineBurstFrame(photo, ChallengeType.SMILE);
        PhotoEvidence partial = frame.examination().evidence();

        assertTrue(whole.liveMeasured(), "the engine runs a presentation-attack model by default");
        assertFalse(partial.liveMeasured(), "left out of a burst frame");
        assertEquals(whole.fingerprint(), partial.fingerprint());
        assertArrayEquals(whole.embedding().vector(), partial.embedding().vector());
        assertArrayEquals(whole.landmarks(), partial.landmarks());

        PhotoEvidence answer = examiner.examineAnswer(frame).evidence();
        assertEquals(whole.live(), answer.live(), 1e-9);
        assertEquals(whole.fingerprint(), answer.fingerprint());
    }

    @Test
    void aFrameOfAnotherChallengeLeavesOutTheSmileTooAndTheAnswerCompletesBoth() {
        byte[] photo = portrait();
        PhotoEvidence whole = examiner.examine(photo).evidence();
        for (ChallengeType type : new ChallengeType[] {ChallengeType.TURN_LEFT, ChallengeType.OPEN_MOUTH, ChallengeType.LIGHT}) {
            BurstFrame frame = examiner.examineBurstFrame(photo, type);
            PhotoEvidence partial = frame.examination().evidence();
            assertTrue(Double.isNaN(partial.smile()), type + ": no smile score on the frame");
            assertFalse(partial.liveMeasured());
            assertEquals(whole.yaw(), partial.yaw(), 1e-12);
            assertEquals(whole.mouth(), partial.mouth(), 1e-12);
            assertArrayEquals(whole.embedding().vector(), partial.embedding().vector());
            assertTrue(partial.fingerprint().samePictureAs(whole.fingerprint(), 0), "a frame still finds the photo it repeats");

            PhotoEvidence answer = examiner.examineAnswer(frame).evidence();
            assertEquals(whole.fingerprint(), answer.fingerprint(), type + ": the smile as a whole examination measures it");
            assertEquals(whole.live(), answer.live(), 1e-9);
        }
    }

    @Test
    void anExaminerWithoutPartialFramesHandsBackItsWholeExamination() {
        PhotoExaminer whole = new PhotoExaminer() {
            @Override
            public Examination examine(byte[] photo) {
                return examiner.examine(photo);
            }

            @Override
            public FramePreview preview(byte[] frame) {
                return examiner.preview(frame);
            }
        };
        BurstFrame frame = whole.examineBurstFrame(portrait(), ChallengeType.TURN_LEFT);
        assertTrue(frame.examination().evidence().liveMeasured());
        assertEquals(frame.examination(), whole.examineAnswer(frame));
    }
}
