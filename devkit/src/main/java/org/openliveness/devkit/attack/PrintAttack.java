package org.openliveness.devkit.attack;

import java.util.Random;
import org.openliveness.engine.image.RgbImage;

/**
 * A photo printed on paper and photographed: colour halftone dots, the paper's limited range
 * (lifted, greyish blacks and an off-white paper), paper texture, the sheet held at an angle in
 * front of a background, uneven light with a faint sheen, and the camera's blur and noise.
 *
 * <p>Made up: real prints also differ in printer, paper, lighting and camera in ways this does not
 * model; see the package comment. Angles in degrees, lengths in pixels of the photo, levels on the
 * 0..1 scale of pixel values.
 *
 * @param halftonePitch  distance between halftone dots
 * @param halftoneMix    share of the halftoned picture blended over the smooth one (dot gain and
 *                       the camera soften the dots), 0..1
 * @param inkBlack       level of full ink (the darkest the print gets)
 * @param paperWhite     level of bare paper, red channel; green and blue are slightly lower (warm paper)
 * @param warmth         how much lower blue is than red on bare paper
 * @param desaturation   share of each colour replaced by its grey, 0..1
 * @param texture        amplitude of the paper texture, relative
 * @param yaw            sheet turned about the vertical axis
 * @param pitch          sheet turned about the horizontal axis
 * @param roll           sheet rotated in its plane
 * @param scale          sheet size relative to the frame (below 1 shows the background around it)
 * @param background     colour around the sheet, 0xRRGGBB
 * @param lightGradient  brightness change across the frame, relative
 * @param lightAngle     direction of that change
 * @param sheen          strength of a soft glossy band
 * @param blur           camera blur, Gaussian sigma
 * @param noise          camera noise, standard deviation
 * @param noiseSeed      seed of the texture and noise
 */
public record PrintAttack(double halftonePitch, double halftoneMix, double inkBlack, double paperWhite, double warmth,
                          double desaturation, double texture, double yaw, double pitch, double roll, double scale,
                          int background, double lightGradient, double lightAngle, double sheen, double blur,
                          double noise, long noiseSeed) implements Presentation {

    /** Screen angles of the cyan, magenta and yellow dots, as in offset printing. */
    private static final double[] SCREEN_ANGLES = {15, 75, 0};

    /** Parameters drawn from {@code seed}. */
    public static PrintAttack random(long seed) {
        Random r = seeded(seed);
        int[] backgrounds = {0x6B5B4B, 0xA89F91, 0x3C3C40, 0xD8D4CC, 0x807060};
        return new PrintAttack(
                uniform(r, 1.6, 3.2), uniform(r, 0.35, 0.75), uniform(r, 0.08, 0.22), uniform(r, 0.88, 0.97),
                uniform(r, 0.02, 0.07), uniform(r, 0.1, 0.35), uniform(r, 0.02, 0.05),
                uniform(r, -20, 20), uniform(r, -15, 15), uniform(r, -6, 6), uniform(r, 0.82, 1.0),
                backgrounds[r.nextInt(backgrounds.length)], uniform(r, 0.05, 0.25), uniform(r, 0, 360),
                uniform(r, 0, 0.08), uniform(r, 0.5, 1.2), uniform(r, 0.006, 0.018), r.nextLong());
    }

    @Override
    public String species() {
        return "print";
    }

    @Override
    public RgbImage apply(RgbImage photo) {
        Random random = new Random(noiseSeed);
        Planes p = Planes.of(photo);
        int w = p.width, h = p.height;
        float[] fibres = Planes.smoothField(w, h, 2.0, random);
        float[] blotches = Planes.smoothField(w, h, 24.0, random);
        double[] white = {paperWhite, paperWhite - warmth / 2, paperWhite - warmth};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double grey = 0.299 * p.c[0][i] + 0.587 * p.c[1][i] + 0.114 * p.c[2][i];
                double paper = 1 + texture * (0.6 * fibres[i] + 0.4 * blotches[i]);
                for (int k = 0; k < 3; k++) {
                    double v = p.c[k][i] + desaturation * (grey - p.c[k][i]);
                    double ink = 1 - v;
                    double dots = 1 - halftone(ink, x, y, SCREEN_ANGLES[k]);
                    double printed = (1 - halftoneMix) * v + halftoneMix * dots;
                    p.c[k][i] = (float) ((inkBlack + (white[k] - inkBlack) * printed) * paper);
                }
            }
        }
        p.sheet(yaw, pitch, roll, scale, 0, 0, background);
        light(p);
        return p.blur(blur).noise(random, noise).toImage();
    }

    /**
     * Ink coverage 0..1 of an amplitude-modulated dot screen at pixel {@code (x, y)} for the wanted
     * coverage {@code ink}: a dot grows where the screen function, a pair of cosines along the
     * screen's rotated axes, lies under the coverage; the edge is soft over a fifth of the range.
     */
    private double halftone(double ink, int x, int y, double angleDegrees) {
        double a = Math.toRadians(angleDegrees);
        double u = (x * Math.cos(a) + y * Math.sin(a)) / halftonePitch;
        double v = (-x * Math.sin(a) + y * Math.cos(a)) / halftonePitch;
        double screen = 0.5 - 0.25 * (Math.cos(2 * Math.PI * u) + Math.cos(2 * Math.PI * v));
        return Math.max(0, Math.min(1, (ink - screen) * 5 + 0.5));
    }

    /** A linear brightness gradient across the frame and a soft diagonal sheen band. */
    private void light(Planes p) {
        int w = p.width, h = p.height;
        double a = Math.toRadians(lightAngle);
        double ca = Math.cos(a), sa = Math.sin(a);
        double half = Math.max(w, h) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double along = ((x - w / 2.0) * ca + (y - h / 2.0) * sa) / half;
                double gain = 1 + lightGradient * along;
                double band = sheen * Math.exp(-Math.pow((along - 0.3) / 0.25, 2));
                for (int k = 0; k < 3; k++) {
                    p.c[k][i] = (float) (p.c[k][i] * gain + band);
                }
            }
        }
    }

    /**
     * A generator for {@code seed} after mixing its bits (SplitMix64's finaliser): {@link Random}'s
     * first numbers from nearby seeds (1, 2, 3, …) are nearly equal, which would make the
     * presentations drawn from consecutive seeds alike.
     */
    static Random seeded(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
