package org.openliveness.engine.embedding;

import org.openliveness.engine.expression.ExpressionModel;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.landmarks.FaceMesh;
import org.openliveness.engine.landmarks.MeshFit;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * {@code @vladmandic/human}'s {@code faceres} descriptor (1024-d, the global pool of a
 * MobileNet), fed as that library feeds it: the mesh crop resized to 224×224, RGB 0..255.
 * Kept for comparison; the engine's default is {@link DlibAlignedEmbedder} (see
 * {@code docs/ACCURACY.md}). Thread-safe.
 */
public final class FaceresEmbedder implements FaceEmbedder {

    public static final ModelId MODEL = ModelId.FACERES;
    private static final int SIZE = 224;

    private final OnnxModel model;
    private final int descriptorOutput;

    public FaceresEmbedder(OnnxModel model) {
        this.model = model;
        this.descriptorOutput = model.spec().outputs().indexOf("global_pooling/Mean");
        if (descriptorOutput < 0) {
            throw new IllegalArgumentException("faceres model lacks the output global_pooling/Mean: " + model.spec().outputs());
        }
    }

    @Override
    public ModelId model() {
        return MODEL;
    }

    @Override
    public Embedding embed(RgbImage image, MeshFit mesh) {
        var crop = ExpressionModel.scaled(mesh.cropToImage(), (double) FaceMesh.SIZE / SIZE);
        float[] input = Warp.cropToTensor(image, crop, SIZE, SIZE, ChannelLayout.RGB, Normalisation.raw());
        return new Embedding(MODEL.id(), FaceEmbedder.normalise(model.run(input, 1, SIZE, SIZE, 3)[descriptorOutput]));
    }
}
