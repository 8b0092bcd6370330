package org.openliveness.devkit.attack;

import java.util.Random;
import org.openliveness.engine.image.RgbImage;

/**
 * A bona fide photo as another capture by a camera might differ from it: exposure, tone curve,
 * white balance, focus and sensor noise. No geometry changes and nothing of a print or screen; it
 * widens the bona fide class of simulated data so that "any processing at all" does not separate
 * it from the attacks.
 *
 * @param exposure   brightness gain
 * @param gamma      exponent of the tone curve
 * @param redGain    white balance, red
 * @param blueGain   white balance, blue
 * @param blur       Gaussian sigma in pixels
 * @param noise      standard deviation on the 0..1 scale
 * @param noiseSeed  seed of the noise
 */
public record CameraVariant(double exposure, double gamma, double redGain, double blueGain, double blur, double noise,
                            long noiseSeed) implements Presentation {

    /** Parameters drawn from {@code seed}. */
    public static CameraVariant random(long seed) {
        Random r = PrintAttack.seeded(seed);
        return new CameraVariant(PrintAttack.uniform(r, 0.85, 1.15), PrintAttack.uniform(r, 0.9, 1.1),
                PrintAttack.uniform(r, 0.96, 1.04), PrintAttack.uniform(r, 0.96, 1.04), PrintAttack.uniform(r, 0, 0.8),
                PrintAttack.uniform(r, 0.004, 0.015), r.nextLong());
    }

    @Override
    public String species() {
        return "camera";
    }

    @Override
    public RgbImage apply(RgbImage photo) {
        Random random = new Random(noiseSeed);
        Planes p = Planes.of(photo);
        double[] gain = {redGain, 1, blueGain};
        for (int k = 0; k < 3; k++) {
            float[] plane = p.c[k];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) (exposure * gain[k] * Math.pow(Math.max(0, plane[i]), gamma));
            }
        }
        return p.blur(blur).noise(random, noise).toImage();
    }
}
