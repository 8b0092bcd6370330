package org.openliveness.engine.embedding;

import org.openliveness.engine.geometry.Affine2D;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Similarity2D;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.landmarks.MeshFit;
import org.openliveness.engine.onnx.ModelId;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * {@code @vladmandic/face-api}'s face recognition net (a port of dlib's ResNet descriptor)
 * on a chip aligned the way dlib aligns faces: five mesh points (outer and inner eye corners,
 * bottom of the nose) are fitted by a least-squares similarity onto dlib's five-point
 * template with 25% padding, and the 150×150 chip is sampled through it, RGB 0..255 (the
 * graph normalises). Thread-safe.
 */
public final class DlibAlignedEmbedder implements FaceEmbedder {

    public static final ModelId MODEL = ModelId.FACEAPI_RECOGNITION;
    static final int SIZE = 150;
    private static final double PADDING = 0.25;
    /** Mesh points matching the template, in order: 263, 362 (subject's left eye), 33, 133 (right eye), 2 (nose). */
    static final int[] MESH_POINTS = {263, 362, 33, 133, 2};
    /** dlib's five-point template in the unit square, same order. */
    private static final double[] TEMPLATE = {
        0.8595674596, 0.2134981538, 0.6460604764, 0.2289674388, 0.1205750621, 0.2137274527,
        0.3340850614, 0.2290642403, 0.4901123136, 0.6277975316};

    private final OnnxModel model;

    public DlibAlignedEmbedder(OnnxModel model) {
        this.model = model;
    }

    @Override
    public ModelId model() {
        return MODEL;
    }

    @Override
    public Embedding embed(RgbImage image, MeshFit mesh) {
        float[] chip = Warp.cropToTensor(image, chipToImage(mesh.landmarks()), SIZE, SIZE, ChannelLayout.RGB, Normalisation.raw());
        return new Embedding(MODEL.id(), FaceEmbedder.normalise(model.run(chip, 1, SIZE, SIZE, 3)[0]));
    }

    /** Maps chip pixels to image pixels: the inverse of the similarity from the mesh points to the padded template. */
    static Affine2D chipToImage(double[] landmarks) {
        double[] src = new double[MESH_POINTS.length * 2];
        double[] dst = new double[MESH_POINTS.length * 2];
        for (int i = 0; i < MESH_POINTS.length; i++) {
            src[2 * i] = landmarks[3 * MESH_POINTS[i]];
            src[2 * i + 1] = landmarks[3 * MESH_POINTS[i] + 1];
            dst[2 * i] = (TEMPLATE[2 * i] + PADDING) / (1 + 2 * PADDING) * SIZE;
            dst[2 * i + 1] = (TEMPLATE[2 * i + 1] + PADDING) / (1 + 2 * PADDING) * SIZE;
        }
        return Similarity2D.fit(src, dst).inverse();
    }
}
