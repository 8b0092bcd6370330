package org.openliveness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.openliveness.engine.onnx.ModelException;
import org.openliveness.engine.onnx.ModelRegistry;

/**
 * An operator's own presentation-attack model, described by a descriptor file: checked when the engine
 * starts, then run exactly as the bundled one. The "own" model here is a copy of {@code fr_liveness}
 * under another name, so its answers are known.
 */
class OwnPadModelTest {

    private static final String GOOD = """
            {"name": "my-pad", "model": "my-pad.onnx", "input": "input", "layout": "NCHW", "width": 128, "height": 128,
             "channels": "BGR", "mean": 0, "std": 1, "cropScale": 2.7, "output": "output", "liveIndex": 0, "activation": "softmax"}
            """;

    private static Path folder(Path dir, String descriptor) throws Exception {
        Path models = Path.of(ModelRegistry.class.getResource("/models/manifest.json").toURI()).getParent();
        Files.copy(models.resolve("fr_liveness.onnx"), dir.resolve("my-pad.onnx"));
        Path file = dir.resolve("my-pad.json");
        Files.writeString(file, descriptor);
        return file;
    }

    private static EngineConfig with(Path descriptor) {
        return EngineConfig.DEFAULTS.withPadModel(PadModelDescriptor.read(descriptor));
    }

    @Test
    void anOwnModelRunsLikeTheBundledOneAndNamesItself(@TempDir Path dir) throws Exception {
        byte[] photo = Samples.bytes("sample5.jpg");
        List<FaceAnalysis> bundled;
        try (FaceEngine engine = FaceEngine.create(EngineConfig.DEFAULTS)) {
            bundled = engine.analyze(photo).faces();
        }
        try (FaceEngine own = FaceEngine.create(with(folder(dir, GOOD)))) {
            List<FaceAnalysis> faces = own.analyze(photo).faces();
            assertEquals(bundled.size(), faces.size());
            for (int i = 0; i < faces.size(); i++) {
                assertEquals("my-pad", faces.get(i).antiSpoof().model());
                assertEquals(bundled.get(i).antiSpoof().live(), faces.get(i).antiSpoof().live(), 1e-6);
            }
        }
    }

    @Test
    void aWrongInputNameStopsTheEngineAtStart(@TempDir Path dir) throws Exception {
        ModelException e = assertThrows(ModelException.class,
                () -> FaceEngine.create(with(folder(dir, GOOD.replace("\"input\": \"input\"", "\"input\": \"image\"")))));
        assertTrue(e.getMessage().contains("my-pad: expected input [image], got [input]"), e.getMessage());
    }

    @Test
    void aWrongSizeLayoutOutputOrIndexStopsTheEngineAtStart(@TempDir Path dir) throws Exception {
        Path base = folder(dir, GOOD);
        String size = Files.readString(base).replace("\"width\": 128", "\"width\": 112");
        Files.writeString(base, size);
        ModelException e = assertThrows(ModelException.class, () -> FaceEngine.create(with(base)));
        assertTrue(e.getMessage().contains("expected input shape [1, 3, 128, 112], got [1, 3, 128, 128]"), e.getMessage());

        Files.writeString(base, GOOD.replace("\"NCHW\"", "\"NHWC\""));
        e = assertThrows(ModelException.class, () -> FaceEngine.create(with(base)));
        assertTrue(e.getMessage().contains("expected input shape [1, 128, 128, 3], got [1, 3, 128, 128]"), e.getMessage());

        Files.writeString(base, GOOD.replace("\"output\": \"output\"", "\"output\": \"scores\""));
        e = assertThrows(ModelException.class, () -> FaceEngine.create(with(base)));
        assertTrue(e.getMessage().contains("expected outputs [scores], got [output]"), e.getMessage());

        Files.writeString(base, GOOD.replace("\"liveIndex\": 0", "\"liveIndex\": 3"));
        e = assertThrows(ModelException.class, () -> FaceEngine.create(with(base)));
        assertTrue(e.getMessage().contains("expected output output to have more than liveIndex 3 values, got shape [1, 3]"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotTheOneDescribedIsRefused(@TempDir Path dir) throws Exception {
        Path file = folder(dir, GOOD.replace("\"name\": \"my-pad\",", "\"name\": \"my-pad\", \"sha256\": \"" + "0".repeat(64) + "\","));
        ModelException e = assertThrows(ModelException.class, () -> FaceEngine.create(with(file)));
        assertTrue(e.getMessage().contains("expected sha256 " + "0".repeat(64) + ", got "), e.getMessage());

        Path missing = dir.resolve("other.json");
        Files.writeString(missing, GOOD.replace("my-pad.onnx", "nowhere.onnx"));
        e = assertThrows(ModelException.class, () -> FaceEngine.create(with(missing)));
        assertTrue(e.getMessage().contains("expected a model file at"), e.getMessage());
    }
}
