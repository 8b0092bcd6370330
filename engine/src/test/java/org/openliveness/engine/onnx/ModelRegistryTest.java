package org.openliveness.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static ModelRegistry registry;

    @BeforeAll
    static void load() {
        registry = ModelRegistry.bundled(1);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void everyBundledModelRunsAndGivesOutputsOfTheExpectedSize() {
        Map<String, Integer> firstOutputSize = Map.of(
                "blazeface", 512, "facemesh", 1404, "emotion", 7, "antispoof", 1, "liveness", 2,
                "faceapi-recognition", 128, "iris", 228, "fr_liveness", 3);
        for (ModelSpec spec : ModelRegistry.bundledSpecs()) {
            long[] shape = spec.inputShape().clone();
            shape[0] = 1;
            int count = 1;
            for (long d : shape) {
                count *= (int) d;
            }
            float[][] out = registry.get(ModelId.of(spec.name())).run(new float[count], shape);
            assertEquals(spec.outputs().size(), out.length, spec.name());
            if (firstOutputSize.containsKey(spec.name())) {
                assertEquals(firstOutputSize.get(spec.name()), out[0].length, spec.name() + " " + spec.outputs());
            }
        }
    }

    @Test
    void aWrongChecksumIsRefusedWithExpectedAndActual(@TempDir Path dir) throws Exception {
        Path models = Path.of(ModelRegistry.class.getResource("/models/manifest.json").toURI()).getParent();
        Files.copy(models.resolve("liveness.onnx"), dir.resolve("liveness.onnx"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"models":[{"name":"liveness","file":"liveness.onnx","sha256":"00","input":"conv2d_1_input",
                "inputShape":[-1,32,32,3],"outputs":["Identity"]}]}""");
        ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.fromDirectory(dir, 1));
        assertTrue(e.getMessage().contains("expected sha256 00, got "), e.getMessage());
    }

    @Test
    void aModelWhoseInputDiffersFromItsSpecIsRefused(@TempDir Path dir) throws Exception {
        Path models = Path.of(ModelRegistry.class.getResource("/models/manifest.json").toURI()).getParent();
        Files.copy(models.resolve("liveness.onnx"), dir.resolve("liveness.onnx"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"models":[{"name":"liveness","file":"liveness.onnx","input":"image",
                "inputShape":[-1,32,32,3],"outputs":["Identity"]}]}""");
        ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.fromDirectory(dir, 1));
        assertTrue(e.getMessage().contains("expected input [image], got [conv2d_1_input]"), e.getMessage());
    }

    @Test
    void aModelWhoseInputShapeDiffersFromItsSpecIsRefused(@TempDir Path dir) throws Exception {
        Path models = Path.of(ModelRegistry.class.getResource("/models/manifest.json").toURI()).getParent();
        Files.copy(models.resolve("fr_liveness.onnx"), dir.resolve("fr_liveness.onnx"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"models":[{"name":"fr_liveness","file":"fr_liveness.onnx","input":"input",
                "inputShape":[1,128,128,3],"outputs":["output"]}]}""");
        ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.fromDirectory(dir, 1));
        assertTrue(e.getMessage().contains("expected input shape [1, 128, 128, 3], got [1, 3, 128, 128]"), e.getMessage());
    }

    @Test
    void aSingleModelFileIsCheckedLikeABundledOne(@TempDir Path dir) throws Exception {
        Path models = Path.of(ModelRegistry.class.getResource("/models/manifest.json").toURI()).getParent();
        Path file = dir.resolve("pad.onnx");
        Files.copy(models.resolve("fr_liveness.onnx"), file);
        ModelSpec spec = new ModelSpec("pad", "pad.onnx", null, "test", "input", new long[] {1, 3, 128, 128}, java.util.List.of("output"));
        try (OnnxModel model = ModelRegistry.loadFile(spec, file, 1)) {
            assertEquals(3, model.outputShape("output")[1]);
        }
        ModelSpec wrongHash = new ModelSpec("pad", "pad.onnx", "ab".repeat(32), "test", "input", new long[] {1, 3, 128, 128},
                java.util.List.of("output"));
        ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.loadFile(wrongHash, file, 1));
        assertTrue(e.getMessage().contains("expected sha256 " + "ab".repeat(32) + ", got "), e.getMessage());
        ModelException missing = assertThrows(ModelException.class, () -> ModelRegistry.loadFile(spec, dir.resolve("none.onnx"), 1));
        assertTrue(missing.getMessage().contains("expected a model file at"), missing.getMessage());
    }

    @Test
    void anUnknownModelNameIsAClearError() {
        try (ModelRegistry liveness = ModelRegistry.bundled(1, EnumSet.of(ModelId.LIVENESS))) {
            ModelException e = assertThrows(ModelException.class, () -> liveness.get(ModelId.IRIS));
            assertTrue(e.getMessage().contains("model iris is not loaded; loaded: [liveness]"), e.getMessage());
        }
    }
}
