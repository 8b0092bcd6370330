package org.openliveness.engine.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.ImageAnalysis;
import org.openliveness.engine.image.DecodedImage;

/**
 * The production {@link PhotoExaminer}: the engine's decode and analysis, then the judge's
 * usable-face rule. Thread-safe.
 */
public final class EnginePhotoExaminer implements PhotoExaminer {

    /**
     * A photo's whole analysis (every face, timings after decoding) and what the verdict makes of it.
     * For the evaluation, which measures the models as well as the verdict.
     */
    public record Examined(ImageAnalysis analysis, Examination examination) {
    }

    private final FaceEngine engine;
    private final SessionJudge judge;

    public EnginePhotoExaminer(FaceEngine engine, SessionJudge judge) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.judge = Objects.requireNonNull(judge, "judge");
    }

    @Override
    public Examination examine(byte[] photo) {
        return analyse(photo).examination();
    }

    @Override
    public FramePreview preview(byte[] frame) {
        ImageAnalysis a = engine.analyze(frame);
        return judge.preview(a.width(), a.height(), a.faces());
    }

    @Override
    public BurstFrame examineBurstFrame(byte[] frame, ChallengeType type) {
        DecodedImage decoded = engine.decode(frame);
        List<FaceAnalysis> faces = engine.analyzeBurstFrame(decoded, SessionJudge.readsSmileOnEveryFrame(type)).faces();
        Examination partial = judge.examine(decoded.image(), faces);
        if (!partial.isUsable()) {
            return BurstFrame.complete(partial);
        }
        return BurstFrame.partial(partial, () -> {
            List<FaceAnalysis> completed = new ArrayList<>(faces);
            completed.set(0, engine.completed(decoded.image(), faces.get(0)));
            return judge.examine(decoded.image(), completed);
        });
    }

    /** Examines a photo and keeps the engine's analysis of it; throws as {@link #examine(byte[])}. */
    public Examined analyse(byte[] photo) {
        DecodedImage decoded = engine.decode(photo);
        ImageAnalysis analysis = engine.analyze(decoded);
        return new Examined(analysis, judge.examine(decoded.image(), analysis.faces()));
    }
}
