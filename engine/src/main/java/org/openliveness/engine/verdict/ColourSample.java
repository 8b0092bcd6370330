package org.openliveness.engine.verdict;

import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.image.RgbImage;

/**
 * The mean colour of a face and of what surrounds it in one frame, for the screen-light check:
 * light from the screen reaches the near face far more than the background, while the camera's
 * white balance shifts both alike. Values are 0..255 sRGB means, NaN where no pixel was sampled.
 *
 * @param faceR   mean red over the face's centre (half the box's width and height: cheeks, nose)
 * @param faceG   mean green over the face's centre
 * @param faceB   mean blue over the face's centre
 * @param aroundR mean red over the ring between 1.4 and 2 box sizes around the face, inside the image
 * @param aroundG mean green over that ring
 * @param aroundB mean blue over that ring
 */
public record ColourSample(double faceR, double faceG, double faceB, double aroundR, double aroundG, double aroundB) {

    /** Samples every second pixel of each region. */
    public static ColourSample of(RgbImage image, Box face) {
        double[] inner = mean(image, scaled(face, 0.5), null);
        double[] ring = mean(image, scaled(face, 2.0), scaled(face, 1.4));
        return new ColourSample(inner[0], inner[1], inner[2], ring[0], ring[1], ring[2]);
    }

    /** The face's chromaticity (r, g) = (R, G) / (R + G + B): brightness-free colour. */
    public double[] faceChroma() {
        return chroma(faceR, faceG, faceB);
    }

    /** The surround's chromaticity. */
    public double[] aroundChroma() {
        return chroma(aroundR, aroundG, aroundB);
    }

    static double[] chroma(double r, double g, double b) {
        double sum = r + g + b;
        return sum > 0 ? new double[] {r / sum, g / sum} : new double[] {Double.NaN, Double.NaN};
    }

    private static Box scaled(Box b, double factor) {
        double w = b.width() * factor;
        double h = b.height() * factor;
        return new Box(b.centerX() - w / 2, b.centerY() - h / 2, w, h);
    }

    /** Mean RGB over the pixels of {@code in} (clipped to the image) that are not in {@code out}. */
    private static double[] mean(RgbImage image, Box in, Box out) {
        int x0 = (int) Math.max(0, Math.floor(in.x()));
        int y0 = (int) Math.max(0, Math.floor(in.y()));
        int x1 = (int) Math.min(image.width(), Math.ceil(in.x2()));
        int y1 = (int) Math.min(image.height(), Math.ceil(in.y2()));
        double r = 0;
        double g = 0;
        double b = 0;
        long n = 0;
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                if (out != null && x >= out.x() && x < out.x2() && y >= out.y() && y < out.y2()) {
                    continue;
                }
                int rgb = image.rgbAt(x, y);
                r += (rgb >> 16) & 0xff;
                g += (rgb >> 8) & 0xff;
                b += rgb & 0xff;
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {r / n, g / n, b / n};
    }
}
