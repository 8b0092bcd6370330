package org.openliveness.engine.expression;

/**
 * How open each eye is, 0 (closed) to 1 (wide open). {@code left} is the subject's own
 * left eye, which appears on the image's right.
 *
 * @param left       openness of the subject's left eye, 0..1
 * @param right      openness of the subject's right eye, 0..1
 * @param leftRatio  the left eye's aspect ratio (mean lid gap over corner distance)
 * @param rightRatio the right eye's aspect ratio
 */
public record EyeOpenness(double left, double right, double leftRatio, double rightRatio) {}
