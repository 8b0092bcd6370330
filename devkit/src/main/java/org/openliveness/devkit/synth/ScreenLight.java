package org.openliveness.devkit.synth;

import java.util.Objects;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.RgbImage;

/**
 * A simple model of a phone or monitor screen lighting the face in front of it: each pixel
 * reflects the screen's colour in proportion to its own (diffuse reflection: red skin reflects
 * red light more than blue), strongly on the face — close to the screen — and weakly on the
 * background behind it. The face is the ellipse through the mesh's extent, faded over its
 * outer tenth. Made-up data for the screen-light check, until captures of real screens replace it.
 */
public final class ScreenLight {

    /** Share of the face's light that reaches the background. */
    static final double BACKGROUND_SHARE = 0.1;

    private ScreenLight() {
    }

    /**
     * {@code image} lit by a screen showing {@code rgb} (0..255 each) at {@code strength}
     * (0 = no light, 0.3 = a bright screen held close).
     *
     * @param landmarks the face's 468 mesh points (x, y, z) in {@code image}, as the engine or
     *                  {@link FaceRenderer#landmarks} give them
     */
    public static RgbImage relight(RgbImage image, double[] landmarks, int[] rgb, double strength) {
        Objects.requireNonNull(image, "image");
        if (landmarks.length != 3 * FaceAnalysis.MESH_POINTS) {
            throw new IllegalArgumentException("expected " + 3 * FaceAnalysis.MESH_POINTS + " landmark values, got " + landmarks.length);
        }
        if (rgb.length != 3 || !(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("a colour is three values 0..255 and the strength lies in 0..1");
        }
        Box face = FaceEngine.extent(landmarks);
        double cx = face.centerX();
        double cy = face.centerY();
        double ax = face.width() / 2;
        double ay = face.height() / 2;
        byte[] out = image.rgb().clone();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double dx = (x - cx) / ax;
                double dy = (y - cy) / ay;
                double r = Math.sqrt(dx * dx + dy * dy);
                double onFace = r <= 0.9 ? 1 : r >= 1 ? 0 : (1 - r) / 0.1;
                double light = strength * (BACKGROUND_SHARE + (1 - BACKGROUND_SHARE) * onFace);
                int i = (y * image.width() + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int v = out[i + c] & 0xff;
                    out[i + c] = (byte) Math.min(255, Math.round(v + light * v * rgb[c] / 255.0));
                }
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }
}
