package org.openliveness.engine.antispoof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.engine.onnx.ModelRegistry;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * Our preparation of {@code fr_liveness}'s input and our reading of its output equal what
 * {@code faceplugin-face-recognition-js@0.0.1}'s own {@code lib/fr_liveness.js} does — with the
 * OpenCV.js the package ships and onnxruntime-web — on the same generated images and face boxes.
 * The references were made by {@code tools/fr-liveness/make-golden.mjs} and are committed in
 * {@code src/test/resources/goldens/fr_liveness.json}; no node is needed here.
 *
 * <p>The package feeds the channels of a browser canvas (RGB); the engine feeds BGR. The generator
 * ran the package's code on both (for BGR, on the picture with red and blue swapped), so both are
 * checked: crop rectangle and every input value exactly, the three logits and the live probability
 * to float32 rounding.
 */
class FrLivenessGoldenTest {

    private static OnnxModel model;
    private static JsonNode golden;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FrLivenessGoldenTest.class.getResourceAsStream("/goldens/fr_liveness.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        ModelRegistry registry = ModelRegistry.bundled(1, EnumSet.of(ModelId.FR_LIVENESS));
        model = registry.get(ModelId.FR_LIVENESS);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void cropInputAndOutputEqualThePackagesJavaScript() throws Exception {
        List<JsonNode> cases = new ArrayList<>();
        golden.path("cases").forEach(cases::add);
        assertEquals(12, cases.size(), "six boxes, each in RGB and in BGR");
        for (JsonNode c : cases) {
            JsonNode img = c.path("image");
            RgbImage image = generated(img.path("width").asInt(), img.path("height").asInt(), img.path("seed").asInt());
            JsonNode b = c.path("box");
            Box box = Box.fromCorners(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
            PadModelDescriptor d = c.path("channels").asText().equals("BGR") ? PadModelDescriptor.FR_LIVENESS : rgb();
            String label = c.path("note").asText() + " (" + c.path("channels").asText() + ")";

            ContextCrop crop = ContextCrop.around(box, image.width(), image.height(), d.cropScale());
            JsonNode r = c.path("crop");
            assertEquals(new ContextCrop(r.get(0).asInt(), r.get(1).asInt(), r.get(2).asInt(), r.get(3).asInt()), crop, label);

            float[] input = PresentationAttackModel.input(image, box, d);
            byte[] bytes = new byte[input.length];
            long sum = 0;
            for (int i = 0; i < input.length; i++) {
                assertEquals(Math.rint(input[i]), input[i], label + ": raw 0..255 integers");
                bytes[i] = (byte) input[i];
                sum += (long) input[i];
            }
            byte[] every16th = Base64.getDecoder().decode(c.path("inputEvery16thBase64").asText());
            byte[] ours = new byte[every16th.length];
            for (int i = 0; i < ours.length; i++) {
                ours[i] = bytes[16 * i];
            }
            assertArrayEquals(every16th, ours, label + ": every 16th input value");
            assertEquals(c.path("inputSum").asLong(), sum, label + ": sum of the input");
            assertEquals(c.path("inputSha256").asText(), sha256(bytes), label + ": the whole input, bit for bit");

            float[] logits = model.run(input, d.inputShape())[0];
            float[] want = floats(c.path("logitsF32Base64").asText());
            assertEquals(3, logits.length, label);
            for (int i = 0; i < 3; i++) {
                assertEquals(want[i], logits[i], 1e-4 * Math.max(1, Math.abs(want[i])), label + ": logit " + i);
            }
            assertEquals(c.path("live").asDouble(), PresentationAttackModel.live(logits, d), 1e-5, label + ": p(live)");
        }
    }

    /** The package's own channel order (a browser canvas: RGB); otherwise {@link PadModelDescriptor#FR_LIVENESS}. */
    private static PadModelDescriptor rgb() {
        PadModelDescriptor f = PadModelDescriptor.FR_LIVENESS;
        return new PadModelDescriptor(f.name(), f.model(), f.sha256(), f.input(), f.layout(), f.width(), f.height(),
                PadModelDescriptor.ChannelOrder.RGB, f.mean(), f.std(), f.cropScale(), f.output(), f.liveIndex(), f.activation());
    }

    /**
     * {@code makeImage} of {@code make-golden.mjs}: xorshift32 from {@code 0x9E3779B9 ^ seed}, one step per
     * channel value in row-major RGB order, value {@code (gradient + top 8 bits of the state) >> 1}.
     */
    static RgbImage generated(int width, int height, int seed) {
        int s = 0x9E3779B9 ^ seed;
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] g = {255 * x / (width - 1), 255 * y / (height - 1), 255 * (x + y) / (width + height - 2)};
                for (int c = 0; c < 3; c++) {
                    s ^= s << 13;
                    s ^= s >>> 17;
                    s ^= s << 5;
                    rgb[(y * width + x) * 3 + c] = (byte) ((g[c] + (s >>> 24)) >> 1);
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static float[] floats(String base64) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(out);
        return out;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
