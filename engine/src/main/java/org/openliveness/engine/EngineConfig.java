package org.openliveness.engine;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.openliveness.engine.image.ImageLimits;
import org.openliveness.engine.onnx.ModelId;

/**
 * Settings of a {@link FaceEngine}.
 *
 * @param modelDir         folder with a {@code manifest.json} and ONNX models, or
 *                         {@code null} for the bundled models
 * @param intraOpThreads   threads each model may use for one inference (1 suits a server
 *                         analysing many photos at once)
 * @param limits           input limits (bytes, pixels, minimum side)
 * @param maxDecodedSide   large JPEGs are decoded subsampled so their long side is at most
 *                         this many pixels
 * @param minDetectorScore detector confidence below which a candidate is no face (0..1)
 * @param maxOverlap       IoU above which two candidates are the same face
 * @param maxInside        share of a candidate's area inside a stronger one above which it is a part of
 *                         that face found again (dropped)
 * @param detectionPadding margin on each side, as a share of the longer side, of the detector's second
 *                         pass when the first finds no face or a face at the edge; 0 for no second pass
 * @param maxFaces         at most this many faces are analysed per photo
 * @param minMeshScore     mesh face confidence below which a detection is dropped (0..1)
 * @param embeddingModel   {@link ModelId#FACEAPI_RECOGNITION} (default) or {@link ModelId#FACERES}
 * @param padModel         the passive presentation-attack model: {@link PadModelDescriptor#FR_LIVENESS}
 *                         (default), an operator's own ({@link PadModelDescriptor#read}), or {@code null}
 *                         for none (faces then carry no live score, and the verdict's passive check
 *                         does not apply)
 * @param legacyAntiSpoof  also run {@code @vladmandic/human}'s {@code antispoof} and {@code liveness}
 *                         models (off by default: they scored at chance on real attacks; reported only)
 */
public record EngineConfig(Path modelDir, int intraOpThreads, ImageLimits limits, int maxDecodedSide,
                           double minDetectorScore, double maxOverlap, double maxInside, double detectionPadding,
                           int maxFaces, double minMeshScore,
                           ModelId embeddingModel, PadModelDescriptor padModel, boolean legacyAntiSpoof) {

    static final Set<ModelId> EMBEDDING_MODELS = EnumSet.of(ModelId.FACEAPI_RECOGNITION, ModelId.FACERES);

    public static final EngineConfig DEFAULTS = new EngineConfig(null, 1, ImageLimits.DEFAULTS, 2048,
            0.5, 0.3, 0.6, 0.25, 10, 0.5, ModelId.FACEAPI_RECOGNITION, PadModelDescriptor.FR_LIVENESS, false);

    public EngineConfig {
        Objects.requireNonNull(limits, "limits");
        if (intraOpThreads < 1 || maxDecodedSide < 64 || maxFaces < 1) {
            throw new IllegalArgumentException("intraOpThreads and maxFaces must be ≥ 1 and maxDecodedSide ≥ 64");
        }
        if (!(minDetectorScore > 0 && minDetectorScore < 1) || !(minMeshScore >= 0 && minMeshScore < 1)
                || !(maxOverlap > 0 && maxOverlap <= 1) || !(maxInside > 0 && maxInside <= 1)) {
            throw new IllegalArgumentException("scores must lie in (0, 1)");
        }
        if (!(detectionPadding >= 0 && detectionPadding <= 2)) {
            throw new IllegalArgumentException("detectionPadding must lie in 0..2, got " + detectionPadding);
        }
        if (!EMBEDDING_MODELS.contains(embeddingModel)) {
            throw new IllegalArgumentException("embeddingModel must be one of " + EMBEDDING_MODELS + ", got " + embeddingModel);
        }
    }

    public EngineConfig withEmbeddingModel(ModelId model) {
        return new EngineConfig(modelDir, intraOpThreads, limits, maxDecodedSide, minDetectorScore, maxOverlap, maxInside,
                detectionPadding, maxFaces, minMeshScore, model, padModel, legacyAntiSpoof);
    }

    public EngineConfig withIntraOpThreads(int threads) {
        return new EngineConfig(modelDir, threads, limits, maxDecodedSide, minDetectorScore, maxOverlap, maxInside,
                detectionPadding, maxFaces, minMeshScore, embeddingModel, padModel, legacyAntiSpoof);
    }

    public EngineConfig withModelDir(Path dir) {
        return new EngineConfig(dir, intraOpThreads, limits, maxDecodedSide, minDetectorScore, maxOverlap, maxInside,
                detectionPadding, maxFaces, minMeshScore, embeddingModel, padModel, legacyAntiSpoof);
    }

    /**
     * With other face-finding rules: {@code maxInside} 1 and {@code detectionPadding} 0 give the
     * engine's detection before the second pass and the nested-box rule existed.
     */
    public EngineConfig withDetection(double maxInside, double detectionPadding) {
        return new EngineConfig(modelDir, intraOpThreads, limits, maxDecodedSide, minDetectorScore, maxOverlap, maxInside,
                detectionPadding, maxFaces, minMeshScore, embeddingModel, padModel, legacyAntiSpoof);
    }

    /** With another passive presentation-attack model, or none ({@code null}). */
    public EngineConfig withPadModel(PadModelDescriptor descriptor) {
        return new EngineConfig(modelDir, intraOpThreads, limits, maxDecodedSide, minDetectorScore, maxOverlap, maxInside,
                detectionPadding, maxFaces, minMeshScore, embeddingModel, descriptor, legacyAntiSpoof);
    }

    /** With or without the chance-level {@code antispoof} and {@code liveness} models (reported only). */
    public EngineConfig withLegacyAntiSpoof(boolean run) {
        return new EngineConfig(modelDir, intraOpThreads, limits, maxDecodedSide, minDetectorScore, maxOverlap, maxInside,
                detectionPadding, maxFaces, minMeshScore, embeddingModel, padModel, run);
    }
}
