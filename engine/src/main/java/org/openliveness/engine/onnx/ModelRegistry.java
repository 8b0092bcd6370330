package org.openliveness.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models named by a {@code manifest.json}: by default the bundled one on the class path
 * ({@code /models/manifest.json}), or a folder an operator points at. Each file's SHA-256 is
 * checked against the manifest before it is loaded. Manifest entries are matched to
 * {@link ModelId}s by their stable names; an entry no {@link ModelId} names is never loaded.
 */
public final class ModelRegistry implements AutoCloseable {

    private static final String BUNDLED = "/models/";

    private final Map<ModelId, OnnxModel> models;

    private ModelRegistry(Map<ModelId, OnnxModel> models) {
        this.models = models;
    }

    /** Loads the bundled models, each session running inference on {@code intraOpThreads} threads. */
    public static ModelRegistry bundled(int intraOpThreads) {
        return bundled(intraOpThreads, null);
    }

    /**
     * Loads only the bundled models named in {@code names} ({@code null}: all), so a process does
     * not pay the start-up time and memory of models it never runs.
     */
    public static ModelRegistry bundled(int intraOpThreads, Set<ModelId> names) {
        return load(name -> {
            try (InputStream in = ModelRegistry.class.getResourceAsStream(BUNDLED + name)) {
                if (in == null) {
                    throw new ModelException("bundled model file " + name + " is missing from the class path; build the engine with Maven");
                }
                return in.readAllBytes();
            }
        }, intraOpThreads, names);
    }

    /** Loads the models of a folder holding a {@code manifest.json} and the files it lists. */
    public static ModelRegistry fromDirectory(Path dir, int intraOpThreads) {
        return fromDirectory(dir, intraOpThreads, null);
    }

    /** Loads only the models named in {@code names} ({@code null}: all) of such a folder. */
    public static ModelRegistry fromDirectory(Path dir, int intraOpThreads, Set<ModelId> names) {
        return load(name -> {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new ModelException("model file " + file + " does not exist");
            }
            return Files.readAllBytes(file);
        }, intraOpThreads, names);
    }

    /**
     * Loads one model file that no manifest names (an operator's own model), checked like a bundled
     * one: its SHA-256 when {@code spec} gives one, then its input, input shape and outputs. The
     * caller owns the model and closes it.
     */
    public static OnnxModel loadFile(ModelSpec spec, Path file, int intraOpThreads) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ModelException("model " + spec.name() + ": expected a model file at " + file + ", got none");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelException("model " + spec.name() + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        String actual = sha256(bytes);
        if (spec.sha256() != null && !spec.sha256().equalsIgnoreCase(actual)) {
            throw new ModelException("model " + spec.name() + ": expected sha256 " + spec.sha256() + ", got " + actual);
        }
        return new OnnxModel(spec, bytes, OrtEnvironment.getEnvironment(), intraOpThreads);
    }

    /** Reads the manifest's specs without loading the models. */
    public static List<ModelSpec> bundledSpecs() {
        try (InputStream in = ModelRegistry.class.getResourceAsStream(BUNDLED + "manifest.json")) {
            if (in == null) {
                throw new ModelException("no bundled model manifest on the class path; build the engine with Maven");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new ModelException("cannot read the bundled model manifest", e);
        }
    }

    @FunctionalInterface
    private interface Reader {
        byte[] read(String name) throws IOException;
    }

    private static ModelRegistry load(Reader reader, int intraOpThreads, Set<ModelId> names) {
        Set<ModelId> wanted = names == null ? EnumSet.allOf(ModelId.class) : names;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<ModelId, OnnxModel> models = new EnumMap<>(ModelId.class);
        try {
            for (ModelSpec spec : parse(reader.read("manifest.json"))) {
                ModelId id = ModelId.find(spec.name()).orElse(null);
                if (id == null || !wanted.contains(id)) {
                    continue;
                }
                byte[] bytes = reader.read(spec.file());
                String actual = sha256(bytes);
                if (spec.sha256() != null && !spec.sha256().equalsIgnoreCase(actual)) {
                    throw new ModelException("model " + spec.name() + ": expected sha256 " + spec.sha256() + ", got " + actual);
                }
                models.put(id, new OnnxModel(spec, bytes, env, intraOpThreads));
            }
            return new ModelRegistry(models);
        } catch (IOException | RuntimeException e) {
            models.values().forEach(OnnxModel::close);
            if (e instanceof ModelException me) {
                throw me;
            }
            throw new ModelException("cannot load models: " + e.getMessage(), e);
        }
    }

    static List<ModelSpec> parse(byte[] manifest) throws IOException {
        List<ModelSpec> specs = new ArrayList<>();
        for (JsonNode m : new ObjectMapper().readTree(manifest).path("models")) {
            long[] shape = new long[m.path("inputShape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = m.path("inputShape").get(i).asLong();
            }
            List<String> outputs = new ArrayList<>();
            m.path("outputs").forEach(o -> outputs.add(o.asText()));
            specs.add(new ModelSpec(m.path("name").asText(), m.path("file").asText(),
                    m.hasNonNull("sha256") ? m.path("sha256").asText() : null, m.path("source").asText(""),
                    m.path("input").asText(), shape, outputs));
        }
        return specs;
    }

    /** The loaded model {@code id}. */
    public OnnxModel get(ModelId id) {
        OnnxModel model = models.get(id);
        if (model == null) {
            throw new ModelException("model " + id + " is not loaded; loaded: " + models.keySet());
        }
        return model;
    }

    public boolean has(ModelId id) {
        return models.containsKey(id);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        models.values().forEach(OnnxModel::close);
    }
}
