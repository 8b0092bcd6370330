package org.openliveness.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.image.TestImages;

/** The whole pipeline on real photos the build fetches, and on broken input. */
class FaceEngineTest {

    private static FaceEngine engine;

    @BeforeAll
    static void start() {
        engine = FaceEngine.create(EngineConfig.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Face counts checked by eye on the annotated output. */
    @ParameterizedTest
    @CsvSource({"sample1.jpg,3", "sample2.jpg,3", "sample3.jpg,3", "sample4.jpg,4", "sample5.jpg,5", "sample6.jpg,4"})
    void findsEveryFaceAndEachMeshLiesWithinItsFace(String sample, int faces) {
        ImageAnalysis analysis = engine.analyze(Samples.bytes(sample));
        assertEquals(faces, analysis.faces().size(), sample);
        for (FaceAnalysis face : analysis.faces()) {
            Box box = face.box();
            assertTrue(box.width() > 100 && box.height() > 100, "face box " + box);
            for (int i = 0; i < FaceAnalysis.MESH_POINTS; i++) {
                assertTrue(face.x(i) >= box.x() - 1e-6 && face.x(i) <= box.x2() + 1e-6
                        && face.y(i) >= box.y() - 1e-6 && face.y(i) <= box.y2() + 1e-6, "point " + i + " outside " + box);
            }
            // Along the face's own axis (faces here are tilted up to 45°): chin, mouth, eyes.
            double eyesX = (face.x(159) + face.x(386)) / 2;
            double eyesY = (face.y(159) + face.y(386)) / 2;
            assertTrue(Math.hypot(eyesX - face.x(152), eyesY - face.y(152)) > Math.hypot(face.x(14) - face.x(152), face.y(14) - face.y(152)),
                    "the eyes are farther from the chin than the mouth");
            assertEquals(1.0, norm(face.embedding().vector()), 1e-4);
            assertTrue(face.smile() >= 0 && face.smile() <= 1);
            assertEquals("fr_liveness", face.antiSpoof().model());
            assertTrue(face.antiSpoof().live() >= 0 && face.antiSpoof().live() <= 1);
            assertNull(face.legacyAntiSpoof(), "the chance-level models run only when asked for");
        }
        assertTrue(analysis.timingsMs().keySet().containsAll(List.of("decode", "detect", "mesh", "embedding", "total")));
    }

    /**
     * A face filling the frame: the face at index {@code face} of a sample photo cut out at {@code scale}
     * times its mesh's extent, about its centre.
     */
    private static RgbImage closeUp(String sample, int face, double scale) {
        RgbImage img = engine.decode(Samples.bytes(sample)).image();
        Box b = engine.analyze(img).get(face).box();
        int w = (int) (b.width() * scale);
        int h = (int) (b.height() * scale);
        int x = Math.max(0, (int) (b.centerX() - w / 2.0));
        int y = Math.max(0, (int) (b.centerY() - h / 2.0));
        byte[] px = new byte[w * h * 3];
        for (int r = 0; r < h; r++) {
            System.arraycopy(img.rgb(), ((y + r) * img.width() + x) * 3, px, r * w * 3, w * 3);
        }
        return new RgbImage(w, h, px);
    }

    @ParameterizedTest
    @CsvSource({"sample2.jpg,1,1.0", "sample6.jpg,0,0.9"})
    void aCloseUpTheFirstPassMissesIsFoundOnThePaddedImage(String sample, int face, double scale) {
        RgbImage close = closeUp(sample, face, scale);
        try (FaceEngine firstPassOnly = FaceEngine.create(EngineConfig.DEFAULTS.withPadModel(null).withDetection(1.0, 0))) {
            assertEquals(0, firstPassOnly.analyze(close).size(), "the case this guards: the first pass finds nothing");
        }
        List<FaceAnalysis> faces = engine.analyze(close);
        assertEquals(1, faces.size());
        assertTrue(faces.get(0).quality().faceSize() > 0.8 * Math.max(close.width(), close.height()), "the face fills the frame: "
                + faces.get(0).box() + " in " + close.width() + "x" + close.height());
    }

    @Test
    void aPartOfTheFaceFoundAgainIsSuppressed() {
        RgbImage close = closeUp("sample3.jpg", 0, 1.0);
        try (FaceEngine noNestedRule = FaceEngine.create(EngineConfig.DEFAULTS.withPadModel(null).withDetection(1.0, 0))) {
            assertEquals(2, noNestedRule.analyze(close).size(), "the case this guards: a second box mostly inside the face");
        }
        assertEquals(1, engine.analyze(close).size());
    }

    @Test
    void mirroringATurnedFaceFlipsYawAndKeepsPitch() throws IOException {
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(Samples.bytes("sample4.jpg")));
        FaceAnalysis turned = largestYaw(engine.analyze(Samples.bytes("sample4.jpg")));
        assertTrue(Math.abs(turned.pose().yawDegrees()) > 20, "the sample face is turned: " + turned.pose());

        BufferedImage mirrored = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                mirrored.setRGB(photo.getWidth() - 1 - x, y, photo.getRGB(x, y));
            }
        }
        FaceAnalysis twin = nearest(engine.analyze(png(mirrored)), photo.getWidth() - turned.box().centerX(), turned.box().centerY());
        assertEquals(-turned.pose().yawDegrees(), twin.pose().yawDegrees(), 4, "yaw flips sign");
        assertEquals(turned.pose().pitchDegrees(), twin.pose().pitchDegrees(), 4, "pitch stays");
        assertEquals(-turned.pose().rollDegrees(), twin.pose().rollDegrees(), 4, "roll flips sign");
    }

    @Test
    void aPhotoStoredRotatedWithAnExifOrientationGivesTheUprightPose() throws IOException {
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(Samples.bytes("sample4.jpg")));
        byte[] upright = TestImages.jpeg(photo, 0.95f, false);
        // Orientation 6: the stored pixels are the upright image turned 90° counter-clockwise.
        BufferedImage stored = new BufferedImage(photo.getHeight(), photo.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                stored.setRGB(y, photo.getWidth() - 1 - x, photo.getRGB(x, y));
            }
        }
        byte[] rotated = TestImages.withSegment(TestImages.jpeg(stored, 0.95f, false), 0xE1, TestImages.exifPayload(6, false));

        ImageAnalysis a = engine.analyze(upright);
        ImageAnalysis b = engine.analyze(rotated);
        assertEquals(6, b.orientation());
        assertEquals(a.width(), b.width());
        assertEquals(a.faces().size(), b.faces().size());
        for (FaceAnalysis face : a.faces()) {
            FaceAnalysis same = nearest(b, face.box().centerX(), face.box().centerY());
            assertEquals(face.pose().yawDegrees(), same.pose().yawDegrees(), 3);
            assertEquals(face.pose().pitchDegrees(), same.pose().pitchDegrees(), 3);
            assertEquals(face.pose().rollDegrees(), same.pose().rollDegrees(), 3);
        }
    }

    @Test
    void eightThreadsGiveExactlyTheSequentialResults() throws Exception {
        List<String> names = List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg");
        List<ImageAnalysis> sequential = new ArrayList<>();
        for (String name : names) {
            sequential.add(engine.analyze(Samples.bytes(name)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ImageAnalysis>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String name : names) {
                    futures.add(pool.submit(() -> engine.analyze(Samples.bytes(name))));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                ImageAnalysis expected = sequential.get(i % names.size());
                ImageAnalysis actual = futures.get(i).get();
                assertEquals(expected.faces().size(), actual.faces().size());
                for (int f = 0; f < expected.faces().size(); f++) {
                    FaceAnalysis e = expected.faces().get(f);
                    FaceAnalysis g = actual.faces().get(f);
                    assertArrayEquals(e.landmarks(), g.landmarks());
                    assertArrayEquals(e.embedding().vector(), g.embedding().vector());
                    assertEquals(e.smile(), g.smile());
                    assertEquals(e.pose(), g.pose());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPhotoWithoutAFaceGivesNoFaces() {
        BufferedImage sky = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                sky.setRGB(x, y, (90 + y / 8) << 16 | (140 + y / 8) << 8 | (200 + random.nextInt(20)));
            }
        }
        assertEquals(0, engine.analyze(png(sky)).faces().size());
    }

    @Test
    void badInputGivesATypedError() {
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        byte[] jpeg = Samples.bytes("sample2.jpg");
        assertEquals(ImageException.Code.EMPTY, code(new byte[0]));
        assertEquals(ImageException.Code.UNSUPPORTED_FORMAT, code(random));
        assertEquals(ImageException.Code.UNSUPPORTED_FORMAT, code("not a photo\n".getBytes()));
        assertEquals(ImageException.Code.CORRUPT, code(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertEquals(ImageException.Code.TOO_SMALL, code(png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))));
        assertEquals(ImageException.Code.TOO_MANY_PIXELS, code(TestImages.craftedPng(60000, 60000)));
    }

    private static ImageException.Code code(byte[] bytes) {
        return assertThrows(ImageException.class, () -> engine.analyze(bytes)).code();
    }

    private static FaceAnalysis largestYaw(ImageAnalysis a) {
        return a.faces().stream().max((x, y) -> Double.compare(Math.abs(x.pose().yawDegrees()), Math.abs(y.pose().yawDegrees()))).orElseThrow();
    }

    private static FaceAnalysis nearest(ImageAnalysis a, double x, double y) {
        return a.faces().stream().min((p, q) -> Double.compare(
                Math.hypot(p.box().centerX() - x, p.box().centerY() - y),
                Math.hypot(q.box().centerX() - x, q.box().centerY() - y))).orElseThrow();
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
