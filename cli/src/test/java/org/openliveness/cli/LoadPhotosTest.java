package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.RgbImage;

class LoadPhotosTest {

    @Test
    void aBurstFramePutsTheFaceWhereTheCaptureComponentsOvalHasIt() {
        // 100 × 200, grey 20, with a "face": a light 40 × 50 block at (30, 40).
        int w = 100;
        int h = 200;
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) 20);
        for (int y = 40; y < 90; y++) {
            for (int x = 30; x < 70; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * (y * w + x) + c] = (byte) 220;
                }
            }
        }
        RgbImage framed = LoadPhotos.framed(new RgbImage(w, h, rgb), new Box(30, 40, 40, 50), 640, 480);

        assertEquals(640, framed.width());
        assertEquals(480, framed.height());
        // Face height 0.55 × 480 = 264 px (scale 5.28), centred at x 320, y 0.46 × 480 ≈ 221.
        double top = 0.46 * 480 - 132;
        double bottom = 0.46 * 480 + 132;
        assertEquals(220, at(framed, 320, (int) top + 3), "inside the face, just below its top");
        assertEquals(20, at(framed, 320, (int) top - 3), "above it");
        assertEquals(220, at(framed, 320, (int) bottom - 3), "just above its bottom");
        assertEquals(20, at(framed, 320, (int) bottom + 3), "below it");
        assertEquals(220, at(framed, 320 - 100, 221), "its left part (105 px either side of the centre)");
        assertEquals(20, at(framed, 320 - 112, 221), "left of it");
        assertEquals(20, at(framed, 0, 0), "beyond the rendering's edge, its border goes on");
    }

    private static int at(RgbImage image, int x, int y) {
        return image.rgb()[3 * (y * image.width() + x)] & 0xff;
    }
}
