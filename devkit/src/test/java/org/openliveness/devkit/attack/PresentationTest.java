package org.openliveness.devkit.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.image.RgbImage;

/** The simulated presentations: reproducible, size-preserving, and actually changing the photo. */
class PresentationTest {

    private static final List<LongFunction<Presentation>> KINDS =
            List.of(PrintAttack::random, ScreenAttack::random, CameraVariant::random);

    /** A 201×163 test card: colour gradients, a black and a white block, fine stripes. */
    private static RgbImage card() {
        int w = 201, h = 163;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                int r = 255 * x / (w - 1), g = 255 * y / (h - 1), b = (x / 3) % 2 == 0 ? 200 : 60;
                if (x > 20 && x < 60 && y > 20 && y < 60) {
                    r = g = b = 0;
                } else if (x > 120 && x < 160 && y > 90 && y < 130) {
                    r = g = b = 255;
                }
                rgb[i] = (byte) r;
                rgb[i + 1] = (byte) g;
                rgb[i + 2] = (byte) b;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void theSameSeedGivesTheSameParametersAndTheSameBytes() {
        RgbImage card = card();
        for (LongFunction<Presentation> kind : KINDS) {
            Presentation a = kind.apply(42);
            Presentation b = kind.apply(42);
            assertEquals(a, b);
            assertArrayEquals(a.apply(card).rgb(), b.apply(card).rgb(), a.species());
            assertNotEquals(a, kind.apply(43), a.species() + ": another seed draws other parameters");
            assertFalse(Arrays.equals(a.apply(card).rgb(), kind.apply(43).apply(card).rgb()), a.species());
        }
    }

    @Test
    void everyPresentationKeepsTheSizeAndChangesThePicture() {
        RgbImage card = card();
        for (LongFunction<Presentation> kind : KINDS) {
            for (long seed = 1; seed <= 5; seed++) {
                Presentation p = kind.apply(seed);
                RgbImage out = p.apply(card);
                assertEquals(card.width(), out.width());
                assertEquals(card.height(), out.height());
                double change = meanAbsoluteDifference(card, out);
                assertTrue(change > 2, p.species() + " seed " + seed + " changed the picture by only " + change + " levels");
            }
        }
    }

    @Test
    void printsAndScreensLiftTheBlacksAndAttacksAreLabelledAsSuch() {
        RgbImage card = card();
        for (long seed = 1; seed <= 5; seed++) {
            for (Presentation p : List.of(PrintAttack.random(seed), ScreenAttack.random(seed))) {
                assertTrue(p.attack());
                // Whatever the camera sees where the black block was (the sheet's lifted black or the
                // background around the sheet), it is not black.
                int level = card.width() * 40 + 40;
                RgbImage out = p.apply(card);
                int grey = ((out.rgb()[3 * level] & 0xFF) + (out.rgb()[3 * level + 1] & 0xFF) + (out.rgb()[3 * level + 2] & 0xFF)) / 3;
                assertTrue(grey >= 8, p.species() + " seed " + seed + ": black shown as " + grey);
            }
            assertFalse(CameraVariant.random(seed).attack());
        }
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF));
        }
        return (double) sum / a.rgb().length;
    }
}
