package org.openliveness.engine.landmarks;

import org.openliveness.engine.detection.Detection;
import org.openliveness.engine.geometry.Affine2D;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;
import org.openliveness.engine.onnx.OnnxModel;

/**
 * Fits MediaPipe's 468-point face mesh in a square crop around a detection.
 *
 * <p>The crop is the detector's box enlarged 1.4× and made square, rotated so that the
 * detector's eye line is level (the mesh model expects an upright face); it is resampled to
 * 192×192 and scaled to {@code x / 255}. The model answers in crop pixels; the points are
 * mapped back through the same transform, and z is scaled like x and y. Thread-safe.
 */
public final class FaceMesh {

    /** Side of the mesh model's input in pixels. */
    public static final int SIZE = 192;
    private static final double ENLARGE = 1.4;

    private final OnnxModel model;

    public FaceMesh(OnnxModel model) {
        this.model = model;
    }

    public MeshFit fit(RgbImage image, Detection detection) {
        Affine2D cropToImage = crop(detection);
        float[] input = Warp.cropToTensor(image, cropToImage, SIZE, SIZE, ChannelLayout.RGB, Normalisation.unit());
        float[][] out = model.run(input, 1, SIZE, SIZE, 3);
        float[] mesh = null;
        float score = Float.NaN;
        for (float[] o : out) {
            if (o.length == 468 * 3) {
                mesh = o;
            } else if (o.length == 1) {
                score = o[0];
            }
        }
        if (mesh == null || Float.isNaN(score)) {
            throw new IllegalStateException("facemesh model returned no mesh or no face score");
        }
        double zScale = Math.sqrt(Math.abs(cropToImage.determinant()));
        double[] landmarks = new double[mesh.length];
        for (int i = 0; i < 468; i++) {
            double u = mesh[3 * i];
            double v = mesh[3 * i + 1];
            landmarks[3 * i] = cropToImage.applyX(u, v);
            landmarks[3 * i + 1] = cropToImage.applyY(u, v);
            landmarks[3 * i + 2] = mesh[3 * i + 2] * zScale;
        }
        return new MeshFit(landmarks, score, cropToImage);
    }

    /** The crop transform for a detection: enlarged, square, eye line level. */
    static Affine2D crop(Detection d) {
        double side = ENLARGE * Math.max(d.box().width(), d.box().height());
        double dx = d.keypointX(1) - d.keypointX(0);
        double dy = d.keypointY(1) - d.keypointY(0);
        double angle = (dx == 0 && dy == 0) ? 0 : Math.atan2(dy, dx);
        double cx = d.box().x() + d.box().width() / 2;
        double cy = d.box().y() + d.box().height() / 2;
        return Warp.rotatedSquare(cx, cy, side, angle, SIZE);
    }
}
