package org.openliveness.engine.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openliveness.engine.EngineConfig;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.Samples;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;

/**
 * The main-face rule on the engine's own findings: a portrait cut from one sample photo with a
 * face from another placed beside it, small (someone in the background) or nearly as large (a
 * second person in the picture).
 */
class BackgroundFaceTest {

    private static final SessionJudge JUDGE = new SessionJudge(VerdictThresholds.DEFAULTS, SessionJudge.DEFAULT_MAX_RETRIES);
    private static FaceEngine engine;

    @BeforeAll
    static void start() {
        engine = FaceEngine.create(EngineConfig.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /**
     * @param scale the pasted face's size over the portrait face's (the rule's limit is 0.5)
     * @param usable whether the photo keeps a usable face
     */
    @ParameterizedTest
    @CsvSource({"0.3,true", "0.85,false"})
    void aSmallFaceInTheBackgroundDoesNotFailThePhotoButASecondPersonDoes(double scale, boolean usable) {
        RgbImage portrait = cut("sample5.jpg", 1, 2.2, 2.0, 600);
        Box main = largest(portrait).box();
        double mainSize = Math.max(main.width(), main.height());
        RgbImage other = cut("sample1.jpg", 0, 1.5, 1.5, (int) Math.round(1.5 * scale * mainSize));
        RgbImage photo = besides(portrait, other);

        List<FaceAnalysis> faces = engine.analyze(photo);
        assertEquals(2, faces.size(), "the case this guards: both faces are found");
        double ratio = faces.get(1).quality().faceSize() / faces.get(0).quality().faceSize();
        Examination e = JUDGE.examine(photo, faces);
        assertEquals(usable, e.isUsable(), "size ratio " + ratio + ": " + (e.isUsable() ? e.note() : e.problem().detail()));
        if (usable) {
            assertTrue(e.note().contains("1 smaller face(s) in the background not judged"), e.note());
            assertEquals(faces.get(0).embedding(), e.evidence().embedding(), "the largest face is the one judged");
        } else {
            assertEquals(FailureReason.MULTIPLE_FACES, e.problem().reason());
        }
    }

    private static FaceAnalysis largest(RgbImage image) {
        return engine.analyze(image).stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
    }

    /** The {@code index}-th face (largest first) of a sample, cut {@code w × h} times its box about it, resized to {@code width}. */
    private static RgbImage cut(String sample, int index, double w, double h, int width) {
        RgbImage photo = engine.decode(Samples.bytes(sample)).image();
        Box box = engine.analyze(photo).get(index).box();
        int cw = (int) Math.round(w * box.width());
        int ch = (int) Math.round(h * box.height());
        int x = Math.max(0, (int) Math.round(box.centerX() - cw / 2.0));
        int y = Math.max(0, (int) Math.round(box.centerY() - ch / 2.0));
        cw = Math.min(cw, photo.width() - x);
        ch = Math.min(ch, photo.height() - y);
        byte[] px = new byte[cw * ch * 3];
        for (int j = 0; j < ch; j++) {
            System.arraycopy(photo.rgb(), ((y + j) * photo.width() + x) * 3, px, j * cw * 3, cw * 3);
        }
        return Warp.resize(new RgbImage(cw, ch, px), width, (int) Math.round((double) width * ch / cw));
    }

    /** {@code left} and {@code right} side by side, tops aligned, on black. */
    private static RgbImage besides(RgbImage left, RgbImage right) {
        int w = left.width() + right.width();
        int h = Math.max(left.height(), right.height());
        byte[] px = new byte[w * h * 3];
        for (int j = 0; j < left.height(); j++) {
            System.arraycopy(left.rgb(), j * left.width() * 3, px, j * w * 3, left.width() * 3);
        }
        for (int j = 0; j < right.height(); j++) {
            System.arraycopy(right.rgb(), j * right.width() * 3, px, (j * w + left.width()) * 3, right.width() * 3);
        }
        return new RgbImage(w, h, px);
    }
}
