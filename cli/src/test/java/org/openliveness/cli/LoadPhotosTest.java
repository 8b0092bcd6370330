package org.openliveness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openliveness.engine.image.RgbImage;

class LoadPhotosTest {

    @Test
    void aPortraitFrameIsFittedIntoTheCamerasLandscapeFrameOnGrey() {
        byte[] rgb = new byte[100 * 200 * 3];
        java.util.Arrays.fill(rgb, (byte) 200);
        RgbImage fitted = LoadPhotos.fitted(new RgbImage(100, 200, rgb), 640, 480);

        assertEquals(640, fitted.width());
        assertEquals(480, fitted.height());
        assertEquals(200, fitted.rgb()[(240 * 640 + 320) * 3] & 0xff, "the portrait, scaled to the frame's height, in the middle");
        assertEquals(128, fitted.rgb()[(240 * 640 + 10) * 3] & 0xff, "grey either side");
        assertEquals(200, fitted.rgb()[(0 * 640 + 320) * 3] & 0xff, "from the top edge to the bottom");
    }
}
