package org.openliveness.engine.landmarks;

import org.openliveness.engine.geometry.Affine2D;

/**
 * The 468-point mesh of one face and the crop it was measured in.
 *
 * @param landmarks   468 × (x, y, z) in image pixels; z is relative depth in the same scale,
 *                    smaller = closer to the camera
 * @param score       the mesh model's face confidence, 0..1
 * @param cropToImage maps pixel coordinates of the {@value FaceMesh#SIZE}-px face crop to image
 *                    pixels; the same crop feeds the expression and anti-spoof models
 */
public record MeshFit(double[] landmarks, double score, Affine2D cropToImage) {}
