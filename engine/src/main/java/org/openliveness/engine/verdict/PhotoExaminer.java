package org.openliveness.engine.verdict;

import org.openliveness.engine.image.ImageException;

/**
 * Turns the bytes of an uploaded photo into the evidence the verdict reads: decode, analyse, and
 * apply the usable-face rule. The one path from bytes to evidence for the service, the load
 * command and the evaluation; an interface so the session rules can be tested on canned evidence.
 */
public interface PhotoExaminer {

    /**
     * Examines one photo. Thread-safe.
     *
     * @return the evidence of its one usable face, or why it has none (no face, several faces, too
     *         small, poor quality) — a judged attempt
     * @throws ImageException when the bytes are not an image this server can decode (empty, too large,
     *                        unsupported format, corrupt) — not an attempt at anything
     */
    Examination examine(byte[] photo);

    /**
     * Examines one frame of a burst for {@code type} for the rules that read every frame; what the
     * verdict reads on the answer frame alone may be left for {@link #examineAnswer}: the passive
     * presentation-attack model, and the smile score on a burst for another challenge than
     * {@code SMILE} (NaN then, which the replay check takes as any score). Thread-safe; throws as
     * {@link #examine(byte[])}.
     */
    default BurstFrame examineBurstFrame(byte[] frame, ChallengeType type) {
        return BurstFrame.complete(examine(frame));
    }

    /**
     * The answer frame of a burst examined in full, as {@link #examine(byte[])} would have found it.
     * Thread-safe.
     */
    default Examination examineAnswer(BurstFrame frame) {
        return frame.completed();
    }

    /**
     * Guidance for a small preview frame (where the face is, what to change); decides nothing.
     *
     * @throws ImageException as {@link #examine(byte[])}
     */
    FramePreview preview(byte[] frame);
}
