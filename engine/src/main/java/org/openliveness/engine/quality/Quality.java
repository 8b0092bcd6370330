package org.openliveness.engine.quality;

/**
 * Image quality of the face region.
 *
 * @param faceSize   the longer side of the face box in pixels
 * @param brightness mean luma of the face region, 0..255
 * @param contrast   standard deviation of luma in the face region, 0..255
 * @param sharpness  variance of the Laplacian of luma in the face region, resampled to a
 *                   fixed 128×128 so it does not grow with resolution (higher = sharper)
 */
public record Quality(double faceSize, double brightness, double contrast, double sharpness) {}
