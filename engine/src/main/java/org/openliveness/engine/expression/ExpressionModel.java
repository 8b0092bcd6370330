package org.openliveness.engine.expression;

import org.openliveness.engine.geometry.Affine2D;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.landmarks.FaceMesh;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * The {@code emotion} model of {@code @vladmandic/human}: the face crop resized to 64×64 grey
 * ({@code 0.2989 R + 0.587 G + 0.114 B}), scaled to {@code g / 127.5 − 1}; seven
 * probabilities. Thread-safe.
 */
public final class ExpressionModel {

    /** The model's classes, in output order. */
    public static final String[] LABELS = {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"};
    static final int HAPPY = 3;
    private static final int SIZE = 64;

    private final OnnxModel model;

    public ExpressionModel(OnnxModel model) {
        this.model = model;
    }

    /** Class probabilities for the face in the mesh crop ({@code cropToImage} of a {@link FaceMesh} fit). */
    public float[] probabilities(RgbImage image, Affine2D cropToImage) {
        Affine2D toSmall = scaled(cropToImage, (double) FaceMesh.SIZE / SIZE);
        float[] input = Warp.cropToTensor(image, toSmall, SIZE, SIZE, ChannelLayout.GREY, Normalisation.symmetric());
        return model.run(input, 1, SIZE, SIZE, 1)[0];
    }

    /** The smile score: the probability of "happy". */
    public static double smile(float[] probabilities) {
        return probabilities[HAPPY];
    }

    /** {@code cropToImage} for a crop of the same region sampled {@code factor}× coarser. */
    public static Affine2D scaled(Affine2D cropToImage, double factor) {
        return new Affine2D(cropToImage.a() * factor, cropToImage.b() * factor, cropToImage.c(),
                cropToImage.d() * factor, cropToImage.e() * factor, cropToImage.f());
    }
}
