package org.openliveness.engine.antispoof;

import java.util.Objects;

/**
 * A passive presentation-attack model's answer for one face.
 *
 * @param model the model's name ({@link PadModelDescriptor#name()}, e.g. {@code fr_liveness})
 * @param live  the probability, 0..1, that the face is live (bona fide) rather than a print, a
 *              screen or a mask
 */
public record LiveScore(String model, double live) {

    public LiveScore {
        Objects.requireNonNull(model, "model");
        if (!(live >= 0 && live <= 1)) {
            throw new IllegalArgumentException("expected a live probability in 0..1, got " + live);
        }
    }
}
