package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openliveness.engine.image.RgbImage;

class LoadPhotosTest {

    @Test
    void aPortraitFillsTheCamerasLandscapeFrameCutAroundItsMiddle() {
        // 100 × 200: the top half dark, the bottom half light.
        byte[] rgb = new byte[100 * 200 * 3];
        java.util.Arrays.fill(rgb, 0, rgb.length / 2, (byte) 20);
        java.util.Arrays.fill(rgb, rgb.length / 2, rgb.length, (byte) 220);
        RgbImage filled = LoadPhotos.filled(new RgbImage(100, 200, rgb), 640, 480);

        assertEquals(640, filled.width());
        assertEquals(480, filled.height());
        // Scaled to 640 × 1280 and cut to its middle 480 rows: the boundary between the halves in the middle.
        assertEquals(20, filled.rgb()[(100 * 640 + 5) * 3] & 0xff, "dark above the middle");
        assertEquals(220, filled.rgb()[(380 * 640 + 635) * 3] & 0xff, "light below it, edge to edge");
    }
}
