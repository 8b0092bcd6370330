package org.openliveness.engine.verdict;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One frame of a burst as {@link PhotoExaminer#examineBurstFrame} left it: examined for what the
 * burst's rules read on every frame (face, pose, expression, identity, fingerprint, colour), and
 * able to complete itself with what the verdict reads on the answer frame alone (the passive
 * presentation-attack model) — see {@link PhotoExaminer#examineAnswer}.
 */
public final class BurstFrame {

    private final Examination examination;
    private final Supplier<Examination> complete;

    private BurstFrame(Examination examination, Supplier<Examination> complete) {
        this.examination = Objects.requireNonNull(examination, "examination");
        this.complete = complete;
    }

    /** A frame examined in full: nothing left to add. */
    public static BurstFrame complete(Examination examination) {
        return new BurstFrame(examination, null);
    }

    /** A frame examined in part; {@code complete} examines it in full (called at most once, for the answer frame). */
    public static BurstFrame partial(Examination examination, Supplier<Examination> complete) {
        return new BurstFrame(examination, Objects.requireNonNull(complete, "complete"));
    }

    /** What was found on the frame; a usable frame's {@code live} may be NaN (not yet measured). */
    public Examination examination() {
        return examination;
    }

    Examination completed() {
        return complete == null ? examination : complete.get();
    }
}
