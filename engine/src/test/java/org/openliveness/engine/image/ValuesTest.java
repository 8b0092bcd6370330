package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Validation of the public records. */
class ValuesTest {

    @Test
    void defaultLimits() {
        assertEquals(10L * 1024 * 1024, ImageLimits.DEFAULTS.maxBytes());
        assertEquals(50_000_000L, ImageLimits.DEFAULTS.maxPixels());
        assertEquals(32, ImageLimits.DEFAULTS.minSide());
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1000, 1000, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1000, 1023, 32));
        assertEquals(1024, new ImageLimits(1000, 1024, 32).maxPixels());
    }

    @Test
    void decodedImageChecksItsConventions() {
        RgbImage portrait = new RgbImage(50, 100, new byte[50 * 100 * 3]);
        DecodedImage ok = new DecodedImage(portrait, ImageFormat.JPEG, 6, 199, 99, 2);
        assertEquals(6, ok.exifOrientation());
        assertThrows(IllegalArgumentException.class, () -> new DecodedImage(portrait, ImageFormat.JPEG, 1, 199, 99, 2));
        assertThrows(IllegalArgumentException.class, () -> new DecodedImage(portrait, ImageFormat.JPEG, 0, 100, 50, 1));
        assertThrows(IllegalArgumentException.class, () -> new DecodedImage(portrait, ImageFormat.JPEG, 6, 100, 50, 0));
        assertThrows(NullPointerException.class, () -> new DecodedImage(portrait, null, 6, 100, 50, 1));
    }

    @Test
    void exceptionCarriesItsCode() {
        ImageException e = new ImageException(ImageException.Code.CORRUPT, "broken", new IllegalStateException("x"));
        assertEquals(ImageException.Code.CORRUPT, e.code());
        assertEquals("broken", e.getMessage());
    }
}
