package org.openliveness.devkit.attack;

import java.util.Random;
import org.openliveness.engine.image.RgbImage;

/**
 * A photo shown on a screen (a phone or monitor) and photographed: the display's tone (glowing
 * blacks, its own gamma and white point), its pixel grid with red, green and blue subpixel stripes
 * and dark gaps between rows, moiré where that grid beats against the camera's, glare from a light
 * reflected in the glass, the screen held at an angle inside a dark bezel, and the camera's blur
 * and noise.
 *
 * <p>Made up: simulated moiré is far cleaner than what a webcam records (see the package comment).
 * Angles in degrees, lengths in pixels of the photo, levels on the 0..1 scale of pixel values.
 *
 * @param blackLevel   level the display shows for black
 * @param gamma        exponent applied to pixel values by the display
 * @param redGain      red of the display's white point
 * @param blueGain     blue of the display's white point
 * @param pixelPitch   distance between screen pixels, in photo pixels
 * @param gridAngle    rotation of the pixel grid against the camera's
 * @param subpixel     depth of the subpixel stripes, 0..1
 * @param rowGap       depth of the dark gap between pixel rows, 0..1
 * @param moirePeriod  period of the beat pattern
 * @param moireAngle   direction of the beat pattern
 * @param moire        amplitude of the beat pattern, relative
 * @param glareX       glare centre, fraction of the width
 * @param glareY       glare centre, fraction of the height
 * @param glareRadius  glare size, fraction of the width
 * @param glare        glare strength
 * @param veil         level added everywhere by reflections in the glass
 * @param yaw          screen turned about the vertical axis
 * @param pitch        screen turned about the horizontal axis
 * @param roll         screen rotated in its plane
 * @param scale        screen size relative to the frame
 * @param bezel        colour around the screen, 0xRRGGBB
 * @param blur         camera blur, Gaussian sigma
 * @param noise        camera noise, standard deviation
 * @param noiseSeed    seed of the noise
 */
public record ScreenAttack(double blackLevel, double gamma, double redGain, double blueGain, double pixelPitch,
                           double gridAngle, double subpixel, double rowGap, double moirePeriod, double moireAngle,
                           double moire, double glareX, double glareY, double glareRadius, double glare, double veil,
                           double yaw, double pitch, double roll, double scale, int bezel, double blur, double noise,
                           long noiseSeed) implements Presentation {

    /** Parameters drawn from {@code seed}. */
    public static ScreenAttack random(long seed) {
        Random r = PrintAttack.seeded(seed);
        int[] bezels = {0x0A0A0C, 0x1A1A1E, 0x2A2A2E, 0x101418};
        return new ScreenAttack(
                u(r, 0.04, 0.12), u(r, 0.85, 1.15), u(r, 0.92, 1.0), u(r, 1.0, 1.08), u(r, 2.2, 4.5),
                u(r, 0.5, 4), u(r, 0.2, 0.5), u(r, 0.1, 0.3), u(r, 9, 40), u(r, 0, 180), u(r, 0.03, 0.08),
                u(r, 0.15, 0.85), u(r, 0.1, 0.6), u(r, 0.15, 0.4), u(r, 0.1, 0.45), u(r, 0.01, 0.05),
                u(r, -20, 20), u(r, -15, 15), u(r, -6, 6), u(r, 0.8, 1.0), bezels[r.nextInt(bezels.length)],
                u(r, 0.6, 1.3), u(r, 0.006, 0.018), r.nextLong());
    }

    @Override
    public String species() {
        return "screen";
    }

    @Override
    public RgbImage apply(RgbImage photo) {
        Random random = new Random(noiseSeed);
        Planes p = Planes.of(photo);
        int w = p.width, h = p.height;
        double[] gain = {redGain, 1, blueGain};
        double ga = Math.toRadians(gridAngle);
        double ma = Math.toRadians(moireAngle);
        double gx = glareX * w, gy = glareY * h, gr = glareRadius * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double u = (x * Math.cos(ga) + y * Math.sin(ga)) / pixelPitch;
                double v = (-x * Math.sin(ga) + y * Math.cos(ga)) / pixelPitch;
                double fu = u - Math.floor(u);
                double row = 1 + rowGap * Math.cos(2 * Math.PI * (v - Math.floor(v)));
                double beat = 1 + moire * Math.cos(2 * Math.PI * (x * Math.cos(ma) + y * Math.sin(ma)) / moirePeriod);
                double dx = x - gx, dy = (y - gy) * 1.6;
                double flare = glare * Math.exp(-(dx * dx + dy * dy) / (2 * gr * gr));
                for (int k = 0; k < 3; k++) {
                    double shown = blackLevel + (1 - blackLevel) * Math.pow(Math.max(0, p.c[k][i]), gamma) * gain[k];
                    double stripe = 1 + subpixel * Math.cos(2 * Math.PI * (fu - k / 3.0));
                    p.c[k][i] = (float) (shown * stripe * row * beat + flare + veil);
                }
            }
        }
        p.sheet(yaw, pitch, roll, scale, 0, 0, bezel);
        return p.blur(blur).noise(random, noise).toImage();
    }

    private static double u(Random r, double lo, double hi) {
        return PrintAttack.uniform(r, lo, hi);
    }
}
