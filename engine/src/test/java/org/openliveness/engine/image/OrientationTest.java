package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OrientationTest {

    /**
     * Stored 3x2 image:
     * <pre>
     * a b c
     * d e f
     * </pre>
     */
    private static final RgbImage STORED = image(3, 2, 'a', 'b', 'c', 'd', 'e', 'f');

    @Test
    void allEightOrientations() {
        assertSame(STORED, Orientation.apply(STORED, 1));
        assertImage(Orientation.apply(STORED, 2), 3, "cba", "fed");
        assertImage(Orientation.apply(STORED, 3), 3, "fed", "cba");
        assertImage(Orientation.apply(STORED, 4), 3, "def", "abc");
        assertImage(Orientation.apply(STORED, 5), 2, "ad", "be", "cf");
        assertImage(Orientation.apply(STORED, 6), 2, "da", "eb", "fc");
        assertImage(Orientation.apply(STORED, 7), 2, "fc", "eb", "da");
        assertImage(Orientation.apply(STORED, 8), 2, "cf", "be", "ad");
    }

    @Test
    void clockwiseThenCounterClockwiseIsIdentity() {
        RgbImage turned = Orientation.apply(Orientation.apply(STORED, 6), 8);
        assertImage(turned, 3, "abc", "def");
    }

    @Test
    void keepsAllThreeChannels() {
        RgbImage image = new RgbImage(1, 2, new byte[] {1, 2, 3, 4, 5, 6});
        RgbImage turned = Orientation.apply(image, 6);
        assertEquals(2, turned.width());
        assertEquals(1, turned.height());
        assertEquals(0x040506, turned.rgbAt(0, 0));
        assertEquals(0x010203, turned.rgbAt(1, 0));
    }

    @Test
    void rejectsValuesOutsideOneToEight() {
        assertThrows(IllegalArgumentException.class, () -> Orientation.apply(STORED, 0));
        assertThrows(IllegalArgumentException.class, () -> Orientation.apply(STORED, 9));
    }

    /** An image whose pixel is (label, label + 1, label + 2), labels given row by row. */
    private static RgbImage image(int width, int height, char... labels) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < labels.length; i++) {
            rgb[3 * i] = (byte) labels[i];
            rgb[3 * i + 1] = (byte) (labels[i] + 1);
            rgb[3 * i + 2] = (byte) (labels[i] + 2);
        }
        return new RgbImage(width, height, rgb);
    }

    private static void assertImage(RgbImage actual, int width, String... rows) {
        assertEquals(width, actual.width());
        assertEquals(rows.length, actual.height());
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < width; x++) {
                char label = rows[y].charAt(x);
                assertEquals((label << 16) | ((label + 1) << 8) | (label + 2), actual.rgbAt(x, y),
                        "pixel " + x + "," + y + " should be " + label);
            }
        }
    }
}
