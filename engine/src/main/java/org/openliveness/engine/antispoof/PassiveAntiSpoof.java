package org.openliveness.engine.antispoof;

import org.openliveness.engine.expression.ExpressionModel;
import org.openliveness.engine.geometry.Affine2D;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.landmarks.FaceMesh;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * The two small passive models of {@code @vladmandic/human}, fed as that library feeds them:
 * the face crop resized to 128×128 ({@code antispoof}, one sigmoid) and to 32×32
 * ({@code liveness}, a two-way softmax whose first value is taken), both scaled to
 * {@code x / 255}. Both measured at chance on real print and replay attacks, so the scores
 * are marked as no evidence. Thread-safe.
 */
public final class PassiveAntiSpoof {

    private final OnnxModel antispoof;
    private final OnnxModel liveness;

    public PassiveAntiSpoof(OnnxModel antispoof, OnnxModel liveness) {
        this.antispoof = antispoof;
        this.liveness = liveness;
    }

    /** Scores the face in the mesh crop. */
    public AntiSpoofScores score(RgbImage image, Affine2D cropToImage) {
        double a = run(antispoof, image, cropToImage, 128);
        double l = run(liveness, image, cropToImage, 32);
        return new AntiSpoofScores((a + l) / 2, a, l, false);
    }

    private static double run(OnnxModel model, RgbImage image, Affine2D cropToImage, int size) {
        Affine2D crop = ExpressionModel.scaled(cropToImage, (double) FaceMesh.SIZE / size);
        float[] input = Warp.cropToTensor(image, crop, size, size, ChannelLayout.RGB, Normalisation.unit());
        return model.run(input, 1, size, size, 3)[0][0];
    }
}
