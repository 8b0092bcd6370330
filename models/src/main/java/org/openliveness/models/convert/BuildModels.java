package org.openliveness.models.convert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step (Maven {@code process-classes}): fetches the pinned model packages, converts
 * their TensorFlow.js models to ONNX (and copies the ONNX models that need no conversion, as
 * they are) into the engine's resources with a {@code manifest.json}, and copies the packages'
 * sample photos for the tests.
 *
 * <p>Usage: {@code BuildModels CACHE_DIR MODELS_OUT_DIR SAMPLES_OUT_DIR}.
 */
public final class BuildModels {

    static final NpmPackage HUMAN = new NpmPackage("@vladmandic/human", "3.3.6",
            "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==");
    static final NpmPackage FACE_API = new NpmPackage("@vladmandic/face-api", "1.7.15",
            "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==");

    /**
     * {@code faceplugin-face-recognition-js} (MIT): plain ONNX models with the JavaScript that feeds
     * them; the engine ships {@code fr_liveness} as it is.
     */
    static final NpmPackage FACEPLUGIN = new NpmPackage("faceplugin-face-recognition-js", "0.0.1",
            "sha512-shriXjd4zJHEwhK1jHK+bWo8Vv6Vu9B/w6RRsd4AFtNM/jaI2vhuOamOSMl9qQmLd8WlQ7dgqN+3C2iOi5pXWw==");

    /** The pinned packages, in fetch order. */
    static final List<NpmPackage> PACKAGES = List.of(HUMAN, FACE_API, FACEPLUGIN);

    /**
     * {@code fr_liveness} as {@code lib/fr_liveness.js} of {@link #FACEPLUGIN} declares and feeds it:
     * input {@code input}, 1×3×128×128 (NCHW), output {@code output}, 1×3 logits. The engine checks
     * these against the model file when it loads it.
     */
    static final String FR_LIVENESS = "fr_liveness";

    /** The TensorFlow.js graph models of {@code @vladmandic/human} that the engine uses. */
    static final List<String> HUMAN_MODELS = List.of("blazeface", "facemesh", "iris", "emotion", "antispoof", "liveness", "faceres");

    private BuildModels() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BuildModels CACHE_DIR MODELS_OUT_DIR SAMPLES_OUT_DIR");
            System.exit(2);
        }
        Path cache = Path.of(args[0]);
        Path modelsOut = Path.of(args[1]);
        Path samplesOut = Path.of(args[2]);
        Files.createDirectories(modelsOut);
        Files.createDirectories(samplesOut);

        Path human = HUMAN.fetch(cache);
        Path faceApi = FACE_API.fetch(cache);
        Path faceplugin = FACEPLUGIN.fetch(cache);

        List<Map<String, Object>> entries = new ArrayList<>();
        for (String name : HUMAN_MODELS) {
            TfjsToOnnx.Result result = TfjsToOnnx.convert(TfjsGraphModel.read(human.resolve("models/" + name + ".json")), name);
            entries.add(write(modelsOut, name, result.onnx(), HUMAN, "models/" + name + ".json",
                    result.input(), result.inputShape(), result.outputs()));
        }
        byte[] recognition = FaceApiRecognitionNet.build(faceApi.resolve("model"));
        entries.add(write(modelsOut, "faceapi-recognition", recognition, FACE_API,
                "model/face_recognition_model-weights_manifest.json", FaceApiRecognitionNet.INPUT,
                new long[] {-1, FaceApiRecognitionNet.SIZE, FaceApiRecognitionNet.SIZE, 3},
                List.of(FaceApiRecognitionNet.OUTPUT)));
        byte[] liveness = Files.readAllBytes(faceplugin.resolve("model/" + FR_LIVENESS + ".onnx"));
        entries.add(write(modelsOut, FR_LIVENESS, liveness, FACEPLUGIN, "model/" + FR_LIVENESS + ".onnx",
                "input", new long[] {1, 3, 128, 128}, List.of("output")));
        // MIT: the copyright notice travels with the model.
        Files.copy(faceplugin.resolve("LICENSE"), modelsOut.resolve(FACEPLUGIN.name() + ".LICENSE"),
                StandardCopyOption.REPLACE_EXISTING);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("models", entries);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(modelsOut.resolve("manifest.json").toFile(), manifest);

        try (var samples = Files.list(faceApi.resolve("demo"))) {
            for (Path sample : samples.filter(p -> p.getFileName().toString().matches("sample\\d+\\.jpg")).toList()) {
                Files.copy(sample, samplesOut.resolve(sample.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("[models] " + entries.size() + " ONNX models in " + modelsOut);
    }

    private static Map<String, Object> write(Path dir, String name, byte[] onnx, NpmPackage source, String sourcePath,
                                             String input, long[] inputShape, List<String> outputs) throws IOException {
        Path file = dir.resolve(name + ".onnx");
        Files.write(file, onnx);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("file", file.getFileName().toString());
        entry.put("sha256", sha256(onnx));
        entry.put("source", source.name() + "@" + source.version() + " " + sourcePath);
        entry.put("input", input);
        entry.put("inputShape", inputShape);
        entry.put("outputs", outputs);
        return entry;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
