package org.openliveness.engine;

import java.util.List;
import java.util.Map;
import org.openliveness.engine.image.ImageFormat;

/**
 * The analysis of one photo.
 *
 * @param width       width analysed, after EXIF orientation and any subsampled decode
 * @param height      height analysed
 * @param format      the format found by the file's magic bytes
 * @param orientation the EXIF orientation applied (1 = none)
 * @param scale       analysed pixels per stored pixel (1, or 1/n when decoded subsampled)
 * @param faces       faces found, largest first
 * @param timingsMs   wall time per stage in milliseconds, in pipeline order
 */
public record ImageAnalysis(int width, int height, ImageFormat format, int orientation, double scale,
                            List<FaceAnalysis> faces, Map<String, Double> timingsMs) {

    public ImageAnalysis {
        faces = List.copyOf(faces);
        timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
    }
}
