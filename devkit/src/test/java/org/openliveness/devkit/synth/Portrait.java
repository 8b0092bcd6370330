package org.openliveness.devkit.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openliveness.engine.FaceAnalysis;
import org.openliveness.engine.FaceEngine;
import org.openliveness.engine.Samples;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;

/**
 * A single-face portrait cut from a real photo: the woman at the top of face-api's
 * {@code sample5.jpg} (hair tied back, eyes open, mouth closed, not smiling; the engine measures a
 * yaw of about +15° and a pitch of about −15°). Her face box is cropped with a margin of 0.6 box
 * widths left and right and 0.5 box heights above and below, and the crop is scaled to
 * {@value #WIDTH} px wide (about 1.6×).
 *
 * <p>Chosen among the sample faces that look at the camera because the engine follows its rendered
 * turns well in both directions (measured yaw changes of about +26° and −30° for turns of ±30°).
 * The most frontal-looking face, the woman on the left of {@code sample3.jpg} (yaw ≈ −16°), gave
 * +30° but only −22° for −30°: turning her further away, to a mesh yaw of −46°, the engine's mesh
 * places the far cheek on the visible outline instead of behind the nose and under-reads the turn.
 *
 * @param image the portrait
 * @param face  its single face as the engine measures it
 */
record Portrait(RgbImage image, FaceAnalysis face) {

    static final String SAMPLE = "sample5.jpg";
    static final int WIDTH = 600;
    /** Roughly where the chosen face sits in the sample (its box centre, pixels). */
    private static final double FACE_X = 862;
    private static final double FACE_Y = 230;

    static Portrait load(FaceEngine engine) {
        RgbImage photo = engine.decode(Samples.bytes(SAMPLE)).image();
        FaceAnalysis chosen = engine.analyze(photo).stream()
                .min(Comparator.comparingDouble(f -> Math.hypot(f.box().centerX() - FACE_X, f.box().centerY() - FACE_Y)))
                .orElseThrow();
        Box box = chosen.box();
        int x = (int) Math.round(box.x() - 0.6 * box.width());
        int y = (int) Math.round(box.y() - 0.5 * box.height());
        int w = (int) Math.round(2.2 * box.width());
        int h = (int) Math.round(2.0 * box.height());
        RgbImage crop = crop(photo, x, y, w, h);
        RgbImage portrait = Warp.resize(crop, WIDTH, (int) Math.round((double) WIDTH * h / w));
        List<FaceAnalysis> faces = engine.analyze(portrait);
        if (faces.size() != 1) {
            throw new IllegalStateException("expected one face in the portrait, found " + faces.size());
        }
        return new Portrait(portrait, faces.get(0));
    }

    /**
     * The faces of all six sample photos except the portrait's own, for checking that a rendering is
     * still more like the portrait's person than like anyone else.
     */
    static List<FaceAnalysis> otherFaces(FaceEngine engine) {
        List<FaceAnalysis> others = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String name = "sample" + i + ".jpg";
            for (FaceAnalysis f : engine.analyze(Samples.bytes(name)).faces()) {
                boolean own = name.equals(SAMPLE)
                        && Math.hypot(f.box().centerX() - FACE_X, f.box().centerY() - FACE_Y) < f.box().width() / 2;
                if (!own) {
                    others.add(f);
                }
            }
        }
        return others;
    }

    static RgbImage crop(RgbImage img, int x, int y, int w, int h) {
        if (x < 0 || y < 0 || x + w > img.width() || y + h > img.height()) {
            throw new IllegalArgumentException("crop outside the image");
        }
        byte[] out = new byte[w * h * 3];
        for (int j = 0; j < h; j++) {
            System.arraycopy(img.rgb(), ((y + j) * img.width() + x) * 3, out, j * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }
}
