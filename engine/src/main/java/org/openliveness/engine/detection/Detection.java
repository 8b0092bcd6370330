package org.openliveness.engine.detection;

import org.openliveness.engine.geometry.Box;

/**
 * One face found by the detector, in image pixels.
 *
 * @param box       the detector's box
 * @param score     confidence, 0..1
 * @param keypoints six points as x, y pairs: right eye, left eye (the subject's), nose tip,
 *                  mouth centre, right ear tragion, left ear tragion
 */
public record Detection(Box box, double score, double[] keypoints) {

    public Detection {
        if (keypoints.length != 12) {
            throw new IllegalArgumentException("expected 6 keypoints, got " + keypoints.length / 2.0);
        }
    }

    public double keypointX(int i) {
        return keypoints[2 * i];
    }

    public double keypointY(int i) {
        return keypoints[2 * i + 1];
    }
}
