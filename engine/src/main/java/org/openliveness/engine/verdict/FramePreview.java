package org.openliveness.engine.verdict;

import java.util.List;
import java.util.Objects;
import org.openliveness.engine.geometry.Box;

/**
 * What a capture client needs to guide the person before a challenge: where the face is in a
 * small preview frame and what to change. Never the verdict's measures or thresholds.
 *
 * @param width  the frame's width, pixels
 * @param height the frame's height, pixels
 * @param faces  faces found
 * @param box    the largest face's box (pixels, origin top-left), or null without a face
 * @param hints  what to change, most important first; {@link Hint#OK} alone when nothing
 */
public record FramePreview(int width, int height, int faces, Box box, List<Hint> hints) {

    /** One piece of guidance. */
    public enum Hint {
        /** The face is well placed and lit. */
        OK,
        /** No face in the frame. */
        NO_FACE,
        /** More than one face in the frame. */
        MULTIPLE_FACES,
        /** The face is too small: come closer. */
        TOO_FAR,
        /** The face fills too much of the frame: move back. */
        TOO_CLOSE,
        /** The face is off the frame's centre. */
        NOT_CENTRED,
        /** The face is too dark. */
        TOO_DARK,
        /** The face is too bright. */
        TOO_BRIGHT,
        /** The face is blurred: hold still. */
        BLURRED
    }

    public FramePreview {
        hints = List.copyOf(hints);
        if (hints.isEmpty()) {
            throw new IllegalArgumentException("a preview has at least one hint");
        }
        Objects.requireNonNull(hints, "hints");
    }
}
