package org.openliveness.engine.quality;

import org.openliveness.engine.geometry.Box;
import org.openliveness.engine.geometry.ChannelLayout;
import org.openliveness.engine.geometry.Normalisation;
import org.openliveness.engine.geometry.Warp;
import org.openliveness.engine.image.RgbImage;

/**
 * Brightness, contrast and sharpness of a face region, measured on the region resampled to a
 * fixed {@value #SIZE}×{@value #SIZE} grey patch so that the numbers do not depend on the
 * photo's resolution.
 */
public final class QualityMeasures {

    static final int SIZE = 128;

    private QualityMeasures() {}

    /** Quality of the face inside {@code box} (image pixels). */
    public static Quality measure(RgbImage image, Box box) {
        float[] grey = Warp.cropToTensor(image, Warp.boxToSquare(box.x(), box.y(), Math.max(box.width(), 1),
                Math.max(box.height(), 1), SIZE), SIZE, SIZE, ChannelLayout.GREY, Normalisation.raw());
        return new Quality(Math.max(box.width(), box.height()), mean(grey), Math.sqrt(variance(grey)), laplacianVariance(grey, SIZE));
    }

    static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double variance(float[] values) {
        double mean = mean(values);
        double sum = 0;
        for (float v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    /** Variance of the 4-neighbour Laplacian over the interior of a square {@code size}² patch. */
    static double laplacianVariance(float[] grey, int size) {
        float[] lap = new float[(size - 2) * (size - 2)];
        int k = 0;
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                int i = y * size + x;
                lap[k++] = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - 4 * grey[i];
            }
        }
        return variance(lap);
    }
}
