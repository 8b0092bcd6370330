package org.openliveness.engine.antispoof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.engine.image.RgbImage;

/** Reading descriptor files, and the tensor and probability a descriptor asks for. */
class PadModelDescriptorTest {

    private static Path write(Path dir, String json) throws Exception {
        Path file = dir.resolve("pad.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void omittedFieldsTakeTheirDocumentedDefaults(@TempDir Path dir) throws Exception {
        PadModelDescriptor d = PadModelDescriptor.read(write(dir, """
                {"model": "models/anti.onnx", "input": "x", "width": 80, "height": 80, "output": "prob", "liveIndex": 1}"""));
        assertEquals("anti", d.name());
        assertEquals(dir.resolve("models/anti.onnx").toAbsolutePath(), d.model().toAbsolutePath(), "relative to the descriptor");
        assertNull(d.sha256());
        assertEquals(PadModelDescriptor.Layout.NCHW, d.layout());
        assertEquals(PadModelDescriptor.ChannelOrder.RGB, d.channels());
        assertArrayEquals(new double[] {0, 0, 0}, d.mean());
        assertArrayEquals(new double[] {1, 1, 1}, d.std());
        assertEquals(2.7, d.cropScale());
        assertEquals(PadModelDescriptor.Activation.SOFTMAX, d.activation());
        assertArrayEquals(new long[] {1, 3, 80, 80}, d.inputShape());
    }

    @Test
    void aBadDescriptorNamesTheFieldWhatWasExpectedAndWhatWasFound(@TempDir Path dir) throws Exception {
        String base = "{\"model\": \"m.onnx\", \"input\": \"x\", \"width\": 80, \"height\": 80, \"output\": \"p\", \"liveIndex\": 0";
        assertMessage(dir, base + ", \"colour\": \"BGR\"}", "expected only the keys", "got colour");
        assertMessage(dir, base.replace(", \"width\": 80", "") + "}", "expected width to be an integer, got null");
        assertMessage(dir, base + ", \"channels\": \"GBR\"}", "expected channels to be one of [RGB, BGR], got GBR");
        assertMessage(dir, base + ", \"std\": [1, 0, 1]}", "expected std to be 3 finite non-zero numbers, got [1.0, 0.0, 1.0]");
        assertMessage(dir, base + ", \"cropScale\": 0.5}", "expected cropScale to be 1..10, got 0.5");
        assertMessage(dir, base + ", \"sha256\": \"abc\"}", "expected sha256 to be 64 hex digits, got abc");
        assertMessage(dir, "[1, 2]", "expected a JSON object");
        assertMessage(dir, base, "expected a JSON object, got");
    }

    private static void assertMessage(Path dir, String json, String... parts) throws Exception {
        Path file = write(dir, json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PadModelDescriptor.read(file), json);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("presentation-attack model descriptor " + file), e.getMessage());
    }

    @Test
    void theTensorFollowsLayoutChannelOrderAndScaling() {
        // A 8x8 image whose pixels are all (R, G, B) = (10, 20, 30).
        byte[] px = new byte[8 * 8 * 3];
        for (int i = 0; i < 64; i++) {
            px[3 * i] = 10;
            px[3 * i + 1] = 20;
            px[3 * i + 2] = 30;
        }
        RgbImage img = new RgbImage(8, 8, px);
        PadModelDescriptor nhwcRgb = new PadModelDescriptor("t", null, null, "x", PadModelDescriptor.Layout.NHWC, 8, 8,
                PadModelDescriptor.ChannelOrder.RGB, new double[] {10, 0, 0}, new double[] {1, 2, 255}, 1, "y", 0,
                PadModelDescriptor.Activation.NONE);
        float[] t = PresentationAttackModel.tensor(img, nhwcRgb);
        assertArrayEquals(new float[] {0, 10, 30 / 255f}, new float[] {t[0], t[1], t[2]});
        PadModelDescriptor nchwBgr = new PadModelDescriptor("t", null, null, "x", PadModelDescriptor.Layout.NCHW, 8, 8,
                PadModelDescriptor.ChannelOrder.BGR, new double[] {0, 0, 0}, new double[] {1, 1, 1}, 1, "y", 0,
                PadModelDescriptor.Activation.NONE);
        float[] u = PresentationAttackModel.tensor(img, nchwBgr);
        assertArrayEquals(new float[] {30, 20, 10}, new float[] {u[0], u[64], u[128]}, "plane 0 is blue");
    }

    @Test
    void theLiveProbabilityFollowsTheActivation() {
        PadModelDescriptor f = PadModelDescriptor.FR_LIVENESS;
        assertEquals(Math.exp(2) / (Math.exp(2) + 2), PresentationAttackModel.live(new float[] {2, 0, 0}, f), 1e-12);
        PadModelDescriptor sigmoid = new PadModelDescriptor("s", null, null, "x", f.layout(), 128, 128, f.channels(), f.mean(),
                f.std(), 2.7, "y", 1, PadModelDescriptor.Activation.SIGMOID);
        assertEquals(0.5, PresentationAttackModel.live(new float[] {5, 0}, sigmoid), 1e-12);
        PadModelDescriptor none = new PadModelDescriptor("n", null, null, "x", f.layout(), 128, 128, f.channels(), f.mean(),
                f.std(), 2.7, "y", 0, PadModelDescriptor.Activation.NONE);
        assertEquals(0.25, PresentationAttackModel.live(new float[] {0.25f, 0.75f}, none), 1e-7);
        assertThrows(org.openliveness.engine.onnx.ModelException.class, () -> PresentationAttackModel.live(new float[] {1.5f}, none),
                "a probability outside 0..1 is an error, never a score");
    }
}
