package org.openliveness.devkit.attack;

import org.openliveness.engine.image.RgbImage;

/**
 * One simulated way of showing a photo to a camera. Implementations are records of every
 * parameter (drawn from a seed by their {@code random} factories), so a presentation can be
 * written down and repeated: {@link #apply} is a pure function of the record and the photo
 * (identical inputs give identical bytes) and keeps the photo's size.
 */
public sealed interface Presentation permits PrintAttack, ScreenAttack, CameraVariant {

    /** The photo as the camera would see it presented this way. */
    RgbImage apply(RgbImage photo);

    /** {@code print}, {@code screen} or {@code camera}: the attack species, or bona fide camera variation. */
    String species();

    /** Whether this is a presentation attack (rather than a bona fide capture). */
    default boolean attack() {
        return !(this instanceof CameraVariant);
    }
}
