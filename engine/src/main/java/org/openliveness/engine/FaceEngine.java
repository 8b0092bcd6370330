package org.openliveness.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openliveness.engine.antispoof.AntiSpoofScores;
import org.openliveness.engine.antispoof.LiveScore;
import org.openliveness.engine.antispoof.PadModelDescriptor;
import org.openliveness.engine.antispoof.PassiveAntiSpoof;
import org.openliveness.engine.antispoof.PresentationAttackModel;
import org.openliveness.engine.detection.Detection;
import org.openliveness.engine.detection.FaceDetector;
import org.openliveness.engine.embedding.DlibAlignedEmbedder;
import org.openliveness.engine.embedding.Embedding;
import org.openliveness.engine.embedding.FaceEmbedder;
import org.openliveness.engine.embedding.FaceresEmbedder;
import org.openliveness.engine.expression.ExpressionModel;
import org.openliveness.engine.expression.EyeOpenness;
import org.openliveness.engine.expression.MeshMeasures;
import org.openliveness.engine.geometry.Affine2D;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Iou;
import org.openliveness.engine.geometry.Rotation3;
import org.openliveness.engine.image.DecodedImage;
import org.openliveness.engine.image.ImageDecoder;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.landmarks.FaceMesh;
import org.openliveness.engine.landmarks.MeshFit;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.engine.onnx.ModelRegistry;
import org.openliveness.engine.onnx.OnnxModel;
import org.openliveness.engine.pose.PoseEstimator;
import org.openliveness.engine.quality.Quality;
import org.openliveness.engine.quality.QualityMeasures;

/**
 * The face analysis engine: photo bytes in, {@link ImageAnalysis} out.
 *
 * <pre>
 * bytes ─► sniff, limits, decode (+EXIF orientation) ─► detect (BlazeFace)
 *       ─► per face: 468-point mesh ─► pose, eyes, mouth, quality
 *       ─► expression (smile) ─► presentation-attack model (live probability) ─► embedding
 * </pre>
 *
 * <p>Thread-safe: one instance serves all threads; each model is one ONNX Runtime session
 * created at construction and released by {@link #close()}. Failures are typed exceptions:
 * {@link org.openliveness.engine.image.ImageException} for input that cannot be analysed,
 * {@link org.openliveness.engine.onnx.ModelException} for a model that cannot run.
 */
public final class FaceEngine implements AutoCloseable {

    private final EngineConfig config;
    private final ModelRegistry models;
    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceMesh mesh;
    private final PoseEstimator pose;
    private final ExpressionModel expression;
    private final PresentationAttackModel pad;
    private final OnnxModel ownPadModel;
    private final PassiveAntiSpoof legacyAntiSpoof;
    private final FaceEmbedder embedder;

    private FaceEngine(EngineConfig config, ModelRegistry models, OnnxModel ownPadModel) {
        this.config = config;
        this.models = models;
        this.ownPadModel = ownPadModel;
        this.decoder = new ImageDecoder(config.limits(), config.maxDecodedSide());
        this.detector = new FaceDetector(models.get(ModelId.BLAZEFACE), config.minDetectorScore(), config.maxOverlap(),
                config.maxInside(), config.detectionPadding(), config.maxFaces());
        this.mesh = new FaceMesh(models.get(ModelId.FACEMESH));
        this.pose = PoseEstimator.bundled();
        this.expression = new ExpressionModel(models.get(ModelId.EMOTION));
        PadModelDescriptor padModel = config.padModel();
        this.pad = padModel == null ? null
                : new PresentationAttackModel(padModel.bundled() ? models.get(ModelId.FR_LIVENESS) : ownPadModel, padModel);
        this.legacyAntiSpoof = config.legacyAntiSpoof()
                ? new PassiveAntiSpoof(models.get(ModelId.ANTISPOOF), models.get(ModelId.LIVENESS)) : null;
        this.embedder = config.embeddingModel() == FaceresEmbedder.MODEL
                ? new FaceresEmbedder(models.get(FaceresEmbedder.MODEL))
                : new DlibAlignedEmbedder(models.get(DlibAlignedEmbedder.MODEL));
    }

    /**
     * Loads the models named by the configuration (only those: the chance-level {@code antispoof} and
     * {@code liveness} models only when asked for); fails with a clear message if one is missing or
     * does not fit what the engine feeds it.
     */
    public static FaceEngine create(EngineConfig config) {
        Set<ModelId> used = EnumSet.of(ModelId.BLAZEFACE, ModelId.FACEMESH, ModelId.EMOTION, config.embeddingModel());
        if (config.legacyAntiSpoof()) {
            used.add(ModelId.ANTISPOOF);
            used.add(ModelId.LIVENESS);
        }
        PadModelDescriptor pad = config.padModel();
        if (pad != null && pad.bundled()) {
            used.add(ModelId.FR_LIVENESS);
        }
        ModelRegistry models = config.modelDir() == null
                ? ModelRegistry.bundled(config.intraOpThreads(), used)
                : ModelRegistry.fromDirectory(config.modelDir(), config.intraOpThreads(), used);
        OnnxModel own = null;
        try {
            if (pad != null && !pad.bundled()) {
                own = ModelRegistry.loadFile(pad.spec(), pad.model(), config.intraOpThreads());
            }
            return new FaceEngine(config, models, own);
        } catch (RuntimeException e) {
            if (own != null) {
                own.close();
            }
            models.close();
            throw e;
        }
    }

    public EngineConfig config() {
        return config;
    }

    /** Decodes and analyses one photo (JPEG, PNG, WebP, or HEIC where libheif is installed). */
    public ImageAnalysis analyze(byte[] bytes) {
        Timer timer = new Timer();
        DecodedImage decoded = decoder.decode(bytes);
        timer.lap("decode");
        return analyze(decoded, timer);
    }

    /** Analyses a photo decoded by {@link #decode(byte[])} (its timings start after decoding). */
    public ImageAnalysis analyze(DecodedImage decoded) {
        return analyze(decoded, new Timer());
    }

    /**
     * Analyses a frame of a burst as {@link #analyze(DecodedImage)} but without the presentation-attack
     * model (every face's {@code antiSpoof} is null), and without the expression model unless
     * {@code smile} asks for it (every face's {@code smile} is then NaN): the verdict reads the live
     * score on one frame of a burst only, and the smile on every frame only of a smile's burst.
     * {@link #completed} adds both to the one frame that needs them.
     */
    public ImageAnalysis analyzeBurstFrame(DecodedImage decoded, boolean smile) {
        return analyze(decoded, new Timer(), false, smile);
    }

    /**
     * The face with what {@link #analyzeBurstFrame} left out, measured as {@link #analyze(DecodedImage)}
     * would have in the same image: the presentation-attack model's score (on the detector's box) unless
     * the engine runs no such model, and the smile score where it is missing.
     */
    public FaceAnalysis completed(RgbImage image, FaceAnalysis face) {
        FaceAnalysis done = pad == null || face.antiSpoof() != null ? face : face.withAntiSpoof(pad.score(image, face.detectionBox()));
        return Double.isNaN(done.smile()) ? done.withSmile(smileScore(image, done.meshCrop())) : done;
    }

    private double smileScore(RgbImage image, Affine2D meshCrop) {
        return ExpressionModel.smile(expression.probabilities(image, meshCrop));
    }

    private ImageAnalysis analyze(DecodedImage decoded, Timer timer) {
        return analyze(decoded, timer, true, true);
    }

    private ImageAnalysis analyze(DecodedImage decoded, Timer timer, boolean presentationAttack, boolean smile) {
        List<FaceAnalysis> faces = analyzeFaces(decoded.image(), timer, presentationAttack, smile);
        return new ImageAnalysis(decoded.image().width(), decoded.image().height(), decoded.format(),
                decoded.exifOrientation(), 1.0 / decoded.subsampling(), faces, timer.total());
    }

    /** Decodes a photo exactly as {@link #analyze(byte[])} does (for drawing over the analysed pixels). */
    public DecodedImage decode(byte[] bytes) {
        return decoder.decode(bytes);
    }

    /**
     * The rotation taking the canonical frontal face onto a mesh (468 × x, y, z image pixels, as
     * {@link FaceAnalysis#landmarks()}): the rotation {@link FaceAnalysis#pose()} is read from, for
     * drawing the head's axes.
     */
    public Rotation3 headRotation(double[] landmarks) {
        return pose.rotation(landmarks);
    }

    /** Analyses an image already in memory (no decoding, no orientation). */
    public List<FaceAnalysis> analyze(RgbImage image) {
        return analyzeFaces(image, new Timer(), true, true);
    }

    private List<FaceAnalysis> analyzeFaces(RgbImage image, Timer timer, boolean presentationAttack, boolean expressionToo) {
        List<Detection> detections = detector.detect(image);
        timer.lap("detect");
        List<FaceAnalysis> faces = new ArrayList<>();
        for (Detection detection : detections) {
            MeshFit fit = mesh.fit(image, detection);
            timer.lap("mesh");
            if (fit.score() < config.minMeshScore()) {
                continue;
            }
            double[] landmarks = fit.landmarks();
            Box box = extent(landmarks);
            if (sameFaceAsStronger(box, faces)) {
                continue;
            }
            var headPose = pose.estimate(landmarks);
            EyeOpenness eyes = MeshMeasures.eyes(landmarks);
            double mouthRatio = MeshMeasures.mouthRatio(landmarks);
            Quality quality = QualityMeasures.measure(image, box);
            timer.lap("measures");
            double smile = expressionToo ? smileScore(image, fit.cropToImage()) : Double.NaN;
            timer.lap("emotion");
            // The detector's box, as the model's own package hands it its detector's box: on the
            // development attacks it gave the model its best input (docs/ACCURACY.md).
            LiveScore live = pad == null || !presentationAttack ? null : pad.score(image, detection.box());
            AntiSpoofScores legacy = legacyAntiSpoof == null ? null : legacyAntiSpoof.score(image, fit.cropToImage());
            timer.lap("antispoof");
            Embedding embedding = embedder.embed(image, fit);
            timer.lap("embedding");
            faces.add(new FaceAnalysis(box, detection.score(), fit.score(), landmarks, headPose, eyes,
                    MeshMeasures.mouthOpenness(mouthRatio), mouthRatio, smile, quality, live, legacy, embedding,
                    detection.box(), fit.cropToImage()));
        }
        faces.sort(Comparator.comparingDouble((FaceAnalysis f) -> f.box().area()).reversed());
        return faces;
    }

    /**
     * Whether a mesh lands on a face already kept from a stronger detection: two detections of one face
     * (side by side on a face filling the frame, or one from each detection pass) give meshes that
     * overlap by more than {@link EngineConfig#maxOverlap()} IoU or lie mostly inside each other.
     */
    private boolean sameFaceAsStronger(Box box, List<FaceAnalysis> kept) {
        for (FaceAnalysis k : kept) {
            if (Iou.of(box, k.box()) > config.maxOverlap() || Iou.inside(box, k.box()) > config.maxInside()
                    || Iou.inside(k.box(), box) > config.maxInside()) {
                return true;
            }
        }
        return false;
    }

    /** The bounding box of the mesh's x and y. */
    public static Box extent(double[] landmarks) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < landmarks.length; i += 3) {
            minX = Math.min(minX, landmarks[i]);
            maxX = Math.max(maxX, landmarks[i]);
            minY = Math.min(minY, landmarks[i + 1]);
            maxY = Math.max(maxY, landmarks[i + 1]);
        }
        return Box.fromCorners(minX, minY, maxX, maxY);
    }

    @Override
    public void close() {
        try {
            if (ownPadModel != null) {
                ownPadModel.close();
            }
        } finally {
            models.close();
        }
    }

    /** Accumulates wall time per stage; stages repeated per face add up. */
    private static final class Timer {
        private final Map<String, Double> stages = new LinkedHashMap<>();
        private final long start = System.nanoTime();
        private long last = start;

        void lap(String stage) {
            long now = System.nanoTime();
            stages.merge(stage, (now - last) / 1e6, Double::sum);
            last = now;
        }

        Map<String, Double> total() {
            Map<String, Double> out = new LinkedHashMap<>(stages);
            out.put("total", (System.nanoTime() - start) / 1e6);
            return out;
        }
    }
}
